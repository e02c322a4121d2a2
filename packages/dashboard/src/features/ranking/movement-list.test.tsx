import { render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { MovementList } from './movement-list';

const MOVEMENT = [
  { indicatorId: 'on_time_acceptance_rate', previousPoints: 10, points: 14.5, pointsDelta: 4.5 },
  { indicatorId: 'mediation_success_rate', previousPoints: 20, points: 17.25, pointsDelta: -2.75 },
];

describe('MovementList', () => {
  it('shows each moving indicator by name with ▲ or ▼ and the change in points', () => {
    render(
      <I18nProvider lang="zh">
        <MovementList movement={MOVEMENT} testId="movement-list" />
      </I18nProvider>,
    );
    const items = screen.getByTestId('movement-list').querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual(['按时受理率▲4.50', '调解成功率▼2.75']);
    expect(items[1]?.querySelector('.move-down')).not.toBeNull();
  });

  it('with points, also shows last month’s and this month’s points', () => {
    render(
      <I18nProvider lang="zh">
        <MovementList movement={MOVEMENT} withPoints testId="movement-list" />
      </I18nProvider>,
    );
    expect(screen.getByTestId('movement-list').querySelector('li')?.textContent).toBe('按时受理率10.00 → 14.50▲4.50');
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { formatMonth } from '../format/months';
import { I18nProvider } from '../i18n/i18n';
import { MonthPicker, PICKER_MONTHS } from './month-picker';

// 2026-12-31 20:00 UTC is already 2027-01-01 in Shanghai: the newest month offered is January 2027.
const NOW = new Date('2026-12-31T20:00:00Z');

describe('MonthPicker', () => {
  it('offers the months newest first, written 2027年1月, from the current Shanghai month back three years', () => {
    render(
      <I18nProvider lang="zh">
        <MonthPicker value="2026-11" onChange={() => undefined} now={NOW} />
      </I18nProvider>,
    );
    const options = within(screen.getByTestId('month-picker')).getAllByRole('option') as HTMLOptionElement[];
    expect(options).toHaveLength(PICKER_MONTHS);
    expect(options.slice(0, 3).map((o) => [o.value, o.textContent])).toEqual([
      ['2027-01', '2027年1月'],
      ['2026-12', '2026年12月'],
      ['2026-11', '2026年11月'],
    ]);
    expect(options.at(-1)?.value).toBe('2024-02');
    expect((screen.getByTestId('month-picker') as HTMLSelectElement).value).toBe('2026-11');
    expect(screen.getByText('月份')).toBeInTheDocument();
  });

  it('keeps a month from the URL that lies further back, and reports the chosen month as YYYY-MM', async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    render(
      <I18nProvider lang="en">
        <MonthPicker value="2020-05" onChange={onChange} now={NOW} />
      </I18nProvider>,
    );
    const select = screen.getByTestId('month-picker') as HTMLSelectElement;
    expect(select.value).toBe('2020-05');
    expect(select.selectedOptions[0]?.textContent).toBe('May 2020');
    await user.selectOptions(select, '2026-10');
    expect(onChange).toHaveBeenCalledWith('2026-10');
  });

  it('writes months the Chinese way and the English way', () => {
    expect(formatMonth('2026-03')).toBe('2026年3月');
    expect(formatMonth('2026-12', 'en')).toBe('Dec 2026');
  });
});

import { render, screen } from '@testing-library/react';
import { type OverdueNode, OverdueTable, severityOf } from './overdue-table';

const node = (caseId: string, overdueWorkdays: number, dueDateProvisional = false): OverdueNode => ({
  caseId,
  kind: 'COMPLAINT',
  registeredAt: '2026-01-05 09:00:00',
  handlingUnitCode: '140105001',
  handlingUnitName: '小店区市场监督管理局',
  respondentName: '某某超市',
  stage: 'CLOSING',
  dueDate: '2026-03-01',
  dueDateProvisional,
  overdueWorkdays,
  objectCategory: null,
  problemCategory: '质量',
  supervisions: [],
});

describe('overdue severity', () => {
  it('maps working days to yellow from 1, orange from 5, red from 15', () => {
    expect([0, 1, 4, 5, 14, 15, 40].map(severityOf)).toEqual(['none', 'yellow', 'yellow', 'orange', 'orange', 'red', 'red']);
  });

  it('highlights each row by its overdue working days', () => {
    render(<OverdueTable nodes={[node('A1', 1), node('A2', 5), node('A3', 15), node('A4', 0)]} />);
    expect(screen.getByTestId('overdue-days-A1')).toHaveClass('sev-yellow');
    expect(screen.getByTestId('overdue-days-A2')).toHaveClass('sev-orange');
    expect(screen.getByTestId('overdue-days-A3')).toHaveClass('sev-red');
    expect(screen.getByTestId('overdue-days-A4')).toHaveClass('sev-none');
    expect(screen.getByTestId('overdue-row-A3')).toHaveTextContent('调解办结');
  });

  it('marks a provisional due date 暂定, with the reason in its tooltip', () => {
    render(<OverdueTable nodes={[node('P1', 2, true), node('P2', 2)]} />);
    const mark = screen.getByTestId('overdue-provisional-P1');
    expect(mark).toHaveTextContent('暂定');
    expect(mark).toHaveAttribute('title', expect.stringContaining('工作日历尚未发布'));
    expect(screen.queryByTestId('overdue-provisional-P2')).toBeNull();
  });
});

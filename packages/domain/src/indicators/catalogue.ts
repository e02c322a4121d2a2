/**
 * The indicator catalogue (indicators.md §4–5): ids, names, units, direction and the default ranking parameters.
 * The formulas live once, as SQL keyed by these ids, in the api (ARCHITECTURE.md "Rules that shape the code").
 */
export type IndicatorUnit = '%' | 'count' | 'yuan' | 'days';

export interface IndicatorDefinition {
  id: string;
  nameZh: string;
  nameEn: string;
  unit: IndicatorUnit;
  /** null: no direction (volumes). */
  higherIsBetter: boolean | null;
  /** Which cohort its counts come from (indicators.md §4). */
  cohort: 'registered' | 'timeliness' | 'closed' | 'overdue';
  /** Default ranking weight, floor and target (indicators.md §5); null when not scored. */
  weight: number | null;
  floor: number | null;
  target: number | null;
}

const volume = (id: string, nameZh: string, nameEn: string): IndicatorDefinition => ({
  id,
  nameZh,
  nameEn,
  unit: 'count',
  higherIsBetter: null,
  cohort: 'registered',
  weight: null,
  floor: null,
  target: null,
});

const rate = (
  id: string,
  nameZh: string,
  nameEn: string,
  cohort: IndicatorDefinition['cohort'],
  scoring: [weight: number, floor: number, target: number] | null,
): IndicatorDefinition => ({
  id,
  nameZh,
  nameEn,
  unit: '%',
  higherIsBetter: true,
  cohort,
  weight: scoring?.[0] ?? null,
  floor: scoring?.[1] ?? null,
  target: scoring?.[2] ?? null,
});

export const INDICATORS: readonly IndicatorDefinition[] = [
  volume('received', '登记量', 'Cases registered'),
  volume('complaints', '投诉量', 'Complaints'),
  volume('reports', '举报量', 'Reports'),
  volume('consultations', '咨询量', 'Consultations'),
  volume('suggestions', '建议量', 'Suggestions'),
  volume('accepted', '受理量', 'Complaints accepted'),
  rate('completion_rate', '办结率', 'Completion rate', 'registered', null),
  rate('timely_dispatch_rate', '及时分送率', 'Timely dispatch rate', 'timeliness', [5, 80, 100]),
  rate('on_time_acceptance_rate', '按时受理率', 'On-time acceptance rate', 'timeliness', [15, 80, 100]),
  rate('on_time_report_verification_rate', '举报按时核查率', 'On-time report verification rate', 'timeliness', [10, 80, 100]),
  rate('on_time_completion_rate', '按时办结率', 'On-time completion rate', 'timeliness', [20, 80, 100]),
  rate('on_time_notification_rate', '实名举报按时告知率', 'On-time reporter notification rate', 'timeliness', [5, 80, 100]),
  rate('mediation_success_rate', '调解成功率', 'Mediation success rate', 'closed', [15, 40, 90]),
  rate('satisfaction_rate', '回访满意率', 'Follow-up satisfaction rate', 'closed', [15, 70, 100]),
  rate('complaint_to_case_rate', '诉转案率', 'Complaint-to-case rate', 'closed', [5, 0, 3]),
  rate('disclosure_rate', '投诉公示率', 'Complaint disclosure rate', 'closed', [5, 50, 100]),
  rate('data_completeness_rate', '数据完整率', 'Data completeness rate', 'closed', [5, 50, 100]),
  {
    id: 'recovered_amount',
    nameZh: '挽回经济损失',
    nameEn: 'Losses recovered',
    unit: 'yuan',
    higherIsBetter: true,
    cohort: 'closed',
    weight: null,
    floor: null,
    target: null,
  },
  {
    id: 'avg_handling_workdays',
    nameZh: '平均办理时长',
    nameEn: 'Average handling time',
    unit: 'days',
    higherIsBetter: false,
    cohort: 'closed',
    weight: null,
    floor: null,
    target: null,
  },
  {
    id: 'overdue_open',
    nameZh: '超期未办结',
    nameEn: 'Overdue open cases',
    unit: 'count',
    higherIsBetter: false,
    cohort: 'overdue',
    weight: null,
    floor: null,
    target: null,
  },
];

export type IndicatorId = (typeof INDICATORS)[number]['id'];

const BY_ID = new Map(INDICATORS.map((i) => [i.id, i]));

export function indicatorById(id: string): IndicatorDefinition | undefined {
  return BY_ID.get(id);
}

/** The scored indicators with their default weights (sum 100). */
export const SCORED_INDICATORS = INDICATORS.filter((i) => i.weight !== null);

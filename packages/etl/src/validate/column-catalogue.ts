/**
 * The columns of the 12315 case export (case-export.md §Columns): Chinese header, English key, CaseRecord field,
 * whether a value is required (●) and how the value is parsed. Personal-data headers (§Files) are listed apart: they
 * are recognised only to be dropped.
 */
import type { CaseRecord } from '@c12315/domain';

export type ValueType =
  | 'caseId'
  | 'text'
  | 'dateTime'
  | 'kind'
  | 'channel'
  | 'unitCode'
  | 'uscc'
  | 'regionCode'
  | 'entityType'
  | 'industry'
  | 'objectCategory'
  | 'problemCategory'
  | 'yesNo'
  | 'amount'
  | 'acceptance'
  | 'rejectionReason'
  | 'status'
  | 'outcome'
  | 'wholeDays'
  | 'satisfaction';

export interface ColumnSpec {
  field: keyof CaseRecord;
  zh: string;
  en: string;
  required: boolean;
  type: ValueType;
}

const col = (field: keyof CaseRecord, zh: string, en: string, type: ValueType, required = false): ColumnSpec => ({
  field,
  zh,
  en,
  type,
  required,
});

export const COLUMNS: readonly ColumnSpec[] = [
  col('caseId', '登记编号', 'case_id', 'caseId', true),
  col('kind', '业务类型', 'kind', 'kind', true),
  col('registeredAt', '登记时间', 'registered_at', 'dateTime', true),
  col('channel', '接收渠道', 'channel', 'channel', true),
  col('handlingUnitName', '承办单位', 'handling_unit_name', 'text', true),
  col('handlingUnitCode', '承办单位代码', 'handling_unit_code', 'unitCode', true),
  col('respondentName', '被诉主体名称', 'respondent_name', 'text'),
  col('respondentUscc', '统一社会信用代码', 'respondent_uscc', 'uscc'),
  col('respondentRegionCode', '主体所在地代码', 'respondent_region_code', 'regionCode'),
  col('entityType', '市场主体类型', 'entity_type', 'entityType'),
  col('industryCode', '行业分类', 'industry_code', 'industry'),
  col('objectCategory', '客体类别', 'object_category', 'objectCategory'),
  col('problemCategory', '问题类别', 'problem_category', 'problemCategory'),
  col('onlinePurchase', '是否网购', 'online_purchase', 'yesNo'),
  col('platformName', '网购平台', 'platform_name', 'text'),
  col('amountInvolved', '涉及金额', 'amount_involved', 'amount'),
  col('dispatchedAt', '分送时间', 'dispatched_at', 'dateTime'),
  col('acceptance', '受理决定', 'acceptance', 'acceptance'),
  col('rejectionReason', '不予受理原因', 'rejection_reason', 'rejectionReason'),
  col('decidedAt', '受理决定时间', 'decided_at', 'dateTime'),
  col('status', '处理状态', 'status', 'status', true),
  col('closedAt', '办结时间', 'closed_at', 'dateTime'),
  col('outcome', '办结结果', 'outcome', 'outcome'),
  col('recoveredAmount', '挽回经济损失', 'recovered_amount', 'amount'),
  col('complaintToCase', '是否诉转案', 'complaint_to_case', 'yesNo'),
  col('filingDecidedAt', '立案决定时间', 'filing_decided_at', 'dateTime'),
  col('extensionApproved', '核查延期', 'extension_approved', 'yesNo'),
  col('pausedDays', '中止天数', 'paused_days', 'wholeDays'),
  col('realNameReport', '实名举报', 'real_name_report', 'yesNo'),
  col('reporterNotifiedAt', '告知时间', 'reporter_notified_at', 'dateTime'),
  col('satisfaction', '回访结果', 'satisfaction', 'satisfaction'),
  col('disclosed', '是否公示', 'disclosed', 'yesNo'),
  col('updatedAt', '更新时间', 'updated_at', 'dateTime', true),
];

export const COLUMN_BY_FIELD: ReadonlyMap<keyof CaseRecord, ColumnSpec> = new Map(COLUMNS.map((c) => [c.field, c]));

/** The Chinese header of a field, used to name the column in every issue. */
export function zhHeader(field: keyof CaseRecord): string {
  return COLUMN_BY_FIELD.get(field)?.zh ?? String(field);
}

export const PERSONAL_HEADERS_ZH: readonly string[] = [
  '投诉人姓名',
  '举报人姓名',
  '联系电话',
  '手机号码',
  '身份证号',
  '证件号码',
  '投诉人地址',
  '电子邮箱',
];
export const PERSONAL_KEYS_EN: readonly string[] = [
  'complainant_name',
  'reporter_name',
  'phone',
  'mobile',
  'id_number',
  'address',
  'email',
];

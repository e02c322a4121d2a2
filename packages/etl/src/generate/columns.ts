/**
 * Column layout of the generated export: every column of case-export.md §Columns under its Chinese header, plus
 * personal-data columns with fake values (so the ETL's dropping is exercised) and one unknown column (listed once
 * in the load summary, ignored).
 */
export const CONTRACT_HEADERS = [
  '登记编号',
  '业务类型',
  '登记时间',
  '接收渠道',
  '承办单位',
  '承办单位代码',
  '被诉主体名称',
  '统一社会信用代码',
  '主体所在地代码',
  '市场主体类型',
  '行业分类',
  '客体类别',
  '问题类别',
  '是否网购',
  '网购平台',
  '涉及金额',
  '分送时间',
  '受理决定',
  '不予受理原因',
  '受理决定时间',
  '处理状态',
  '办结时间',
  '办结结果',
  '挽回经济损失',
  '是否诉转案',
  '立案决定时间',
  '核查延期',
  '中止天数',
  '实名举报',
  '告知时间',
  '回访结果',
  '是否公示',
  '更新时间',
] as const;

export type ContractHeader = (typeof CONTRACT_HEADERS)[number];

/** case-export.md §Files: never stored; the generator fills them with obviously fake, masked values. */
export const PERSONAL_HEADERS = ['投诉人姓名', '举报人姓名', '联系电话', '身份证号', '电子邮箱'] as const;

/** Not in the contract: the ETL must ignore it and list it once. */
export const UNKNOWN_HEADERS = ['诉求摘要'] as const;

/** Printed order: personal columns sit after the channel, as in the platform's own export. */
export const EXPORT_HEADERS: readonly string[] = [
  ...CONTRACT_HEADERS.slice(0, 4),
  ...PERSONAL_HEADERS,
  ...CONTRACT_HEADERS.slice(4),
  ...UNKNOWN_HEADERS,
];

export const DATE_HEADERS: readonly string[] = [
  '登记时间',
  '分送时间',
  '受理决定时间',
  '办结时间',
  '立案决定时间',
  '告知时间',
  '更新时间',
];

export type ExportRow = Record<string, string>;

const EMPTY_ROW: ExportRow = Object.fromEntries(EXPORT_HEADERS.map((h) => [h, '']));

/** A row with every export column present and empty (a spread clone: the hot path of a million-row run). */
export function emptyRow(): ExportRow {
  return { ...EMPTY_ROW };
}

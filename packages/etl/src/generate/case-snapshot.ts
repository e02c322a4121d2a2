/**
 * A case as an export taken at moment `asOf` prints it: only events up to `asOf` have happened, the status follows
 * from them, and 更新时间 is just after the last of them (never after `asOf`), so it is later than every other date
 * of the row (consistency rule 1).
 */
import { CASE_KIND_ZH } from '@c12315/domain';
import type { CaseFacts } from './case-facts';
import { type ExportRow, emptyRow } from './columns';
import { formatTs, formatTsVariant } from './wall-clock';

function eventTimes(f: CaseFacts): number[] {
  const l = f.life;
  return [l.dispatchedTs, l.decidedTs, l.filingTs, l.notifiedTs, l.closedTs, l.callbackTs].filter(
    (t): t is number => t !== null && Number.isFinite(t),
  );
}

/** Does the case change between two exports taken at `earlier` and `later`? */
export function changesBetween(f: CaseFacts, earlier: number, later: number): boolean {
  return eventTimes(f).some((t) => t > earlier && t <= later);
}

/** `1234567.50` → `1,234,567.50` (toLocaleString is an ICU call per value: too slow for a million rows). */
function withThousands(fixed: string): string {
  const [int, frac] = fixed.split('.') as [string, string];
  return `${int.replace(/\B(?=(\d{3})+$)/g, ',')}.${frac}`;
}

export function formatAmount(amount: number, variant: number): string {
  if (variant < 85) return amount.toFixed(2);
  if (variant < 93) return withThousands(amount.toFixed(2));
  if (variant < 98) return `￥${amount}`;
  return String(amount);
}

export function printSnapshot(f: CaseFacts, asOf: number): ExportRow {
  const l = f.life;
  const seen = (t: number | null): t is number => t !== null && t <= asOf;
  const date = (t: number) => (f.dateVariant < 0 ? formatTs(t) : formatTsVariant(t, f.dateVariant));
  const row = emptyRow();
  const op = f.operator;
  const closed = seen(l.closedTs);
  const decided = seen(l.decidedTs);

  row.登记编号 = f.caseId;
  row.业务类型 = CASE_KIND_ZH[f.kind];
  row.登记时间 = date(f.regTs);
  row.接收渠道 = f.channel;
  Object.assign(row, f.personal);
  row.承办单位 = f.unit.name;
  row.承办单位代码 = f.unit.code;
  if (op) {
    row.被诉主体名称 = op.name;
    row.统一社会信用代码 = op.uscc ?? '';
    row.主体所在地代码 = op.regionCode;
    row.市场主体类型 = op.entityType;
    // ~3 % of complaints and reports leave the industry empty (indicators.md §4 数据完整率 must not be 100 %).
    row.行业分类 = f.amountVariant < 3 ? '' : op.industryCode;
  }
  row.客体类别 = f.objectCategory;
  row.问题类别 = f.problemCategory;
  row.是否网购 = f.online;
  row.网购平台 = f.platform;
  if (f.amount !== null) row.涉及金额 = formatAmount(f.amount, f.amountVariant);
  if (seen(l.dispatchedTs)) row.分送时间 = date(l.dispatchedTs);
  if (decided) {
    row.受理决定 = l.acceptance ?? '';
    row.不予受理原因 = l.rejectionReason ?? '';
    row.受理决定时间 = date(l.decidedTs as number);
  }
  if (closed) {
    row.处理状态 = '已办结';
    row.办结时间 = date(l.closedTs);
    row.办结结果 = l.outcome;
    if (f.recovered !== null) row.挽回经济损失 = formatAmount(f.recovered, f.amountVariant);
    row.是否诉转案 = f.complaintToCase;
    row.是否公示 = f.disclosed;
  } else if (l.dispatchedTs !== null && !seen(l.dispatchedTs)) {
    row.处理状态 = '待分派';
  } else if (f.kind === 'COMPLAINT' && !decided) {
    row.处理状态 = '待受理';
  } else {
    row.处理状态 = '处理中';
  }
  if (f.kind === 'REPORT') {
    if (seen(l.filingTs)) row.立案决定时间 = date(l.filingTs);
    row.核查延期 = l.extension ? '是' : '否';
    row.实名举报 = l.realName ? '是' : '否';
    if (seen(l.notifiedTs)) row.告知时间 = date(l.notifiedTs);
  }
  if (l.pausedDays !== null && (f.kind === 'REPORT' || decided)) row.中止天数 = String(l.pausedDays);
  if (seen(l.callbackTs) && l.satisfaction) row.回访结果 = f.score !== null ? String(f.score) : l.satisfaction;
  row.诉求摘要 = f.summary;

  let lastEvent = f.regTs;
  for (const t of eventTimes(f)) if (t <= asOf && t > lastEvent) lastEvent = t;
  row.更新时间 = date(Math.min(asOf, lastEvent + l.updateLag));
  return row;
}

/**
 * Consistency rules 1–4 and 6 of case-export.md §Consistency rules, applied to the parsed values of one row (rule 5
 * is checked where 承办单位代码 is parsed). Rule 3 runs first: a value it ignores takes no part in rules 1 and 6.
 */
import { CASE_KIND_ZH, type CaseKind, type CaseRecord, OUTCOMES_BY_KIND, PROBLEM_CATEGORIES_BY_KIND } from '@c12315/domain';
import { zhHeader } from './column-catalogue';
import type { Issue } from './issue';
import { toShanghaiLocal } from './value-parsers';

export type ParsedValues = { -readonly [K in keyof CaseRecord]?: CaseRecord[K] | null };

export const COMPLAINT_ONLY: readonly (keyof CaseRecord)[] = ['acceptance', 'rejectionReason', 'decidedAt'];
export const REPORT_ONLY: readonly (keyof CaseRecord)[] = ['filingDecidedAt', 'extensionApproved', 'realNameReport'];
/** Rule 1: between 登记时间 and 更新时间. */
export const STAGE_TIMES: readonly (keyof CaseRecord)[] = [
  'closedAt',
  'decidedAt',
  'dispatchedAt',
  'filingDecidedAt',
  'reporterNotifiedAt',
];
export const ALL_TIMES: readonly (keyof CaseRecord)[] = ['registeredAt', 'updatedAt', ...STAGE_TIMES];

const issue = (field: keyof CaseRecord, reasonZh: string, reasonEn: string): Issue => ({
  column: zhHeader(field),
  reasonZh,
  reasonEn,
});

/** Kind-dependent value sets: 问题类别 lists per kind, and rule 4 (办结结果 matches the kind). */
function checkKindSets(v: ParsedValues, kind: CaseKind, issues: Issue[]): void {
  const kindZh = CASE_KIND_ZH[kind];
  if (v.problemCategory && !PROBLEM_CATEGORIES_BY_KIND[kind].includes(v.problemCategory)) {
    issues.push(
      issue(
        'problemCategory',
        `该问题类别不适用于业务类型“${kindZh}”`,
        `problem category does not apply to kind ${kindZh} (${kind})`,
      ),
    );
  }
  if (v.outcome && !OUTCOMES_BY_KIND[kind].includes(v.outcome)) {
    issues.push(
      issue(
        'outcome',
        `违反规则 4：办结结果与业务类型“${kindZh}”不符`,
        `rule 4: outcome does not match kind ${kindZh} (${kind})`,
      ),
    );
  }
}

/** Rule 3: complaint-only and report-only columns on another kind are a warning and are ignored (set to null). */
function dropOffKindValues(v: ParsedValues, kind: CaseKind, warnings: Issue[]): void {
  const offKind = (fields: readonly (keyof CaseRecord)[], forKind: CaseKind, zh: string, en: string): void => {
    if (kind === forKind) return;
    for (const f of fields) {
      if (v[f] === null || v[f] === undefined) continue;
      warnings.push(issue(f, `违反规则 3：该列仅适用于${zh}，已忽略`, `rule 3: column applies to ${en} only; value ignored`));
      v[f] = null;
    }
  };
  offKind(COMPLAINT_ONLY, 'COMPLAINT', '投诉', 'complaints');
  offKind(REPORT_ONLY, 'REPORT', '举报', 'reports');
}

let lastLoadTime = Number.NaN;
let lastLimit = '';
/** loadTime + 24 h as Shanghai wall-clock; one load keeps one clock, so it is computed once. */
function futureLimit(loadTime: Date): string {
  if (loadTime.getTime() !== lastLoadTime) {
    lastLoadTime = loadTime.getTime();
    lastLimit = toShanghaiLocal(new Date(lastLoadTime + 24 * 3600_000));
  }
  return lastLimit;
}

export function applyConsistencyRules(v: ParsedValues, ctx: { loadTime: Date }, issues: Issue[], warnings: Issue[]): void {
  if (v.kind) {
    checkKindSets(v, v.kind, issues);
    dropOffKindValues(v, v.kind, warnings);
  }

  // Rule 2: 已办结 ⇔ 办结时间 present. Only judged when 办结时间 parsed (a malformed one is already an issue).
  if (v.status === '已办结' && v.closedAt === null) {
    issues.push(
      issue('closedAt', '违反规则 2：处理状态为已办结，但办结时间为空', 'rule 2: status is 已办结 but closed_at is empty'),
    );
  } else if (v.status && v.status !== '已办结' && v.closedAt) {
    issues.push(
      issue('status', '违反规则 2：有办结时间，但处理状态不是已办结', 'rule 2: closed_at is set but status is not 已办结'),
    );
  }

  // Rule 1: stage times within [登记时间, 更新时间]; the strings compare as times (fixed-width wall-clock).
  for (const f of STAGE_TIMES) {
    const t = v[f] as string | null | undefined;
    if (!t) continue;
    if (v.registeredAt && t < v.registeredAt) {
      issues.push(issue(f, '违反规则 1：早于登记时间', 'rule 1: earlier than registered_at (登记时间)'));
    }
    if (v.updatedAt && t > v.updatedAt) {
      issues.push(issue(f, '违反规则 1：晚于更新时间', 'rule 1: later than updated_at (更新时间)'));
    }
  }

  // Rule 6: later than the load's own clock + 24 h is a future date.
  const limit = futureLimit(ctx.loadTime);
  for (const f of ALL_TIMES) {
    const t = v[f] as string | null | undefined;
    if (t && t > limit) {
      issues.push(
        issue(f, '违反规则 6：日期在未来（晚于装载时间 24 小时以上）', 'rule 6: date in the future (beyond load time + 24 h)'),
      );
    }
  }
}

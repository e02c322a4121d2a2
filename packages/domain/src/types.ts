/**
 * Shared 12315 case types (contract: ../shared/contract/case-export.md).
 * A `CaseRecord` is one validated, privacy-clean version of a case: what the ETL produces and the store keeps.
 * Date-times are Asia/Shanghai wall-clock strings `YYYY-MM-DD HH:mm:ss`; dates are `YYYY-MM-DD` (IsoDate).
 */

/** `YYYY-MM-DD`, an Asia/Shanghai calendar date. */
export type IsoDate = string;
/** `YYYY-MM-DD HH:mm:ss`, Asia/Shanghai wall-clock time. */
export type LocalDateTime = string;

export const CASE_KINDS = ['COMPLAINT', 'REPORT', 'CONSULTATION', 'SUGGESTION'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_ZH: Record<CaseKind, string> = {
  COMPLAINT: '投诉',
  REPORT: '举报',
  CONSULTATION: '咨询',
  SUGGESTION: '建议',
};

export const CASE_STATUSES = ['待分派', '待受理', '处理中', '已办结'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const ACCEPTANCES = ['受理', '不予受理'] as const;
export type Acceptance = (typeof ACCEPTANCES)[number];

export const SATISFACTIONS = ['满意', '基本满意', '不满意', '未回访'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const RULE_SETS = ['SAMR20', 'SAMR121'] as const;
export type RuleSetId = (typeof RULE_SETS)[number];

/** Deadline stages of indicators.md §2. */
export const STAGES = ['DISPATCH', 'ACCEPTANCE', 'CLOSING', 'VERIFICATION', 'NOTIFICATION'] as const;
export type Stage = (typeof STAGES)[number];

export interface CaseRecord {
  caseId: string;
  kind: CaseKind;
  registeredAt: LocalDateTime;
  channel: string;
  handlingUnitName: string;
  handlingUnitCode: string;
  respondentName: string | null;
  /** Valid GB 32100 code only; an invalid one is dropped with a warning. */
  respondentUscc: string | null;
  respondentRegionCode: string | null;
  entityType: string | null;
  /** Normalised GB/T 4754 code as written without spaces, e.g. `H`, `62`, `H62`, `6210`. */
  industryCode: string | null;
  /** `L1-L2[-L3]`. */
  objectCategory: string | null;
  problemCategory: string | null;
  onlinePurchase: boolean | null;
  platformName: string | null;
  /** Yuan as a decimal string with 2 decimals, e.g. `1234.50`. */
  amountInvolved: string | null;
  dispatchedAt: LocalDateTime | null;
  acceptance: Acceptance | null;
  rejectionReason: string | null;
  decidedAt: LocalDateTime | null;
  status: CaseStatus;
  closedAt: LocalDateTime | null;
  outcome: string | null;
  recoveredAmount: string | null;
  complaintToCase: boolean | null;
  filingDecidedAt: LocalDateTime | null;
  extensionApproved: boolean | null;
  pausedDays: number | null;
  realNameReport: boolean | null;
  reporterNotifiedAt: LocalDateTime | null;
  /** A 1–5 score is folded into the labels (4–5 满意, 3 基本满意, 1–2 不满意). */
  satisfaction: Satisfaction | null;
  disclosed: boolean | null;
  updatedAt: LocalDateTime;
}

/** Due dates of a case's stages (indicators.md §2); null where the stage does not apply (yet). */
export type DueStage = 'dispatch' | 'acceptance' | 'closing' | 'verification' | 'notification';

export interface DueDates {
  ruleSet: RuleSetId;
  dispatch: IsoDate | null;
  acceptance: IsoDate | null;
  closing: IsoDate | null;
  verification: IsoDate | null;
  notification: IsoDate | null;
  /** The stages whose due date is provisional: it falls in a year whose calendar is not published yet (§1). */
  provisional: DueStage[];
}

/** The date part of a LocalDateTime. */
export function dateOf(dt: LocalDateTime): IsoDate {
  return dt.slice(0, 10);
}

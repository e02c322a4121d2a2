/**
 * One validated CaseRecord → one `cases` row (infra/clickhouse/0001_cases.sql): the derived columns (hierarchy,
 * food flag, operator key, rule set and due dates, handling working days) are computed here, once, at load time.
 */
import { hash as oneShotHash } from 'node:crypto';
import type { CaseRecord } from '@c12315/domain';
import * as domain from '@c12315/domain';

// Bound once: each call through the package's re-exports goes through a getter, which showed in load profiles.
const {
  computeDueDates,
  dateOf,
  handlingWorkdays,
  isFoodRelated,
  operatorKey,
  parseIndustryCode,
  provisionalFromYear,
  unitHierarchy,
} = domain;

/** The ClickHouse row (snake_case), as written with JSONEachRow. */
export interface CaseRow {
  case_id: string;
  kind: CaseRecord['kind'];
  registered_at: string;
  registered_date: string;
  channel: string;
  handling_unit_name: string;
  handling_unit_code: string;
  province_code: string;
  city_code: string;
  county_code: string;
  station_code: string;
  respondent_name: string | null;
  respondent_uscc: string | null;
  respondent_region_code: string | null;
  entity_type: string | null;
  industry_code: string | null;
  industry_division: string;
  object_category: string | null;
  problem_category: string | null;
  online_purchase: boolean | null;
  platform_name: string | null;
  amount_involved: string | null;
  dispatched_at: string | null;
  acceptance: string | null;
  rejection_reason: string | null;
  decided_at: string | null;
  status: string;
  closed_at: string | null;
  outcome: string | null;
  recovered_amount: string | null;
  complaint_to_case: boolean | null;
  filing_decided_at: string | null;
  extension_approved: boolean | null;
  paused_days: number | null;
  real_name_report: boolean | null;
  reporter_notified_at: string | null;
  satisfaction: string | null;
  disclosed: boolean | null;
  updated_at: string;
  food_related: boolean;
  operator_key: string;
  rule_set: string;
  dispatch_due: string | null;
  acceptance_due: string | null;
  closing_due: string | null;
  verification_due: string | null;
  notification_due: string | null;
  handling_workdays: number | null;
  /** 0, or the first provisional calendar year the due dates or handling_workdays read (0005_due_provisional.sql). */
  due_provisional_from: number;
  content_hash: string;
  load_id: string;
  source_row: number;
  version: number | string;
  is_deleted: number;
}

export interface Lineage {
  loadId: string;
  /** The ledger id of the load. */
  loadSeq: number;
  sourceRow: number;
  /**
   * Low bits of `version`: 0 for a new 更新时间; the stored version's + 1 when an equal 更新时间 arrives with other
   * content (a conflict), so the row that wins the conflict also wins in the engine.
   */
  tieBreak?: number;
}

/** Fields of a CaseRecord in a fixed order: the canonical form behind `content_hash`. */
const CONTENT_FIELDS: (keyof CaseRecord)[] = [
  'caseId',
  'kind',
  'registeredAt',
  'channel',
  'handlingUnitName',
  'handlingUnitCode',
  'respondentName',
  'respondentUscc',
  'respondentRegionCode',
  'entityType',
  'industryCode',
  'objectCategory',
  'problemCategory',
  'onlinePurchase',
  'platformName',
  'amountInvolved',
  'dispatchedAt',
  'acceptance',
  'rejectionReason',
  'decidedAt',
  'status',
  'closedAt',
  'outcome',
  'recoveredAmount',
  'complaintToCase',
  'filingDecidedAt',
  'extensionApproved',
  'pausedDays',
  'realNameReport',
  'reporterNotifiedAt',
  'satisfaction',
  'disclosed',
  'updatedAt',
];

/**
 * "Same content" = the same parsed values (case-export.md §Versions): hashing the parsed record, not the source text,
 * makes a re-send that writes dates or amounts in another shape unchanged.
 */
export function contentHash(r: CaseRecord): string {
  // The canonical text and digest as ever (stored hashes stay comparable): CONTENT_FIELDS in order, written out so
  // each is a plain property read; the one-shot digest saves a Hash object per row.
  const canonical = JSON.stringify([
    r.caseId ?? null,
    r.kind ?? null,
    r.registeredAt ?? null,
    r.channel ?? null,
    r.handlingUnitName ?? null,
    r.handlingUnitCode ?? null,
    r.respondentName ?? null,
    r.respondentUscc ?? null,
    r.respondentRegionCode ?? null,
    r.entityType ?? null,
    r.industryCode ?? null,
    r.objectCategory ?? null,
    r.problemCategory ?? null,
    r.onlinePurchase ?? null,
    r.platformName ?? null,
    r.amountInvolved ?? null,
    r.dispatchedAt ?? null,
    r.acceptance ?? null,
    r.rejectionReason ?? null,
    r.decidedAt ?? null,
    r.status ?? null,
    r.closedAt ?? null,
    r.outcome ?? null,
    r.recoveredAmount ?? null,
    r.complaintToCase ?? null,
    r.filingDecidedAt ?? null,
    r.extensionApproved ?? null,
    r.pausedDays ?? null,
    r.realNameReport ?? null,
    r.reporterNotifiedAt ?? null,
    r.satisfaction ?? null,
    r.disclosed ?? null,
    r.updatedAt ?? null,
  ]);
  return oneShotHash('sha256', canonical).slice(0, 32);
}

/** The reference form of the canonical text (contentHash writes it out field by field; a test keeps them equal). */
export function canonicalContent(record: CaseRecord): string {
  return JSON.stringify(CONTENT_FIELDS.map((f) => record[f] ?? null));
}

/** Seconds since the epoch of an Asia/Shanghai wall-clock time (UTC+8, no daylight saving). */
export function shanghaiEpochSeconds(dt: string): number {
  // Validated wall-clock text `YYYY-MM-DD HH:mm:ss`: read the digits (Date.parse of a built string cost 3 µs a row).
  const n = (at: number, len: number) => Number(dt.slice(at, at + len));
  const utc = Date.UTC(n(0, 4), n(5, 2) - 1, n(8, 2), n(11, 2), n(14, 2), n(17, 2));
  return Math.floor(utc / 1000) - 8 * 3600;
}

/**
 * `version` = updated_at (epoch s) << 24 | tie-break: a newer 更新时间 always wins; an equal 更新时间 with other content
 * wins with the stored tie-break + 1. Returned as a decimal string: it exceeds 2^53.
 */
export function versionOf(updatedAt: string, tieBreak = 0): string {
  if (tieBreak < 0 || tieBreak >= 0x1000000) throw new RangeError(`tie-break ${tieBreak} out of range`);
  return ((BigInt(shanghaiEpochSeconds(updatedAt)) << 24n) | BigInt(tieBreak)).toString();
}

/** The tie-break bits of a stored version. */
export function tieBreakOf(version: string): number {
  return Number(BigInt(version) & 0xffffffn);
}

export function toCaseRow(record: CaseRecord, lineage: Lineage, hash = contentHash(record)): CaseRow {
  const hierarchy = unitHierarchy(record.handlingUnitCode);
  const due = computeDueDates(record);
  const closedDate = record.closedAt ? dateOf(record.closedAt) : null;
  const industry = record.industryCode ? parseIndustryCode(record.industryCode) : null;
  return {
    case_id: record.caseId,
    kind: record.kind,
    registered_at: record.registeredAt,
    registered_date: dateOf(record.registeredAt),
    channel: record.channel,
    handling_unit_name: record.handlingUnitName,
    handling_unit_code: record.handlingUnitCode,
    province_code: hierarchy.provinceCode,
    city_code: hierarchy.cityCode,
    county_code: hierarchy.countyCode,
    station_code: hierarchy.stationCode,
    respondent_name: record.respondentName,
    respondent_uscc: record.respondentUscc,
    respondent_region_code: record.respondentRegionCode,
    entity_type: record.entityType,
    industry_code: record.industryCode,
    industry_division: industry?.division ?? '',
    object_category: record.objectCategory,
    problem_category: record.problemCategory,
    online_purchase: record.onlinePurchase,
    platform_name: record.platformName,
    amount_involved: record.amountInvolved,
    dispatched_at: record.dispatchedAt,
    acceptance: record.acceptance,
    rejection_reason: record.rejectionReason,
    decided_at: record.decidedAt,
    status: record.status,
    closed_at: record.closedAt,
    outcome: record.outcome,
    recovered_amount: record.recoveredAmount,
    complaint_to_case: record.complaintToCase,
    filing_decided_at: record.filingDecidedAt,
    extension_approved: record.extensionApproved,
    paused_days: record.pausedDays,
    real_name_report: record.realNameReport,
    reporter_notified_at: record.reporterNotifiedAt,
    satisfaction: record.satisfaction,
    disclosed: record.disclosed,
    updated_at: record.updatedAt,
    food_related: isFoodRelated(record.problemCategory, record.objectCategory),
    operator_key: operatorKey(record.respondentUscc, record.respondentName) ?? '',
    rule_set: due.ruleSet,
    dispatch_due: due.dispatch,
    acceptance_due: due.acceptance,
    closing_due: due.closing,
    verification_due: due.verification,
    notification_due: due.notification,
    handling_workdays: record.closedAt ? handlingWorkdays(record.registeredAt, record.closedAt) : null,
    // handling_workdays reads the days up to the closed date: provisional when that lies in a provisional year.
    due_provisional_from: provisionalFromYear([
      due.dispatch,
      due.acceptance,
      due.closing,
      due.verification,
      due.notification,
      closedDate,
    ]),
    content_hash: hash,
    load_id: lineage.loadId,
    source_row: lineage.sourceRow,
    version: versionOf(record.updatedAt, lineage.tieBreak ?? 0),
    is_deleted: 0,
  };
}

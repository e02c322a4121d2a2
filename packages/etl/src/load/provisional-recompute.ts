/**
 * Provisional due dates recomputed once the year they guessed is published (indicators.md §1). A case loaded while
 * its due dates (or handling_workdays) reached into a provisional calendar year carries `due_provisional_from` = that
 * year (0005_due_provisional.sql). When the calendar now publishes that year (a DATA_DIR/calendar/YYYY.json was
 * added), opening the store recomputes those cases from their stored values exactly as a load would (toCaseRow: due
 * dates, handling_workdays, the flag itself) and writes them as the next version of the same export version.
 *
 * Versions: the stored version's tie-break + 1, the same 更新时间 and content hash. FINAL keeps the recomputed row;
 * the loader, comparing 更新时间 and content hash (store-writer.ts), still sees the same export version ("unchanged"),
 * and a later export still replaces it — a newer 更新时间 by its time, an equal one with other content by tie-break + 1.
 *
 * Crash safety: the months are marked dirty first; `case_versions` (the new versions) is written before `cases`, so a
 * run killed between the two leaves the case still provisional in `cases FINAL`, and the next open recomputes it
 * again, to the same rows. The read model's definition hash holds the calendar, so its months are rebuilt anyway.
 */
import type { CaseRecord } from '@c12315/domain';
import { knownCalendarYears } from '@c12315/domain';
import { type ClickHouseClient, markMonthsDirty, NO_TIME_LIMIT, registrationMonth } from '@c12315/store';
import { contentHash, tieBreakOf, toCaseRow } from './case-row';
import { CASE_COLUMNS, caseValues, VERSION_COLUMNS, versionValues } from './case-tsv';
import { insertTsv } from './store-writer';
import { TsvBuffer } from './tsv-buffer';

/** Cases per statement: a year's provisional cases are a few weeks of registrations. */
const BATCH = 20_000;

interface StoredCase extends CaseRecord {
  contentHashStored: string;
  loadId: string;
  sourceRow: number;
  version: string;
}

const dt = (c: string) => `if(${c} IS NULL, NULL, toString(${c}))`;
const dec = (c: string) => `if(${c} IS NULL, NULL, toDecimalString(${c}, 2))`;

/** The stored values back as a CaseRecord (the content hash proves the round trip). */
const SELECT_RECORD = `SELECT case_id AS caseId, toString(kind) AS kind, toString(registered_at) AS registeredAt, channel,
  handling_unit_name AS handlingUnitName, handling_unit_code AS handlingUnitCode, respondent_name AS respondentName,
  respondent_uscc AS respondentUscc, respondent_region_code AS respondentRegionCode, entity_type AS entityType,
  industry_code AS industryCode, object_category AS objectCategory, problem_category AS problemCategory,
  online_purchase AS onlinePurchase, platform_name AS platformName, ${dec('amount_involved')} AS amountInvolved,
  ${dt('dispatched_at')} AS dispatchedAt, acceptance, rejection_reason AS rejectionReason, ${dt('decided_at')} AS decidedAt,
  status, ${dt('closed_at')} AS closedAt, outcome, ${dec('recovered_amount')} AS recoveredAmount,
  complaint_to_case AS complaintToCase, ${dt('filing_decided_at')} AS filingDecidedAt,
  extension_approved AS extensionApproved, paused_days AS pausedDays, real_name_report AS realNameReport,
  ${dt('reporter_notified_at')} AS reporterNotifiedAt, satisfaction, disclosed, toString(updated_at) AS updatedAt,
  content_hash AS contentHashStored, load_id AS loadId, source_row AS sourceRow, toString(version) AS version
FROM cases FINAL
WHERE due_provisional_from BETWEEN 1 AND {published:UInt16}
ORDER BY case_id
LIMIT {batch:UInt32}`;

export interface RecomputeProgress {
  /** Cases recomputed so far. */
  done: number;
}

/**
 * Recompute every case whose provisional due dates came from a year the calendar now publishes. Returns how many.
 * One caller at a time per store (the process that opens it), before the read model is refreshed.
 */
export async function recomputeProvisionalDueDates(
  ch: ClickHouseClient,
  onProgress?: (p: RecomputeProgress) => void,
): Promise<number> {
  const published = knownCalendarYears().to;
  // Every open asks: one column without FINAL first (cheap; superseded versions may answer yes, FINAL then decides).
  const probe = await ch.query({
    query: 'SELECT count() AS n FROM cases WHERE due_provisional_from BETWEEN 1 AND {published:UInt16}',
    query_params: { published },
    format: 'JSONEachRow',
  });
  const [{ n } = { n: 0 }] = await probe.json<{ n: number | string }>();
  if (Number(n) === 0) return 0;
  const seen = new Set<string>();
  let done = 0;
  for (;;) {
    const result = await ch.query({
      query: SELECT_RECORD,
      query_params: { published, batch: BATCH },
      format: 'JSONEachRow',
      clickhouse_settings: NO_TIME_LIMIT,
    });
    const stored = await result.json<StoredCase>();
    if (stored.length === 0) return done;
    const cases = new TsvBuffer();
    const versions = new TsvBuffer();
    const months = new Set<number>();
    for (const s of stored) {
      // A case selected again was written and is still provisional from a published year: a fault, not a loop.
      if (seen.has(s.caseId)) throw new Error(`provisional due dates of case ${s.caseId}: recomputed but still stored as before`);
      seen.add(s.caseId);
      const { contentHashStored, loadId, sourceRow, version, ...record } = s;
      if (contentHash(record) !== contentHashStored) {
        throw new Error(`provisional due dates of case ${s.caseId}: its stored values do not read back to its content hash`);
      }
      const row = toCaseRow(record, { loadId, loadSeq: 0, sourceRow, tieBreak: tieBreakOf(version) + 1 }, contentHashStored);
      months.add(registrationMonth(row.registered_date));
      cases.row(caseValues(row));
      versions.row(versionValues(row));
    }
    await markMonthsDirty(ch, months);
    await insertTsv(ch, 'case_versions', VERSION_COLUMNS, versions);
    await insertTsv(ch, 'cases', CASE_COLUMNS, cases);
    done += stored.length;
    onProgress?.({ done });
  }
}

/**
 * Writing one batch of validated cases against what is stored: classify each case (new, newer, same, conflict,
 * older), then write the `cases` rows (with tombstones for moved sorting keys) and only then `case_versions`.
 *
 * Crash safety: every write is idempotent under `cases FINAL`. A load killed after the `cases` insert but before the
 * `case_versions` insert is re-run against the old index entries: it rewrites identical rows (same sorting key, same
 * version → FINAL keeps one) and repeats the tombstones (harmless). Nothing is ever deleted outside FINAL semantics.
 *
 * Rows travel as TabSeparated bytes built here (TsvBuffer): on the embedded engine through its bulk insert (a staging
 * file the engine reads itself, no JSON), on a server through `client.insert` with the same bytes and columns.
 */
import { Readable } from 'node:stream';
import type { CaseRecord } from '@c12315/domain';
import { type ClickHouseClient, embeddedBulkInsert, markMonthsDirty, registrationMonth } from '@c12315/store';
import { type CaseRow, contentHash, tieBreakOf, toCaseRow } from './case-row';
import { CASE_COLUMNS, caseValues, VERSION_COLUMNS, versionValues } from './case-tsv';
import { TsvBuffer } from './tsv-buffer';

export interface PendingCase {
  record: CaseRecord;
  hash: string;
  sourceRow: number;
}

interface StoredVersion {
  case_id: string;
  updated_at: string;
  content_hash: string;
  version: string;
  province_code: string;
  city_code: string;
  county_code: string;
  kind: CaseRecord['kind'];
  registered_date: string;
}

export interface BatchOutcome {
  inserted: number;
  replaced: number;
  unchanged: number;
  /** A stored version with a newer 更新时间: the incoming row is ignored. */
  olderIgnored: number;
  /** Equal 更新时间, other content: the incoming row wins and the conflict is reported. */
  conflicts: { caseId: string; sourceRow: number }[];
}

export function pendingCase(record: CaseRecord, sourceRow: number): PendingCase {
  return { record, hash: contentHash(record), sourceRow };
}

async function storedVersions(ch: ClickHouseClient, caseIds: string[]): Promise<Map<string, StoredVersion>> {
  // Keyed lookup on case_versions' sorting key (case_id); FINAL: one current entry per case.
  const result = await ch.query({
    query: `SELECT case_id, toString(updated_at) AS updated_at, content_hash, toString(version) AS version,
                   province_code, city_code, county_code, kind, toString(registered_date) AS registered_date
            FROM case_versions FINAL WHERE case_id IN {ids:Array(String)}`,
    query_params: { ids: caseIds },
    format: 'JSONEachRow',
  });
  const rows = await result.json<StoredVersion>();
  return new Map(rows.map((r) => [r.case_id, r]));
}

function sortingKeyMoved(stored: StoredVersion, row: CaseRow): boolean {
  return (
    stored.province_code !== row.province_code ||
    stored.city_code !== row.city_code ||
    stored.county_code !== row.county_code ||
    stored.kind !== row.kind ||
    stored.registered_date !== row.registered_date
  );
}

/** Insert TabSeparated text in one insert (one block: the rows and tombstones of a batch land together). */
export async function insertTsv(ch: ClickHouseClient, table: string, columns: readonly string[], rows: TsvBuffer): Promise<void> {
  const bulk = embeddedBulkInsert(ch);
  if (bulk) await bulk.insertTabSeparated(table, columns, rows.bytes());
  else {
    // A byte stream: the client refuses an object-mode stream for a raw format (Readable.from's default).
    const values = Readable.from([rows.bytes()], { objectMode: false });
    await ch.insert({ table, values, format: 'TabSeparated', columns: [...columns] as [string] });
  }
}

/** A tombstone: the old sorting key with a newer version and is_deleted = 1 (FINAL drops both). */
function tombstone(stored: StoredVersion, version: string | number, loadId: string): CaseRow {
  // The other columns hold the table's defaults, written out (TabSeparated has no absent columns); epoch 0 is
  // 1970-01-01 08:00:00 in Asia/Shanghai.
  return {
    ...TOMBSTONE_DEFAULTS,
    case_id: stored.case_id,
    kind: stored.kind,
    registered_date: stored.registered_date,
    province_code: stored.province_code,
    city_code: stored.city_code,
    county_code: stored.county_code,
    load_id: loadId,
    version,
    is_deleted: 1,
  };
}

const TOMBSTONE_DEFAULTS: CaseRow = {
  case_id: '',
  kind: 'COMPLAINT',
  registered_at: '1970-01-01 08:00:00',
  registered_date: '1970-01-01',
  channel: '',
  handling_unit_name: '',
  handling_unit_code: '',
  province_code: '',
  city_code: '',
  county_code: '',
  station_code: '',
  respondent_name: null,
  respondent_uscc: null,
  respondent_region_code: null,
  entity_type: null,
  industry_code: null,
  industry_division: '',
  object_category: null,
  problem_category: null,
  online_purchase: null,
  platform_name: null,
  amount_involved: null,
  dispatched_at: null,
  acceptance: null,
  rejection_reason: null,
  decided_at: null,
  status: '',
  closed_at: null,
  outcome: null,
  recovered_amount: null,
  complaint_to_case: null,
  filing_decided_at: null,
  extension_approved: null,
  paused_days: null,
  real_name_report: null,
  reporter_notified_at: null,
  satisfaction: null,
  disclosed: null,
  updated_at: '1970-01-01 08:00:00',
  food_related: false,
  operator_key: '',
  rule_set: '',
  dispatch_due: null,
  acceptance_due: null,
  closing_due: null,
  verification_due: null,
  notification_due: null,
  handling_workdays: null,
  due_provisional_from: 0,
  content_hash: '',
  load_id: '',
  source_row: 0,
  version: 0,
  is_deleted: 1,
};

/** A batch classified against the store, its writes under way. */
export interface StartedBatch {
  outcome: BatchOutcome;
  /** Settles when the `cases` rows and then the `case_versions` rows are written (in that order). */
  written: Promise<void>;
}

/**
 * Classify a batch against the store and start its writes without waiting for them, so the caller can read and
 * validate the next batch meanwhile. The caller must await `written` before the next batch's lookup: that lookup has
 * to see this batch's `case_versions` (several rows of one case across batches of one file).
 */
export async function startBatch(
  ch: ClickHouseClient,
  batch: Map<string, PendingCase>,
  lineage: { loadId: string; loadSeq: number },
): Promise<StartedBatch> {
  const outcome: BatchOutcome = { inserted: 0, replaced: 0, unchanged: 0, olderIgnored: 0, conflicts: [] };
  if (batch.size === 0) return { outcome, written: Promise.resolve() };
  const stored = await storedVersions(ch, [...batch.keys()]);
  const cases = new TsvBuffer();
  const versions = new TsvBuffer();
  // Registration months whose read model this batch changes: the new versions' and the replaced ones'.
  const months = new Set<number>();
  for (const [caseId, pending] of batch) {
    const previous = stored.get(caseId);
    let tieBreak = 0;
    if (previous) {
      const incoming = pending.record.updatedAt;
      if (incoming < previous.updated_at) {
        outcome.olderIgnored++;
        continue;
      }
      if (incoming === previous.updated_at) {
        if (pending.hash === previous.content_hash) {
          outcome.unchanged++;
          continue;
        }
        tieBreak = tieBreakOf(previous.version) + 1;
        outcome.conflicts.push({ caseId, sourceRow: pending.sourceRow });
      }
      outcome.replaced++;
    } else {
      outcome.inserted++;
    }
    const row = toCaseRow(pending.record, { ...lineage, sourceRow: pending.sourceRow, tieBreak }, pending.hash);
    if (previous && sortingKeyMoved(previous, row)) {
      cases.row(caseValues(tombstone(previous, row.version, lineage.loadId)));
    }
    months.add(registrationMonth(row.registered_date));
    if (previous) months.add(registrationMonth(previous.registered_date));
    cases.row(caseValues(row));
    versions.row(versionValues(row));
  }
  const written = (async () => {
    if (cases.rows === 0) return;
    // Before the cases: a load killed after this point leaves the months dirty, and the next refresh rebuilds them.
    await markMonthsDirty(ch, months);
    await insertTsv(ch, 'cases', CASE_COLUMNS, cases);
    await insertTsv(ch, 'case_versions', VERSION_COLUMNS, versions);
  })();
  return { outcome, written };
}

export async function writeBatch(
  ch: ClickHouseClient,
  batch: Map<string, PendingCase>,
  lineage: { loadId: string; loadSeq: number },
): Promise<BatchOutcome> {
  const { outcome, written } = await startBatch(ch, batch, lineage);
  await written;
  return outcome;
}

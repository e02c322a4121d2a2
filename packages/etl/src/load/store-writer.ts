/**
 * Writing one batch of validated cases against what is stored: classify each case (new, newer, same, conflict,
 * older), then write the `cases` rows (with tombstones for moved sorting keys) and only then `case_versions`.
 *
 * Crash safety: every write is idempotent under `cases FINAL`. A load killed after the `cases` insert but before the
 * `case_versions` insert is re-run against the old index entries: it rewrites identical rows (same sorting key, same
 * version → FINAL keeps one) and repeats the tombstones (harmless). Nothing is ever deleted outside FINAL semantics.
 */
import type { CaseRecord } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import { type CaseRow, contentHash, tieBreakOf, toCaseRow } from './case-row';

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

/** A tombstone: the old sorting key with a newer version and is_deleted = 1 (FINAL drops both). */
function tombstone(stored: StoredVersion, version: string | number, loadId: string): Partial<CaseRow> {
  return {
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

export async function writeBatch(
  ch: ClickHouseClient,
  batch: Map<string, PendingCase>,
  lineage: { loadId: string; loadSeq: number },
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { inserted: 0, replaced: 0, unchanged: 0, olderIgnored: 0, conflicts: [] };
  if (batch.size === 0) return outcome;
  const stored = await storedVersions(ch, [...batch.keys()]);
  const caseRows: Partial<CaseRow>[] = [];
  const written: CaseRow[] = [];
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
    if (previous && sortingKeyMoved(previous, row)) caseRows.push(tombstone(previous, row.version, lineage.loadId));
    caseRows.push(row);
    written.push(row);
  }
  if (caseRows.length > 0) {
    await ch.insert({ table: 'cases', values: caseRows, format: 'JSONEachRow' });
    await ch.insert({
      table: 'case_versions',
      values: written.map((r) => ({
        case_id: r.case_id,
        updated_at: r.updated_at,
        content_hash: r.content_hash,
        version: r.version,
        province_code: r.province_code,
        city_code: r.city_code,
        county_code: r.county_code,
        kind: r.kind,
        registered_date: r.registered_date,
        load_id: r.load_id,
      })),
      format: 'JSONEachRow',
    });
  }
  return outcome;
}

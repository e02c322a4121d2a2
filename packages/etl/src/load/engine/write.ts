/**
 * Step 5 for one bucket of case ids: the registration months it changes marked dirty in the read model, then
 * `cases` (rows, and tombstones of moved sorting keys), then `case_versions`.
 *
 * Crash safety is the row-by-row path's: `cases` before `case_versions`, every write idempotent under FINAL, so a
 * re-run after kill -9 decides against the same `case_versions` and rewrites identical rows; and the months are
 * marked before any case is written, so a crash after that leaves them dirty, for the next opening of the store to
 * rebuild.
 */
import { markMonthsDirtyFrom } from '@c12315/store';
import { CASE_COLUMNS, VERSION_COLUMNS } from '../case-tsv';
import type { LoadSession } from './session';
import { STAGE_READ_SETTINGS, WRITE_SETTINGS } from './settings';

/** The bucket's decided rows (`s.decided`, decide.ts) written to the store. */
export async function writeBucket(s: LoadSession, inBucket: string): Promise<void> {
  const { stage, decided, run } = s;
  // 5. cases (rows, and tombstones of moved sorting keys), then case_versions: a re-run after a crash between
  // them finds this bucket's cases undecided in case_versions and writes the same rows again.
  const written = `verdict IN ('new', 'newer', 'conflict')`;
  // The registration months whose read model this bucket changes, marked before any case is written.
  await markMonthsDirtyFrom(
    s.ch,
    `SELECT toYYYYMM(registered_date) AS month FROM ${decided} WHERE ${written}
         UNION ALL SELECT toYYYYMM(old_registered_date) AS month FROM ${decided} WHERE verdict IN ('newer', 'conflict')`,
  );
  s.traced('mark months dirty');
  const caseColumns = CASE_COLUMNS.map((c) =>
    c === 'load_id' ? '{load_id:String}' : c === 'version' ? 'd.version' : c === 'is_deleted' ? 'toUInt8(0)' : `s.${c}`,
  );
  await run(`INSERT INTO cases (${CASE_COLUMNS.join(', ')})
        SELECT ${caseColumns.join(', ')} FROM ${stage} AS s
        INNER JOIN (SELECT source_row, version FROM ${decided} WHERE ${written}) AS d ON s.source_row = d.source_row
        WHERE s.fast_ok = 1 AND ${inBucket.replace('case_id', 's.case_id')} SETTINGS ${STAGE_READ_SETTINGS}, ${WRITE_SETTINGS}`);
  await run(`INSERT INTO cases (case_id, kind, registered_date, province_code, city_code, county_code, load_id, version, is_deleted)
        SELECT case_id, old_kind, old_registered_date, old_province_code, old_city_code, old_county_code, {load_id:String},
          version, toUInt8(1) FROM ${decided} WHERE moved`);
  await run(`INSERT INTO case_versions (${VERSION_COLUMNS.join(', ')})
        SELECT ${VERSION_COLUMNS.map((c) => (c === 'load_id' ? '{load_id:String}' : c)).join(', ')} FROM ${decided}
        WHERE ${written} SETTINGS ${WRITE_SETTINGS}`);
}

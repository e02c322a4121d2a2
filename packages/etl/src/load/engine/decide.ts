/**
 * Steps 3–4 for one bucket of case ids: the rows of the stage the load keeps, and their verdict against
 * `case_versions` — new / newer / same / conflict / older — in the table `s.decided`, set-wise in the engine. A
 * case's rows all fall in one bucket, so every set, join and sort here holds one bucket's.
 *
 * Same results as the row-by-row path (engine-load.int.test.ts compares stores and reject files), with one
 * difference in the counts only: all rows of a case are decided together, so a case with several rows in one file
 * counts once (the row-by-row path counts "inserted" and then "replaced" when the rows fall into different batches).
 */
import type { LoadCounts } from '../load-counts';
import type { LoadSession } from './session';
import { STAGE_READ_SETTINGS, WRITE_SETTINGS } from './settings';

const keys = 'province_code, city_code, county_code, kind, registered_date';

/** One bucket's rows decided into `s.decided` (a new table), counted in `counts`. */
export async function decideBucket(s: LoadSession, inBucket: string, counts: LoadCounts): Promise<void> {
  const { stage, decided, run, rowsOf } = s;
  const fast = `SELECT case_id FROM ${stage} WHERE fast_ok = 1 AND ${inBucket}`;

  // 3. Several rows of one case in the file, as the row-by-row path decides them one after the other
  // (file-loader.ts): the row with the greatest (更新时间, row) is kept; a row with the 更新时间 of the row kept
  // before it and other content is a conflict. In the engine (window functions over the repeated cases only).
  const dupRows = `SELECT case_id, source_row, updated_at, content_hash FROM ${stage} WHERE fast_ok = 1 AND ${inBucket}
        AND case_id IN (${fast} GROUP BY case_id HAVING count() > 1)`;
  const [within] = await rowsOf<{ conflicts: string }>(
    `SELECT countIf(earlier > 0 AND updated_at = earlier_updated AND content_hash != earlier_hash) AS conflicts
         FROM (SELECT updated_at, content_hash, count() OVER before AS earlier, max(updated_at) OVER before AS earlier_updated,
                 argMax(content_hash, (updated_at, source_row)) OVER before AS earlier_hash
               FROM (${dupRows})
               WINDOW before AS (PARTITION BY case_id ORDER BY source_row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))`,
  );
  counts.conflicts += Number(within?.conflicts ?? 0);
  const losers = `SELECT source_row FROM (SELECT source_row,
          argMax(source_row, (updated_at, source_row)) OVER (PARTITION BY case_id) AS kept FROM (${dupRows}))
        WHERE source_row != kept`;

  // 4. Against the store.
  const decide = `SELECT s.source_row AS source_row, s.case_id AS case_id, s.updated_at AS updated_at,
          s.content_hash AS content_hash, s.province_code AS province_code, s.city_code AS city_code,
          s.county_code AS county_code, s.kind AS kind, s.registered_date AS registered_date,
          multiIf(v.case_id = '', 'new', s.updated_at < v.updated_at, 'older',
            s.updated_at = v.updated_at AND s.content_hash = v.content_hash, 'same',
            s.updated_at = v.updated_at, 'conflict', 'newer') AS verdict,
          bitOr(bitShiftLeft(toUInt64(toUnixTimestamp(s.updated_at)), 24),
            if(verdict = 'conflict', bitAnd(v.version, 16777215) + 1, 0)) AS version,
          verdict IN ('newer', 'conflict') AND (v.province_code != s.province_code OR v.city_code != s.city_code
            OR v.county_code != s.county_code OR toString(v.kind) != s.kind OR v.registered_date != s.registered_date) AS moved,
          v.province_code AS old_province_code, v.city_code AS old_city_code, v.county_code AS old_county_code,
          v.kind AS old_kind, v.registered_date AS old_registered_date
        FROM (SELECT source_row, case_id, updated_at, content_hash, ${keys} FROM ${stage}
              WHERE fast_ok = 1 AND ${inBucket} AND source_row NOT IN (${losers})) AS s
        LEFT JOIN (SELECT case_id, updated_at, content_hash, version, ${keys} FROM case_versions FINAL
                   WHERE case_id IN (${fast})) AS v
        ON s.case_id = v.case_id
        SETTINGS join_use_nulls = 0, ${STAGE_READ_SETTINGS}, ${WRITE_SETTINGS}`;
  // A new table per bucket: TRUNCATE + INSERT made the next cases insert peak ~600 MB higher (measured, 2 M rows).
  await run(`DROP TABLE IF EXISTS ${decided}`);
  await run(`CREATE TABLE ${decided} ENGINE = MergeTree ORDER BY tuple() AS ${decide}`);
  for (const { verdict, n } of await rowsOf<{ verdict: string; n: string }>(
    `SELECT verdict, count() AS n FROM ${decided} GROUP BY verdict`,
  )) {
    const k = Number(n);
    if (verdict === 'new') counts.inserted += k;
    else if (verdict === 'older') counts.olderIgnored += k;
    else if (verdict === 'same') counts.unchanged += k;
    else {
      counts.replaced += k;
      if (verdict === 'conflict') counts.conflicts += k;
    }
  }
}

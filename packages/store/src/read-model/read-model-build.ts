/**
 * Keeping the read model (infra/clickhouse/0003_read_model.sql) equal to `cases FINAL`.
 *
 * A registration month is the unit of work: its partition of every read-model table (READ_MODEL_TABLES) is built from
 * that month's cases into a scratch table and swapped in with REPLACE PARTITION (atomic: readers see the old month or
 * the new one). Several months are built by one statement per table (a batch), and swapped in by one ALTER per table.
 * A writer of `cases` marks the months it touches dirty *before* it writes (the new versions' months and the months of
 * the versions they replace), and `refreshReadModel` rebuilds the dirty months afterwards — so a load killed anywhere
 * leaves dirty marks, and the next refresh (the next load, the api server's start, `pnpm api verify`) repairs them.
 * Rebuilding is idempotent: the same cases give the same partition.
 *
 * A changed definition (a new indicator term, a changed rule) changes the build statements' hash: every month with
 * cases is marked dirty and rebuilt once. That is also how an existing store gets its read model on upgrade.
 */
import { createHash } from 'node:crypto';
import { workdayOrdinalTable } from '@c12315/domain';
import type { ClickHouseClient } from '@clickhouse/client';
import { clickHouseCluster, NO_TIME_LIMIT } from '../clickhouse';
import { CLUSTER_LAYOUT, distributedEngine, localTable, replicatedEngine } from '../migrations';
import { factPositions } from './fact-position';
import {
  FACT_COLUMNS,
  FACTS,
  OVERDUE_SPANS,
  PRESENCE,
  PRESENCE_SOURCE,
  rollupDay,
  workdayOrdinalParams,
  workdayOrdinalSql,
} from './indicator-terms';
import { hotspotBuildSql, operatorBuildSql, TERMINATED_OUTCOMES_PARAM } from './operator-terms';

/**
 * The registration months a build reads (a bound array of YYYYMM) and a row's own month: one statement builds several
 * months at once (planned once, one read of `cases FINAL` for them all), each row in its month's partition.
 */
export const BUILD_MONTHS = {
  month: 'toYYYYMM(registered_date)',
  filter: 'toYYYYMM(registered_date) IN {months:Array(UInt32)}',
} as const;

/**
 * The facts of the registration months built: per month, unit, kind, fact and dates, one sum per column of the fact.
 * Each case is expanded into one row per fact (ARRAY JOIN) that has a date and a sum other than zero (the others are
 * left out before the expansion copies the case's columns), and those rows summed. Cheaper in the engine than the
 * same with the fact's name: the fact travels as its position in FACTS (UInt8) and is named on the grouped rows, and
 * the date d1, known not null past the filter, is grouped as a plain Date. The monthly rollups and FIRST_REGISTERED
 * are not expanded from the cases: `rollupsBuildSql` sums them from these rows.
 */
const ROLLUPS = FACTS.flatMap((f) => (f.monthly ? [{ of: f.id, id: f.monthly }] : []));
const EXPANDED = FACTS.filter((f) => !ROLLUPS.some((r) => r.id === f.id));

export function factsBuildSql(target: string): string {
  const positions = factPositions(EXPANDED.map((f) => f.id));
  const facts = EXPANDED.map((f) => {
    const columns = (FACT_COLUMNS.get(f.id) ?? []).map((c) => `toInt64(if(${c.when}, ${c.value}, 0))`);
    return `tuple(${positions.position(f.id)}, ${f.d1}, ${f.d2 ?? 'CAST(NULL AS Nullable(Date))'}, [${columns.join(', ')}])`;
  });
  return `INSERT INTO ${target} (reg_month, province_code, city_code, county_code, kind, fact, d1, d2, v)
SELECT reg_month, province_code, city_code, county_code, kind, ${positions.name('fact_index')}, d1, d2, sumForEach(v)
FROM (
  SELECT ${BUILD_MONTHS.month} AS reg_month, province_code, city_code, county_code, kind, f.1 AS fact_index,
    assumeNotNull(f.2) AS d1, f.3 AS d2, f.4 AS v
  FROM cases FINAL
  ARRAY JOIN arrayFilter(x -> x.2 IS NOT NULL AND countEqual(x.4, 0) < length(x.4), [${facts.join(',\n    ')}]) AS f
  WHERE ${BUILD_MONTHS.filter}
)
GROUP BY reg_month, province_code, city_code, county_code, kind, fact_index, d1, d2`;
}

/**
 * The monthly rollups (FactDef.monthly) and FIRST_REGISTERED (PRESENCE) of the months built, from the rows
 * `factsBuildSql` has just written to the target: a rollup row sums its fact's rows of one month (`rollupDay`), with
 * the same d2 and columns; PRESENCE takes, per unit, kind and month, PRESENCE_SOURCE's least d1 and its case count.
 * The same rows as expanding every case into them, and a quarter fewer rows for the expansion to group, without a
 * second read of the cases.
 */
export function rollupsBuildSql(target: string): string {
  const ofs = `[${ROLLUPS.map((r) => `'${r.of}'`).join(', ')}]`;
  const ids = `[${ROLLUPS.map((r) => `'${r.id}'`).join(', ')}]`;
  return `INSERT INTO ${target} (reg_month, province_code, city_code, county_code, kind, fact, d1, d2, v)
SELECT reg_month, province_code, city_code, county_code, kind, transform(fact, ${ofs}, ${ids}, '') AS rollup,
  ${rollupDay('d1')} AS month_d1, d2, sumForEach(v)
FROM ${target}
WHERE reg_month IN {months:Array(UInt32)} AND fact IN ${ofs}
GROUP BY reg_month, province_code, city_code, county_code, kind, rollup, month_d1, d2
UNION ALL
SELECT reg_month, province_code, city_code, county_code, kind, '${PRESENCE.id}', ${PRESENCE.d1}, NULL,
  [sum(v[${PRESENCE_SOURCE.column}])]
FROM ${target}
WHERE reg_month IN {months:Array(UInt32)} AND fact = '${PRESENCE_SOURCE.fact}'
GROUP BY reg_month, province_code, city_code, county_code, kind`;
}

/**
 * The overdue spans of the registration months built (indicator-terms.ts OVERDUE_SPANS): a row per case and stage whose
 * span holds a day. due_ordinal: the due date's working-day ordinal (workdayOrdinalSql).
 */
export function spansBuildSql(target: string): string {
  const spans = OVERDUE_SPANS.map((s) => `tuple('${s.stage}', ${s.start}, ${s.end}, ${s.due})`);
  return `INSERT INTO ${target} (reg_month, case_id, stage, start_date, end_date, due_date, due_ordinal, kind, registered_at,
  province_code, city_code, county_code, station_code, handling_unit_code, handling_unit_name, respondent_name,
  object_category, problem_category)
SELECT ${BUILD_MONTHS.month}, case_id, sp.1, assumeNotNull(sp.2), sp.3, assumeNotNull(sp.4),
  ${workdayOrdinalSql('assumeNotNull(sp.4)')},
  kind, registered_at, province_code, city_code, county_code, station_code, handling_unit_code, handling_unit_name,
  respondent_name, object_category, problem_category
FROM cases FINAL
ARRAY JOIN arrayFilter(sp -> sp.2 IS NOT NULL AND sp.4 IS NOT NULL AND sp.2 <= sp.3, [${spans.join(',\n    ')}]) AS sp
WHERE ${BUILD_MONTHS.filter}`;
}

/** The city grain from the county grain's new partitions (built just before it, in READ_MODEL_BUILDS order). */
export function cityFactsBuildSql(target: string): string {
  return `INSERT INTO ${target} (reg_month, province_code, city_code, county_code, kind, fact, d1, d2, v)
SELECT reg_month, province_code, city_code, '', kind, fact, d1, d2, sumForEach(v)
FROM indicator_facts
WHERE reg_month IN {months:Array(UInt32)}
GROUP BY reg_month, province_code, city_code, kind, fact, d1, d2`;
}

export interface ReadModelBuild {
  table: string;
  /**
   * The statements that fill a target table with the months built, in order: a later one may read what an earlier
   * one wrote to the target.
   */
  statements: (target: string) => readonly string[];
}

/** Each read-model table and how it is built, in build order (indicator_facts_city reads indicator_facts). */
export const READ_MODEL_BUILDS: readonly ReadModelBuild[] = [
  { table: 'indicator_facts', statements: (target) => [factsBuildSql(target), rollupsBuildSql(target)] },
  { table: 'indicator_facts_city', statements: (target) => [cityFactsBuildSql(target)] },
  { table: 'overdue_spans', statements: (target) => [spansBuildSql(target)] },
  { table: 'hotspot_facts', statements: (target) => [hotspotBuildSql(target, BUILD_MONTHS)] },
  { table: 'operator_facts', statements: (target) => [operatorBuildSql(target, BUILD_MONTHS)] },
];

/** Every table of the read model (each partitioned by registration month). */
export const READ_MODEL_TABLES: readonly string[] = READ_MODEL_BUILDS.map((b) => b.table);

/** The hash of everything that decides the read model's rows: a new one rebuilds every month. */
export function readModelDefinitionHash(): string {
  const ord = workdayOrdinalTable();
  return createHash('sha256')
    .update(READ_MODEL_BUILDS.flatMap((b) => b.statements(b.table)).join('\n'))
    .update(JSON.stringify(TERMINATED_OUTCOMES_PARAM))
    .update(`${ord.firstDate}:${ord.lastDate}:${ord.workdays.length}:${ord.workdays.join(',')}`)
    .digest('hex');
}

let lastVersion = 0;
/** Versions of read_model_state: microseconds, strictly increasing in this process. */
function nextVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

async function setState(ch: ClickHouseClient, rows: { key: string; value: string; version: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await ch.insert({ table: 'read_model_state', values: rows, format: 'JSONEachRow' });
}

/** The registration month (YYYYMM) of a `YYYY-MM-DD` date: the read model's unit of work. */
export function registrationMonth(date: string): number {
  return Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7));
}

/** Mark registration months (YYYYMM) dirty before writing cases of them. */
export async function markMonthsDirty(ch: ClickHouseClient, months: Iterable<number>): Promise<void> {
  const version = nextVersion();
  await setState(
    ch,
    [...new Set(months)].map((m) => ({ key: `month:${m}`, value: 'dirty', version })),
  );
}

/** Mark dirty the registration months of a SELECT's `month` column (UInt32 YYYYMM), run in the engine. */
export async function markMonthsDirtyFrom(
  ch: ClickHouseClient,
  monthsQuery: string,
  params: Record<string, unknown> = {},
): Promise<void> {
  await ch.command({
    query: `INSERT INTO read_model_state (key, value, version)
      SELECT concat('month:', toString(month)), 'dirty', {version:UInt64} FROM (${monthsQuery}) GROUP BY month`,
    query_params: { ...params, version: nextVersion() },
    // A load's months: a read of its stage, as long as the file.
    clickhouse_settings: NO_TIME_LIMIT,
  });
}

async function stateRows(ch: ClickHouseClient, where: string): Promise<{ key: string; value: string }[]> {
  const result = await ch.query({
    query: `SELECT key, value FROM read_model_state FINAL WHERE ${where} ORDER BY key`,
    format: 'JSONEachRow',
  });
  return result.json();
}

export async function dirtyMonths(ch: ClickHouseClient): Promise<number[]> {
  const rows = await stateRows(ch, "startsWith(key, 'month:') AND value = 'dirty'");
  return rows.map((r) => Number(r.key.slice('month:'.length)));
}

export interface RefreshProgress {
  month: number;
  done: number;
  total: number;
}

/**
 * A month's build reads all its cases: not bound by the api's per-query time limit (NO_TIME_LIMIT). A month whose
 * cases no longer produce a row of a table (all moved away, none food-related) replaces it with nothing.
 */
const BUILD_SETTINGS = { ...NO_TIME_LIMIT, allow_replace_partition_from_empty_source: 1 };

/** The bound parameters of the build statements of `months` (YYYYMM). */
export function buildParams(months: readonly number[]): Record<string, unknown> {
  return { months, ...workdayOrdinalParams(), ...TERMINATED_OUTCOMES_PARAM };
}

/**
 * Build registration months of every read-model table from `cases FINAL` and swap each month in: per table, one
 * statement builds all of `months` into a scratch table, whose partitions then replace the table's (one ALTER). The
 * cost of a statement (its plan, its read of the months' cases) is paid once for the batch; `refreshReadModel` keeps
 * a batch's cases bounded (BATCH_CASES).
 */
export async function rebuildMonths(ch: ClickHouseClient, months: readonly number[]): Promise<void> {
  const cluster = clickHouseCluster(ch);
  if (cluster) {
    for (const month of months) {
      for (const statement of await clusterRebuildStatements(ch, cluster, month)) {
        await ch.command({ query: statement.query, query_params: statement.params, clickhouse_settings: CLUSTER_BUILD_SETTINGS });
      }
    }
    return;
  }
  const run = (query: string, params: Record<string, unknown> = {}) =>
    ch.command({ query, query_params: params, clickhouse_settings: BUILD_SETTINGS });
  for (const build of READ_MODEL_BUILDS) {
    // One name per table: one refresh at a time per store, and a scratch table left by a killed one is dropped here.
    const scratch = `${build.table}_build`;
    await run(`DROP TABLE IF EXISTS ${scratch}`);
    await run(`CREATE TABLE ${scratch} AS ${build.table}`);
    try {
      for (const statement of build.statements(scratch)) await run(statement, buildParams(months));
      // Every month of the batch in one ALTER: each REPLACE PARTITION is atomic for its month, as one statement per
      // month was, at the cost of one statement per table instead of one per month and table.
      const swaps = months.map((_, i) => `REPLACE PARTITION {m${i}:UInt32} FROM ${scratch}`);
      await run(`ALTER TABLE ${build.table} ${swaps.join(', ')}`, Object.fromEntries(months.map((m, i) => [`m${i}`, m])));
    } finally {
      await run(`DROP TABLE IF EXISTS ${scratch}`);
    }
  }
}

/**
 * At most about this many cases per build statement (a month with more is built alone): the statements' GROUP BY
 * holds one batch's groups, so memory stays bounded whatever the store's size.
 */
const BATCH_CASES = 2_000_000;

/** Consecutive months (sorted) packed into batches of at most BATCH_CASES cases, counted by `cases` (all versions). */
async function monthBatches(ch: ClickHouseClient, months: readonly number[], batchCases: number): Promise<number[][]> {
  const counted = await (
    await ch.query({
      query: `SELECT ${BUILD_MONTHS.month} AS month, count() AS n FROM cases WHERE ${BUILD_MONTHS.filter} GROUP BY month`,
      query_params: { months },
      clickhouse_settings: NO_TIME_LIMIT,
      format: 'JSONEachRow',
    })
  ).json<{ month: number; n: string }>();
  const cases = new Map(counted.map((r) => [Number(r.month), Number(r.n)]));
  const batches: number[][] = [];
  let batch: number[] = [];
  let inBatch = 0;
  for (const month of [...months].sort((a, b) => a - b)) {
    const n = cases.get(month) ?? 0;
    if (batch.length > 0 && inBatch + n > batchCases) {
      batches.push(batch);
      batch = [];
      inBatch = 0;
    }
    batch.push(month);
    inBatch += n;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * On a cluster (infra/README.md §Cluster layout) the build statements run as they are, through the Distributed
 * tables; with a shard-local SELECT where the engine can (parallel_distributed_insert_select: a province's cases and
 * its read-model rows share a shard) and otherwise assembled by the node that runs the build, sent to the shards by
 * province — the same rows either way. The swap is per shard: REPLACE PARTITION … ON CLUSTER runs once on one replica
 * of every shard (the engine's rule for an ALTER of a Replicated table), so the scratch table it copies from is
 * Replicated too (each replica holds the new month), and alter_sync = 2 returns once every replica has swapped.
 */
const CLUSTER_BUILD_SETTINGS = {
  ...BUILD_SETTINGS,
  parallel_distributed_insert_select: '2',
  // Rows sent to the shards are there when the INSERT returns: the next statement of a build reads them, the swap moves them.
  distributed_foreground_insert: 1,
  alter_sync: '2',
};

export interface ClusterStatement {
  query: string;
  params: Record<string, unknown>;
}

/**
 * The statements that rebuild one month on a cluster, in order. The scratch tables' engine is the per-shard table's
 * own (`engine_full`: sorting key, partition key, settings) with a Keeper path of their own. The month is written into
 * the DDL (ON CLUSTER statements travel as text to every node); it is a YYYYMM of the read model's own state.
 */
export async function clusterRebuildStatements(
  ch: ClickHouseClient,
  cluster: string,
  month: number,
): Promise<ClusterStatement[]> {
  if (!Number.isInteger(month) || month < 190001 || month > 299912) throw new Error(`not a month: ${month}`);
  const [db] = await (await ch.query({ query: 'SELECT currentDatabase() AS db', format: 'JSONEachRow' })).json<{ db: string }>();
  const engines = new Map(
    (
      await (
        await ch.query({
          query: `SELECT name, engine_full FROM system.tables WHERE database = currentDatabase() AND name IN {names:Array(String)}`,
          query_params: { names: READ_MODEL_TABLES.map(localTable) },
          format: 'JSONEachRow',
        })
      ).json<{ name: string; engine_full: string }>()
    ).map((t) => [t.name, t.engine_full]),
  );
  const params = buildParams([month]);
  return READ_MODEL_BUILDS.flatMap((build) => {
    const engineFull = engines.get(localTable(build.table));
    if (!engineFull) throw new Error(`${localTable(build.table)} is missing: migrate the cluster first`);
    return clusterBuildStatements(
      { cluster, database: db?.db ?? 'default' },
      build.table,
      engineFull,
      month,
      build.statements,
    ).map((query) => ({ query, params: query.startsWith('INSERT') ? params : {} }));
  });
}

/** One read-model table's month rebuilt on a cluster: scratch tables, build, swap per shard, drop (pure: tested). */
export function clusterBuildStatements(
  target: { cluster: string; database: string },
  table: string,
  localEngineFull: string,
  month: number,
  statements: ReadModelBuild['statements'],
): string[] {
  const layout = CLUSTER_LAYOUT[table];
  if (layout?.kind !== 'sharded') throw new Error(`${table} is not a sharded table`);
  const scratch = `${table}_build_${month}`;
  const on = `ON CLUSTER '${target.cluster}'`;
  const engine = localEngineFull.replace(
    /^Replicated(\w*MergeTree)\('[^']*', '[^']*'(?:, ([^)]*))?\)/,
    (_m, family: string, args?: string) => replicatedEngine(family, localTable(scratch), layout, args),
  );
  if (engine === localEngineFull) throw new Error(`${localTable(table)} is not a Replicated MergeTree: ${localEngineFull}`);
  const drop = [`DROP TABLE IF EXISTS ${scratch} ${on} SYNC`, `DROP TABLE IF EXISTS ${localTable(scratch)} ${on} SYNC`];
  return [
    ...drop,
    `CREATE TABLE ${localTable(scratch)} ${on} AS ${localTable(table)} ENGINE = ${engine}`,
    `CREATE TABLE ${scratch} ${on} AS ${localTable(scratch)} ENGINE = ${distributedEngine(
      { cluster: target.cluster, database: target.database },
      scratch,
      layout.key,
    )}`,
    ...statements(scratch),
    `ALTER TABLE ${localTable(table)} ${on} REPLACE PARTITION ${month} FROM ${localTable(scratch)}`,
    ...drop,
  ];
}

/**
 * Rebuild every dirty month (and every month, once, after the definition changed), in batches of consecutive months
 * (`batchCases`: at most about this many cases per batch, BATCH_CASES by default). Returns the months rebuilt.
 * One caller at a time per store (the process that owns it).
 */
export async function refreshReadModel(
  ch: ClickHouseClient,
  onProgress?: (p: RefreshProgress) => void,
  options: {
    batchCases?: number;
    /** Called once the months to rebuild are known (`total`), before the first is built: the phase has begun. */
    onStart?: (total: number) => void;
  } = {},
): Promise<number[]> {
  const hash = readModelDefinitionHash();
  const [stored] = await stateRows(ch, "key = 'definition'");
  if (stored?.value !== hash) {
    // Every month with cases, and every month the read model holds (a month whose cases are all gone).
    await markMonthsDirtyFrom(
      ch,
      [
        'SELECT DISTINCT toYYYYMM(registered_date) AS month FROM cases',
        ...READ_MODEL_TABLES.map((t) => `SELECT DISTINCT reg_month AS month FROM ${t}`),
      ].join(' UNION DISTINCT '),
    );
    await setState(ch, [{ key: 'definition', value: hash, version: nextVersion() }]);
  }
  const months = await dirtyMonths(ch);
  if (months.length === 0) return months;
  options.onStart?.(months.length);
  let done = 0;
  for (const batch of await monthBatches(ch, months, options.batchCases ?? BATCH_CASES)) {
    // Taken before the build: a month marked dirty again while it runs (a newer mark) stays dirty.
    const started = nextVersion();
    await rebuildMonths(ch, batch);
    await setState(
      ch,
      batch.map((month) => ({ key: `month:${month}`, value: 'clean', version: started })),
    );
    for (const month of batch) onProgress?.({ month, done: ++done, total: months.length });
  }
  return months;
}

/**
 * The cluster layout (infra/README.md §Cluster layout) on the real engine. No ClickHouse server or Keeper runs on
 * these machines and the embedded engine refuses ON CLUSTER and Replicated tables, so:
 *  - every statement the cluster rendering produces — migrations and the read model's per-month rebuild — is parsed
 *    by the engine's own parser (formatQuery), exactly as rendered;
 *  - the same statements, with `ON CLUSTER '…'` and the Replicated engines' Keeper arguments taken out (what the
 *    engine does to them on each node), run on an engine configured with a cluster `c12315` of one shard (this
 *    engine): the Distributed tables are created over the per-shard tables (the engine checks their columns and
 *    sharding keys), cases written and read through them, and a month of the read model rebuilt by the cluster
 *    statements equals the same month built by the single-node statements.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLUSTER_SETTINGS, type ClickHouseClient, createClickHouse, embeddedClickHousePath } from './clickhouse';
import {
  CLUSTER_LAYOUT,
  localTable,
  PROVINCE_SHARDING_KEY,
  readMigrations,
  renderMigration,
  splitStatements,
} from './migrations';
import { buildParams, clusterBuildStatements, READ_MODEL_BUILDS, READ_MODEL_TABLES } from './read-model/read-model-build';

const CLUSTER = 'c12315';
const TARGET = { cluster: CLUSTER, database: 'default' };
let dir: string;
let ch: ClickHouseClient;
let configSession: { close(): void };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-cluster-'));
  const configFile = path.join(dir, 'cluster.xml');
  // One shard: this engine (localhost at its own tcp_port, so the Distributed engine reads and writes it in-process).
  fs.writeFileSync(
    configFile,
    `<clickhouse><tcp_port>9000</tcp_port><remote_servers><${CLUSTER}><shard><internal_replication>true</internal_replication>
      <replica><host>localhost</host><port>9000</port></replica></shard></${CLUSTER}></remote_servers></clickhouse>`,
  );
  const enginePath = embeddedClickHousePath({ dataDir: dir });
  fs.mkdirSync(enginePath, { recursive: true });
  // The first connection to the directory starts the engine with its configuration; the client joins that engine.
  const { Session } = require('chdb') as typeof import('chdb');
  configSession = new Session(enginePath, { connectionArgs: [`--config-file=${configFile}`] });
  ch = createClickHouse({ dataDir: dir, clickhouseUrl: null, queryTimeoutSeconds: 60 });
});

afterAll(async () => {
  await ch.close();
  configSession.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function formatted(statement: string): Promise<string> {
  const [row] = await (
    await ch.query({ query: 'SELECT formatQuery({q:String}) AS f', query_params: { q: statement }, format: 'JSONEachRow' })
  ).json<{ f: string }>();
  return row?.f ?? '';
}

/** What each node runs of an ON CLUSTER statement, without Keeper: no ON CLUSTER, the Replicated engine's own family. */
function onOneNode(statement: string): string {
  return statement
    .replaceAll(` ON CLUSTER '${CLUSTER}'`, '')
    .replace(/Replicated(\w*MergeTree)\('[^']*', '[^']*'(?:, )?/g, '$1(');
}

const clusterStatements = () =>
  readMigrations().flatMap((m) => splitStatements(renderMigration(m.sql, TARGET)).map((s) => ({ version: m.version, s })));

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return (await ch.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
}

test('every rendered cluster statement parses, ON CLUSTER, with Replicated per-shard tables under Distributed ones', async () => {
  const created = new Map<string, string>();
  for (const { s } of clusterStatements()) {
    const f = await formatted(s);
    expect(f).toContain(`ON CLUSTER ${CLUSTER}`);
    const create = /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(f);
    if (create) created.set(create[1] as string, f);
  }
  for (const [table, layout] of Object.entries(CLUSTER_LAYOUT)) {
    if (table === 'schema_migrations') continue;
    if (layout.kind === 'sharded') {
      expect(created.get(localTable(table))).toMatch(
        new RegExp(
          `ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/\\{shard\\}/\\{database\\}/${table}', '\\{replica\\}'`,
        ),
      );
      expect(created.get(table)).toContain(
        `AS ${localTable(table)}\nENGINE = Distributed('${CLUSTER}', 'default', '${localTable(table)}', ${layout.key})`,
      );
    } else {
      expect(created.get(table)).toMatch(
        new RegExp(
          `ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/all/\\{database\\}/${table}', '\\{shard\\}-\\{replica\\}'`,
        ),
      );
    }
  }
  // Every table the single-node schema creates has its cluster counterpart, and nothing else is created.
  const singleNode = readMigrations().flatMap((m) =>
    splitStatements(renderMigration(m.sql, { cluster: null }))
      .map((s) => /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(s)?.[1])
      .filter((t): t is string => t !== undefined),
  );
  const expected = singleNode.flatMap((t) => (CLUSTER_LAYOUT[t]?.kind === 'sharded' ? [localTable(t), t] : [t]));
  expect([...created.keys()].sort()).toEqual(expected.sort());
  // Sharded by province: cases and the read model; case_versions by case id.
  for (const t of ['cases', ...READ_MODEL_TABLES])
    expect(CLUSTER_LAYOUT[t]).toEqual({ kind: 'sharded', key: PROVINCE_SHARDING_KEY });
  expect(CLUSTER_LAYOUT.case_versions).toEqual({ kind: 'sharded', key: 'cityHash64(case_id)' });
});

test('a column added to a sharded table is added to its per-shard table and to its Distributed table', () => {
  const alters = clusterStatements()
    .filter(({ version }) => version === '0005_due_provisional')
    .map(({ s }) => s.split(' ADD COLUMN')[0]);
  expect(alters).toEqual([`ALTER TABLE cases_local ON CLUSTER '${CLUSTER}'`, `ALTER TABLE cases ON CLUSTER '${CLUSTER}'`]);
});

test('a statement of a table without a cluster layout is refused, not rendered half-way', () => {
  expect(() =>
    renderMigration(
      'CREATE TABLE IF NOT EXISTS stray {{ON_CLUSTER}} (a UInt8) ENGINE = {{ENGINE:MergeTree:stray}} ORDER BY a',
      TARGET,
    ),
  ).toThrow(/stray has no cluster layout/);
  expect(() => renderMigration('OPTIMIZE TABLE cases {{ON_CLUSTER}} FINAL', TARGET)).toThrow(/no cluster rendering/);
});

test('the layout runs: Distributed tables over the per-shard ones, cases written and read through them', async () => {
  for (const { s } of clusterStatements()) await ch.command({ query: onOneNode(s) });
  const engines = new Map(
    (
      await rows<{ name: string; engine: string }>('SELECT name, engine FROM system.tables WHERE database = currentDatabase()')
    ).map((t) => [t.name, t.engine]),
  );
  for (const [table, layout] of Object.entries(CLUSTER_LAYOUT)) {
    if (table === 'schema_migrations' || layout.kind !== 'sharded') continue;
    expect(engines.get(table)).toBe('Distributed');
    expect(engines.get(localTable(table))).toMatch(/MergeTree$/);
    // The Distributed table lists the per-shard table's columns, 0005's column included.
    const columns = (t: string) => rows<{ name: string; type: string }>(`DESCRIBE TABLE ${t}`);
    expect(await columns(table)).toEqual(await columns(localTable(table)));
  }
  const base = {
    kind: 'COMPLAINT',
    registered_at: '2026-01-05 09:00:00',
    registered_date: '2026-01-05',
    city_code: '',
    county_code: '',
    status: '处理中',
    closed_at: '2026-01-20 10:00:00',
    closing_due: '2026-01-30',
    updated_at: '2026-01-05 09:00:00',
    food_related: true,
    operator_key: '91140100MA0XXXXX0X',
    rule_set: 'SAMR121',
    content_hash: 'h',
    load_id: '1',
    source_row: 2,
  };
  // Case A moves from 山西 to 北京 (a tombstone of its old key, in the old province), B stays; C is in 北京.
  await ch.insert({
    table: 'cases',
    format: 'JSONEachRow',
    values: [
      { ...base, case_id: 'A', province_code: '140000', city_code: '140100', version: '1' },
      { ...base, case_id: 'A', province_code: '140000', city_code: '140100', version: '2', is_deleted: 1 },
      { ...base, case_id: 'A', province_code: '110000', city_code: '110100', version: '2' },
      { ...base, case_id: 'B', province_code: '140000', city_code: '140100', version: '1', registered_date: '2026-01-07' },
      { ...base, case_id: 'C', province_code: '110000', city_code: '110100', version: '1', kind: 'REPORT' },
    ],
    // As the loader writes: no collapse on insert, so every row written reaches the shard.
    clickhouse_settings: { ...CLUSTER_SETTINGS, optimize_on_insert: 0 },
  });
  expect(await rows('SELECT case_id, province_code FROM cases FINAL ORDER BY case_id')).toEqual([
    { case_id: 'A', province_code: '110000' },
    { case_id: 'B', province_code: '140000' },
    { case_id: 'C', province_code: '110000' },
  ]);
  // The rows went through the Distributed table into the shard's table; the key puts a province on one shard.
  expect(await rows('SELECT toString(count()) AS n FROM cases_local')).toEqual([{ n: '5' }]);
  expect(
    await rows(
      `SELECT province_code, groupUniqArray(${PROVINCE_SHARDING_KEY}) AS keys FROM cases_local GROUP BY province_code ORDER BY province_code`,
    ),
  ).toEqual([
    { province_code: '110000', keys: [11] },
    { province_code: '140000', keys: [14] },
  ]);
});

test('a month rebuilt by the cluster statements equals the single-node build of the month, table by table', async () => {
  const month = 202601;
  const params = buildParams([month]);
  for (const build of READ_MODEL_BUILDS) {
    const [local] = await rows<{ engine_full: string }>(
      'SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = {t:String}',
      { t: localTable(build.table) },
    );
    // On a server the per-shard table's engine is Replicated; here it lost its Keeper arguments (onOneNode).
    const replicated = (local?.engine_full ?? '').replace(
      /^(\w*MergeTree)(\(\))?/,
      `Replicated$1('/clickhouse/tables/{shard}/{database}/${build.table}', '{replica}')`,
    );
    const statements = clusterBuildStatements(TARGET, build.table, replicated, month, build.statements);
    // The build's own statements, into the scratch table; everything else runs on every node.
    expect(statements.filter((s) => !s.includes(' ON CLUSTER '))).toEqual(build.statements(`${build.table}_build_${month}`));
    for (const s of statements) {
      if (!s.startsWith('INSERT')) expect(await formatted(s)).toContain(`ON CLUSTER ${CLUSTER}`);
      await ch.command({
        query: onOneNode(s),
        query_params: s.startsWith('INSERT') ? params : {},
        clickhouse_settings: {
          ...CLUSTER_SETTINGS,
          max_execution_time: 0,
          allow_replace_partition_from_empty_source: 1,
          parallel_distributed_insert_select: '2',
          alter_sync: '2',
        },
      });
    }
    // The reference: the single-node build statement of the month into a plain table.
    await ch.command({ query: `DROP TABLE IF EXISTS ref_${build.table}` });
    await ch.command({ query: `CREATE TABLE ref_${build.table} AS ${localTable(build.table)}` });
    for (const statement of build.statements(`ref_${build.table}`)) {
      await ch.command({ query: statement, query_params: params, clickhouse_settings: CLUSTER_SETTINGS });
    }
    const described = await rows<{ name: string; type: string }>(`DESCRIBE TABLE ${build.table}`);
    const select = described
      .map((c) => (c.type.startsWith('AggregateFunction') ? `finalizeAggregation(${c.name}) AS ${c.name}` : c.name))
      .join(', ');
    const all = (t: string) =>
      rows(`SELECT ${select} FROM ${t} WHERE reg_month = {month:UInt32} ORDER BY ALL`, { month }).then((r) => JSON.stringify(r));
    expect(await all(build.table)).toEqual(await all(`ref_${build.table}`));
    if (build.table === 'indicator_facts') expect(JSON.parse(await all(build.table)).length).toBeGreaterThan(2);
  }
  // The scratch tables are gone.
  expect(await rows("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '%_build_%'")).toEqual([]);
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { clickHouseCluster } from './clickhouse';

/** The only copy of the ClickHouse schema (ARCHITECTURE.md: infra/ owns it). */
export const CLICKHOUSE_MIGRATIONS_DIR = path.resolve(__dirname, '../../../infra/clickhouse');

export interface MigrationFile {
  version: string;
  sql: string;
  checksum: string;
}

export interface SchemaTarget {
  /**
   * null: one node. A name: the cluster layout (CLUSTER_LAYOUT) — `ON CLUSTER name`, Replicated engines, and for a
   * sharded table a `<table>_local` per shard under a Distributed table of the table's own name.
   */
  cluster: string | null;
  /** The database the Distributed tables read on every shard (the client's own); only used with a cluster. */
  database?: string;
}

/**
 * How a table of the schema lives on a cluster. `sharded`: a Replicated `<table>_local` on every shard (its Keeper
 * path per shard) and a Distributed `<table>` over them that every reader and writer uses by the table's own name, rows
 * sent to a shard by `key`. `everywhere`: one Replicated table whose Keeper path is the cluster's, so every node holds
 * all of it (small global state read and written locally).
 */
export type ClusterLayout = { kind: 'sharded'; key: string } | { kind: 'everywhere' };

/**
 * The sharding key of everything that is read by region: the province's two-digit GB/T 2260 prefix ('140000' → 14,
 * '' → 0). A province's rows all go to one shard (shard = key mod the cluster's total weight), so every ranking and
 * drill-down (all inside one province) is answered by one shard, and a national question fans out to all.
 */
export const PROVINCE_SHARDING_KEY = 'intDiv(toUInt32OrZero(province_code), 10000)';

/**
 * Every table of the schema on a cluster (infra/README.md explains the choices). `case_versions` is the loader's
 * lookup by case id and shards by it: a case whose handling unit moved to another province keeps one current entry
 * (its `cases` rows, old key tombstoned, follow the province). A table missing here cannot be rendered for a cluster.
 */
export const CLUSTER_LAYOUT: Readonly<Record<string, ClusterLayout>> = {
  cases: { kind: 'sharded', key: PROVINCE_SHARDING_KEY },
  case_versions: { kind: 'sharded', key: 'cityHash64(case_id)' },
  indicator_facts: { kind: 'sharded', key: PROVINCE_SHARDING_KEY },
  indicator_facts_city: { kind: 'sharded', key: PROVINCE_SHARDING_KEY },
  overdue_spans: { kind: 'sharded', key: PROVINCE_SHARDING_KEY },
  hotspot_facts: { kind: 'sharded', key: PROVINCE_SHARDING_KEY },
  operator_facts: { kind: 'sharded', key: PROVINCE_SHARDING_KEY },
  read_model_state: { kind: 'everywhere' },
  schema_migrations: { kind: 'everywhere' },
};

/** The per-shard table under the Distributed `table` on a cluster. */
export function localTable(table: string): string {
  return `${table}_local`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function checkedName(what: string, name: string): string {
  if (!NAME.test(name)) throw new Error(`not a plain ${what} name: ${name}`);
  return name;
}

/**
 * The Replicated engine of a table on a cluster: `engine` is its single-node engine (e.g. ReplacingMergeTree) and
 * `args` that engine's own arguments (e.g. `version, is_deleted`), which follow the Keeper path and replica name.
 */
export function replicatedEngine(engine: string, table: string, layout: ClusterLayout, args = ''): string {
  const keeper =
    layout.kind === 'sharded'
      ? `'/clickhouse/tables/{shard}/{database}/${table}', '{replica}'`
      : `'/clickhouse/tables/all/{database}/${table}', '{shard}-{replica}'`;
  return `Replicated${engine}(${keeper}${args.trim() ? `, ${args.trim()}` : ''})`;
}

/** The Distributed table over a sharded table's per-shard tables. */
export function distributedEngine(target: Required<SchemaTarget>, table: string, key: string): string {
  return `Distributed('${target.cluster}', '${target.database}', '${localTable(table)}', ${key})`;
}

function layoutOf(table: string): ClusterLayout {
  const layout = CLUSTER_LAYOUT[table];
  if (!layout) throw new Error(`table ${table} has no cluster layout: add it to CLUSTER_LAYOUT (migrations.ts)`);
  return layout;
}

const CREATE = /^CREATE TABLE IF NOT EXISTS (\w+) \{\{ON_CLUSTER\}\}(\s+AS (\w+))?/;
const ALTER = /^ALTER TABLE (\w+) \{\{ON_CLUSTER\}\} ([\s\S]*)$/;
const COLUMN_ALTER = /^(ADD|DROP|MODIFY|RENAME|COMMENT) COLUMN /;

/**
 * One statement of a migration for a cluster: a CREATE of a sharded table becomes its per-shard table plus the
 * Distributed table; an ALTER of a sharded table changes the per-shard table, and when it changes columns the
 * Distributed table too (it must list the same columns).
 */
function renderForCluster(statement: string, target: Required<SchemaTarget>): string[] {
  const onCluster = `ON CLUSTER '${target.cluster}'`;
  const fill = (sql: string) =>
    sql
      .replaceAll('{{ON_CLUSTER}}', onCluster)
      .replace(/\{\{ENGINE:(\w+):(\w+)\}\}(?:\(([^)]*)\))?/g, (_m, engine: string, table: string, args?: string) =>
        replicatedEngine(engine, table, layoutOf(table), args),
      );
  const create = CREATE.exec(statement);
  if (create) {
    const table = create[1] as string;
    const layout = layoutOf(table);
    if (layout.kind === 'everywhere') return [fill(statement)];
    const source = create[3];
    if (source && layoutOf(source).kind !== 'sharded') throw new Error(`${table} is sharded, ${source} is not`);
    const local = fill(
      statement.replace(
        CREATE,
        `CREATE TABLE IF NOT EXISTS ${localTable(table)} {{ON_CLUSTER}}${source ? ` AS ${localTable(source)}` : ''}`,
      ),
    );
    return [
      local,
      `CREATE TABLE IF NOT EXISTS ${table} ${onCluster} AS ${localTable(table)}\nENGINE = ${distributedEngine(target, table, layout.key)}`,
    ];
  }
  const alter = ALTER.exec(statement);
  if (alter) {
    const table = alter[1] as string;
    const change = alter[2] as string;
    if (layoutOf(table).kind === 'everywhere') return [fill(statement)];
    const statements = [`ALTER TABLE ${localTable(table)} ${onCluster} ${change}`];
    if (COLUMN_ALTER.test(change)) statements.push(`ALTER TABLE ${table} ${onCluster} ${change}`);
    return statements;
  }
  throw new Error(`no cluster rendering for this statement (migrations.ts renderForCluster): ${statement.slice(0, 80)}`);
}

/**
 * Fill the template slots of a migration: `{{ON_CLUSTER}}` and `{{ENGINE:<Engine>:<table>}}`. On one node the slots
 * are emptied and the engine kept. On a cluster each statement takes the table's CLUSTER_LAYOUT (renderForCluster).
 * The files stay single-node SQL with slots, so their checksums (and every applied store's history) do not depend on
 * the layout.
 */
export function renderMigration(sql: string, target: SchemaTarget): string {
  if (!target.cluster) {
    return sql.replaceAll('{{ON_CLUSTER}}', '').replace(/\{\{ENGINE:(\w+):(\w+)\}\}/g, (_m, engine: string) => engine);
  }
  const full = {
    cluster: checkedName('cluster', target.cluster),
    database: checkedName('database', target.database ?? 'default'),
  };
  return splitStatements(sql)
    .flatMap((statement) => renderForCluster(statement, full))
    .map((s) => `${s};\n`)
    .join('\n');
}

export function readMigrations(dir = CLICKHOUSE_MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return { version: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Split a migration file into statements (`;` at a line end; the files hold no `;` inside strings). */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/** The record of applied migrations (rendered like a migration: one node, or replicated on every node of a cluster). */
const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations {{ON_CLUSTER}}
  (version String, checksum String, applied_at DateTime DEFAULT now())
  ENGINE = {{ENGINE:MergeTree:schema_migrations}} ORDER BY version`;

/**
 * Apply the migrations not yet recorded in `schema_migrations`, in order. A recorded migration whose file changed
 * is an error: the schema history is append-only.
 */
export async function migrateClickHouse(
  client: ClickHouseClient,
  target: SchemaTarget = { cluster: clickHouseCluster(client) },
  dir = CLICKHOUSE_MIGRATIONS_DIR,
): Promise<string[]> {
  if (target.cluster && !target.database) {
    const [row] = await (await client.query({ query: 'SELECT currentDatabase() AS db', format: 'JSONEachRow' })).json<{
      db: string;
    }>();
    target = { ...target, database: row?.db ?? 'default' };
  }
  for (const statement of splitStatements(renderMigration(SCHEMA_MIGRATIONS_TABLE, target))) {
    await client.command({ query: statement });
  }
  const applied = new Map(
    (
      await (
        await client.query({ query: 'SELECT version, checksum FROM schema_migrations', format: 'JSONEachRow' })
      ).json<{ version: string; checksum: string }>()
    ).map((r) => [r.version, r.checksum]),
  );
  const done: string[] = [];
  for (const migration of readMigrations(dir)) {
    const recorded = applied.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new Error(`ClickHouse migration ${migration.version} changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    for (const statement of splitStatements(renderMigration(migration.sql, target))) {
      await client.command({ query: statement });
    }
    await client.insert({
      table: 'schema_migrations',
      values: [{ version: migration.version, checksum: migration.checksum }],
      format: 'JSONEachRow',
    });
    done.push(migration.version);
  }
  return done;
}

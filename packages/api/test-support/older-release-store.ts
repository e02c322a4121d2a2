/**
 * Test support for the upgrade test: a store as an older release left it. Run as a child process (one store each).
 *
 *   DATA_DIR=A … older-release-store.ts export DIR
 *     writes A's case tables (Native) and every metadata row (JSON) into DIR;
 *   DATA_DIR=O … older-release-store.ts build CLICKHOUSE_MIGRATIONS METADATA_MIGRATIONS DIR
 *     creates a store with only the first N ClickHouse migrations (the files, copied to a directory of their own:
 *     the runner applies what it finds) and the first M metadata migrations, and writes into it what that release
 *     wrote — the case rows in the columns its schema had, the metadata rows in the tables and columns it had. A
 *     release with a read model also left one, built by its own definition: its tables hold the exported rows in the
 *     columns both releases share (a column of its own keeps its default), and read_model_state records every month
 *     clean under a definition that is not the current one — so the current release's migrations alter tables that
 *     hold data, and it must rebuild every month when it opens the store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CLICKHOUSE_MIGRATIONS_DIR,
  connectMetadataStore,
  createClickHouse,
  loadConfig,
  METADATA_MIGRATIONS,
  migrateClickHouse,
  READ_MODEL_TABLES,
  readMigrations,
  sqlString,
} from '@c12315/store';

const CASE_TABLES = ['cases', 'case_versions'];
/** The definition an older release's read model was built by: never the current one's hash. */
const OLDER_DEFINITION = 'older release';

interface SqlExecutor {
  execute(sql: string, params?: unknown[], method?: 'all' | 'run'): Promise<Record<string, unknown>[]>;
}

async function exportStore(dir: string): Promise<void> {
  const config = loadConfig();
  fs.mkdirSync(dir, { recursive: true });
  const ch = createClickHouse(config);
  try {
    for (const table of [...CASE_TABLES, ...READ_MODEL_TABLES]) {
      await ch.command({
        query: `INSERT INTO FUNCTION file(${sqlString(path.join(dir, `${table}.native`))}, 'Native') SELECT * FROM ${table}`,
      });
    }
  } finally {
    await ch.close();
  }
  const orm = await connectMetadataStore(config);
  try {
    const db = orm.em.getConnection() as unknown as SqlExecutor;
    const tables = (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map(
      (r) => String(r.name),
    );
    const rows: Record<string, unknown[]> = {};
    for (const table of tables.filter((t) => t !== 'mikro_orm_migrations'))
      rows[table] = await db.execute(`SELECT * FROM ${table}`);
    fs.writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify(rows));
  } finally {
    await orm.close();
  }
}

async function build(clickhouseCount: number, metadataCount: number, dir: string): Promise<void> {
  const config = loadConfig();
  const migrations = fs.mkdtempSync(path.join(os.tmpdir(), 'older-migrations-'));
  for (const m of readMigrations().slice(0, clickhouseCount)) {
    fs.copyFileSync(path.join(CLICKHOUSE_MIGRATIONS_DIR, `${m.version}.sql`), path.join(migrations, `${m.version}.sql`));
  }
  const ch = createClickHouse(config);
  try {
    await migrateClickHouse(ch, { cluster: null }, migrations);
    // A column as `name family`: the type up to its arguments (a file's DateTime carries no time zone).
    const columnsOf = async (query: string) =>
      (await (await ch.query({ query, format: 'JSONEachRow' })).json<{ name: string; type: string }>()).map(
        (c) => `${c.name} ${c.type.replace(/\(.*$/, '')}`,
      );
    const tables = new Set(
      (
        await (
          await ch.query({ query: 'SELECT name FROM system.tables WHERE database = currentDatabase()', format: 'JSONEachRow' })
        ).json<{
          name: string;
        }>()
      ).map((t) => t.name),
    );
    for (const table of [...CASE_TABLES, ...READ_MODEL_TABLES.filter((t) => tables.has(t))]) {
      const file = `file(${sqlString(path.join(dir, `${table}.native`))}, 'Native')`;
      const exported = new Set(await columnsOf(`DESCRIBE TABLE ${file}`));
      const own = await columnsOf(
        `SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = ${sqlString(table)} AND default_kind != 'MATERIALIZED' ORDER BY position`,
      );
      // Every case column of the older release is one the current release still has; a read-model column may not be
      // (a column the current release changed keeps its default).
      const missing = own.filter((c) => !exported.has(c));
      if (CASE_TABLES.includes(table) && missing.length > 0)
        throw new Error(`${table}: not exported as such: ${missing.join(', ')}`);
      const columns = own.filter((c) => exported.has(c)).map((c) => c.split(' ')[0] as string);
      await ch.command({ query: `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM ${file}` });
      const [held] = await (await ch.query({ query: `SELECT count() AS n FROM ${table}`, format: 'JSONEachRow' })).json<{
        n: string;
      }>();
      // An empty table would leave the migrations of a table with rows untried.
      if (Number(held?.n) === 0) throw new Error(`${table}: the older store holds no rows of it`);
    }
    if (tables.has('read_model_state')) {
      await ch.command({
        query: `INSERT INTO read_model_state (key, value, version)
          SELECT ${sqlString('definition')}, ${sqlString(OLDER_DEFINITION)}, 1
          UNION ALL SELECT DISTINCT concat('month:', toString(toYYYYMM(registered_date))), 'clean', 1 FROM cases`,
      });
    }
  } finally {
    await ch.close();
    fs.rmSync(migrations, { recursive: true, force: true });
  }
  const orm = await connectMetadataStore(config);
  try {
    const last = METADATA_MIGRATIONS[metadataCount - 1];
    if (!last) throw new Error(`no metadata migration number ${metadataCount}`);
    await orm.getMigrator().up({ to: last.name });
    const db = orm.em.getConnection() as unknown as SqlExecutor;
    const rows = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>[]
    >;
    for (const [table, records] of Object.entries(rows)) {
      const columns = (await db.execute(`SELECT name FROM pragma_table_info('${table}')`)).map((c) => String(c.name));
      if (columns.length === 0) continue; // the older release had no such table
      for (const record of records) {
        const names = columns.filter((c) => c in record);
        await db.execute(
          `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
          names.map((n) => record[n]),
          'run',
        );
      }
    }
  } finally {
    await orm.close();
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'export') return exportStore(path.resolve(args[0] as string));
  if (command === 'build') return build(Number(args[0]), Number(args[1]), path.resolve(args[2] as string));
  throw new Error('usage: older-release-store.ts export DIR | build N M DIR');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

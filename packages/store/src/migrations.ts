import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';

/** The only copy of the ClickHouse schema (ARCHITECTURE.md: infra/ owns it). */
export const CLICKHOUSE_MIGRATIONS_DIR = path.resolve(__dirname, '../../../infra/clickhouse');

export interface MigrationFile {
  version: string;
  sql: string;
  checksum: string;
}

export interface SchemaTarget {
  /** null: one node. A name: `ON CLUSTER name` with Replicated* engines (the cluster switch of ARCHITECTURE.md). */
  cluster: string | null;
}

/**
 * Fill the template slots of a migration: `{{ON_CLUSTER}}` and `{{ENGINE:<Engine>:<table>}}`. On a cluster the
 * engine becomes its Replicated twin with a Keeper path per shard and table.
 */
export function renderMigration(sql: string, target: SchemaTarget): string {
  return sql
    .replaceAll('{{ON_CLUSTER}}', target.cluster ? `ON CLUSTER '${target.cluster}'` : '')
    .replace(/\{\{ENGINE:(\w+):(\w+)\}\}/g, (_m, engine: string, table: string) =>
      target.cluster ? `Replicated${engine}('/clickhouse/tables/{shard}/{database}/${table}', '{replica}')` : engine,
    );
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

/**
 * Apply the migrations not yet recorded in `schema_migrations`, in order. A recorded migration whose file changed
 * is an error: the schema history is append-only.
 */
export async function migrateClickHouse(
  client: ClickHouseClient,
  target: SchemaTarget = { cluster: null },
  dir = CLICKHOUSE_MIGRATIONS_DIR,
): Promise<string[]> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations ${target.cluster ? `ON CLUSTER '${target.cluster}'` : ''}
      (version String, checksum String, applied_at DateTime DEFAULT now()) ENGINE = ${
        target.cluster
          ? "ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/schema_migrations', '{replica}')"
          : 'MergeTree'
      } ORDER BY version`,
  });
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

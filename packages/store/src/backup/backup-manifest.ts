/**
 * The manifest of a backup (DIR/manifest.json, written last: a directory without one is not a backup): what was
 * saved, at which schema level, and the figures a restore must reproduce — every ClickHouse table's row count and
 * content digest, every metadata table's row count, and the SHA-256 of every file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'c12315-backup/1';

export interface TableFigures {
  rows: number;
  /** Rows as readers see them (FINAL where the engine collapses) and their order-independent hash. */
  digest: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  clickhouse: {
    engineVersion: string;
    /** Applied migrations (schema_migrations), in order: the schema level of the backup. */
    migrations: string[];
    tables: Record<string, TableFigures>;
  };
  metadata: {
    kind: 'sqlite' | 'postgresql';
    /** The file in the backup: a SQLite database, or a pg_dump custom-format archive. */
    file: string;
    migrations: string[];
    tables: Record<string, number>;
  };
  files: { path: string; bytes: number; sha256: string }[];
}

/** A backup that cannot be restored as it is; the message names the file or figure and the reason. */
export class BackupError extends Error {
  constructor(
    readonly reasonZh: string,
    readonly reasonEn: string,
  ) {
    super(`${reasonZh} / ${reasonEn}`);
    this.name = 'BackupError';
  }
}

async function rows<T>(ch: ClickHouseClient, query: string): Promise<T[]> {
  return (await ch.query({ query, format: 'JSONEachRow' })).json<T>();
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * What a table answers, whatever merges ran: its rows as readers see them (FINAL for the collapsing engines), with
 * aggregate states finalized — a merge between the count and the BACKUP, or after the RESTORE, changes neither.
 */
function figureQuery(table: string, engine: string, columns: { name: string; type: string }[]): string {
  const final = /^(Replacing|Aggregating|Summing|Collapsing|VersionedCollapsing)MergeTree$/.test(engine) ? ' FINAL' : '';
  const values = columns.map((c) => (c.type.startsWith('AggregateFunction(') ? `finalizeAggregation(${c.name})` : c.name));
  return `SELECT toUInt64(count()) AS rows, toString(groupBitXor(cityHash64(${values.join(', ')}))) AS digest FROM ${table}${final}`;
}

/** Every table of the current database with its row count and digest (names come from system.tables). */
export async function clickhouseFigures(ch: ClickHouseClient): Promise<BackupManifest['clickhouse']> {
  const tables = await rows<{ name: string; engine: string }>(
    ch,
    "SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND NOT is_temporary AND engine LIKE '%MergeTree' ORDER BY name",
  );
  const columns = await rows<{ table: string; name: string; type: string }>(
    ch,
    'SELECT table, name, type FROM system.columns WHERE database = currentDatabase() ORDER BY table, position',
  );
  const figures: Record<string, TableFigures> = {};
  for (const { name, engine } of tables) {
    const own = columns.filter((c) => c.table === name);
    for (const id of [name, ...own.map((c) => c.name)]) {
      if (!IDENTIFIER.test(id)) throw new Error(`unexpected name ${JSON.stringify(id)}`);
    }
    const [row] = await rows<{ rows: string; digest: string }>(ch, figureQuery(name, engine.replace(/^Replicated/, ''), own));
    figures[name] = { rows: Number(row?.rows ?? 0), digest: row?.digest ?? '0' };
  }
  const [version] = await rows<{ v: string }>(ch, 'SELECT version() AS v');
  const migrations = figures.schema_migrations
    ? (await rows<{ version: string }>(ch, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)
    : [];
  return { engineVersion: version?.v ?? '', migrations, tables: figures };
}

export interface SqlExecutor {
  execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * Row count of every metadata table, and the applied MikroORM migrations. `schema` names an attached SQLite database
 * (the backup's copy) or is null for the current one; on PostgreSQL the caller runs it inside the dump's snapshot.
 */
export async function metadataFigures(
  db: SqlExecutor,
  kind: 'sqlite' | 'postgresql',
  schema: string | null = null,
): Promise<Pick<BackupManifest['metadata'], 'migrations' | 'tables'>> {
  if (schema !== null && !IDENTIFIER.test(schema)) throw new Error(`unexpected schema name ${schema}`);
  const prefix = schema ? `${schema}.` : '';
  const names = (
    await db.execute(
      kind === 'postgresql'
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        : `SELECT name FROM ${prefix}sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
  ).map((r) => String(r.name));
  const tables: Record<string, number> = {};
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new Error(`unexpected table name ${JSON.stringify(name)}`);
    const [row] = await db.execute(`SELECT count(*) AS n FROM ${prefix}${name}`);
    tables[name] = Number(row?.n ?? 0);
  }
  const migrations = names.includes('mikro_orm_migrations')
    ? (await db.execute(`SELECT name FROM ${prefix}mikro_orm_migrations ORDER BY id`)).map((r) => String(r.name))
    : [];
  return { migrations, tables };
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function listFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(root, full);
    return [path.relative(root, full).split(path.sep).join('/')];
  });
}

/** SHA-256 of every file of the backup directory except the manifest, sorted by path. */
export async function checksumFiles(dir: string): Promise<BackupManifest['files']> {
  const files = listFiles(dir)
    .filter((f) => f !== MANIFEST_FILE)
    .sort();
  const out: BackupManifest['files'] = [];
  for (const file of files) {
    const full = path.join(dir, file);
    out.push({ path: file, bytes: fs.statSync(full).size, sha256: await sha256(full) });
  }
  return out;
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file))
    throw new BackupError(`不是完整的备份：缺少 ${file}`, `not a complete backup: ${file} is missing (it is written last)`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(
      `${file}：不支持的备份格式 ${String(manifest.format)}`,
      `${file}: unsupported backup format ${String(manifest.format)} (expected ${BACKUP_FORMAT})`,
    );
  return manifest;
}

/** Every file the manifest lists is there with its size and SHA-256, and no other file is. */
export async function verifyFiles(dir: string, manifest: BackupManifest): Promise<void> {
  const actual = new Map((await checksumFiles(dir)).map((f) => [f.path, f]));
  for (const expected of manifest.files) {
    const found = actual.get(expected.path);
    if (!found) throw new BackupError(`备份缺少文件 ${expected.path}`, `backup file missing: ${expected.path}`);
    if (found.bytes !== expected.bytes || found.sha256 !== expected.sha256)
      throw new BackupError(
        `备份文件 ${expected.path} 的校验和不符（已损坏或被修改）`,
        `backup file ${expected.path}: checksum differs from the manifest (damaged or changed)`,
      );
    actual.delete(expected.path);
  }
  const extra = [...actual.keys()][0];
  if (extra !== undefined)
    throw new BackupError(`备份中有清单未列出的文件 ${extra}`, `backup file not in the manifest: ${extra}`);
}

/** The first table whose figures differ between the manifest and the restored store, or null. */
export function firstDifference<T>(expected: Record<string, T>, actual: Record<string, T>): string | null {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const name of [...names].sort()) {
    if (JSON.stringify(expected[name]) !== JSON.stringify(actual[name]))
      return `${name}: backup ${JSON.stringify(expected[name] ?? null)}, restored ${JSON.stringify(actual[name] ?? null)}`;
  }
  return null;
}

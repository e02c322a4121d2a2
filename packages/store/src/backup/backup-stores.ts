/**
 * `backup DIR`: the case store (ClickHouse `BACKUP DATABASE … TO File`), the metadata DB (SQLite `VACUUM INTO`, a
 * transactionally consistent copy taken while other connections write; or `pg_dump -Fc` for PostgreSQL), the calendar
 * files and the auth secret, then the manifest (written last). Run by whichever process owns the embedded store: the
 * api server (which runs it between loads, never during one) or the CLI when no server runs.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ClickHouseClient } from '@clickhouse/client';
import { IsolationLevel, type MikroORM } from '@mikro-orm/core';
import { calendarDir } from '../calendar-files';
import { embeddedBackupsDir } from '../clickhouse';
import { type AppConfig, authSecretPath } from '../config';
import {
  BACKUP_FORMAT,
  BackupError,
  type BackupManifest,
  checksumFiles,
  clickhouseFigures,
  MANIFEST_FILE,
  metadataFigures,
} from './backup-manifest';

export interface BackupStores {
  config: Pick<AppConfig, 'dataDir' | 'databaseUrl' | 'clickhouseUrl'>;
  ch: ClickHouseClient;
  orm: MikroORM;
}

export type BackupProgress = (message: string) => void;

/** The NDJSON events of a backup handed to the api server (POST /internal/backups). */
export type BackupEvent =
  | { type: 'progress'; message: string }
  | { type: 'end'; ok: true; manifest: BackupManifest }
  | { type: 'end'; ok: false; error: string };

/** `'…'` for a ClickHouse string literal (paths only; no request data reaches these statements). */
export const sqlString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Rename, or copy then remove across file systems. */
async function move(from: string, to: string): Promise<void> {
  try {
    await fs.promises.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.promises.cp(from, to, { recursive: true });
    await fs.promises.rm(from, { recursive: true, force: true });
  }
}

/** The target must be absent or an empty directory: a backup never mixes with other files. */
export function prepareBackupDir(dir: string): void {
  if (!path.isAbsolute(dir)) throw new BackupError(`备份目录须为绝对路径：${dir}`, `backup directory must be absolute: ${dir}`);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw new BackupError(`备份目录 ${dir} 不是空目录`, `backup directory ${dir} is not empty: name a new or empty one`);
  // It holds password hashes and the token secret: the owner's only.
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

async function backupClickHouse(ch: ClickHouseClient, target: string): Promise<void> {
  const allowed = embeddedBackupsDir(ch);
  if (allowed === null)
    throw new BackupError(
      'ClickHouse 服务器（CLICKHOUSE_URL）的备份在服务器端进行（BACKUP … TO Disk/S3）',
      'a ClickHouse server (CLICKHOUSE_URL) is backed up on the server (BACKUP … TO Disk/S3, its backups configuration); this command backs up the embedded store',
    );
  // The engine writes only under its backups path (fixed when the store was opened): straight into the target when
  // the target lies there (the CLI opens the store with it), else there first and moved (the api server's case).
  const direct = isInside(target, allowed);
  const written = direct ? target : path.join(allowed, `backup-${Date.now()}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(allowed, { recursive: true });
  await ch.command({ query: `BACKUP DATABASE ${await currentDatabase(ch)} TO File(${sqlString(written)})` });
  if (!direct) await move(written, target);
}

export async function currentDatabase(ch: ClickHouseClient): Promise<string> {
  const [row] = await (await ch.query({ query: 'SELECT currentDatabase() AS db', format: 'JSONEachRow' })).json<{ db: string }>();
  const db = row?.db ?? 'default';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(db)) throw new Error(`unexpected database name ${db}`);
  return db;
}

interface OrmConnection {
  execute(sql: string, params?: unknown[], method?: 'all' | 'get' | 'run', ctx?: unknown): Promise<Record<string, unknown>[]>;
}

async function backupMetadata(stores: BackupStores, dir: string): Promise<BackupManifest['metadata']> {
  if (stores.config.databaseUrl) {
    const file = 'metadata.pgdump';
    const url = stores.config.databaseUrl;
    // pg_dump reads the snapshot this transaction exported, and the figures are counted in it: both describe one
    // moment while the server keeps writing.
    return stores.orm.em.fork().transactional(
      async (em) => {
        const connection = em.getConnection() as unknown as OrmConnection;
        const ctx = em.getTransactionContext();
        const db = { execute: (sql: string) => connection.execute(sql, [], 'all', ctx) };
        const [snapshot] = await db.execute('SELECT pg_export_snapshot() AS id');
        await promisify(execFile)('pg_dump', [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--snapshot=${String(snapshot?.id)}`,
          '--file',
          path.join(dir, file),
          url,
        ]);
        return { kind: 'postgresql' as const, file, ...(await metadataFigures(db, 'postgresql')) };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ },
    );
  }
  const file = 'metadata.sqlite';
  const copy = path.join(dir, file);
  const connection = stores.orm.em.getConnection() as unknown as OrmConnection;
  // VACUUM INTO writes a transactionally consistent copy while other connections (the CLI's, the server's) write;
  // the figures are counted in the copy itself, attached to the same connection.
  await connection.execute('VACUUM INTO ?', [copy], 'run');
  await connection.execute('ATTACH DATABASE ? AS backup_copy', [copy], 'run');
  try {
    const figures = await metadataFigures({ execute: (sql) => connection.execute(sql) }, 'sqlite', 'backup_copy');
    return { kind: 'sqlite', file, ...figures };
  } finally {
    await connection.execute('DETACH DATABASE backup_copy', [], 'run');
  }
}

function copyDataDirFiles(config: BackupStores['config'], dir: string): void {
  const calendar = calendarDir(config);
  if (fs.existsSync(calendar)) {
    const files = fs.readdirSync(calendar).filter((f) => f.endsWith('.json'));
    if (files.length > 0) fs.mkdirSync(path.join(dir, 'calendar'));
    for (const f of files) fs.copyFileSync(path.join(calendar, f), path.join(dir, 'calendar', f));
  }
  const secret = authSecretPath(config);
  if (fs.existsSync(secret)) {
    fs.copyFileSync(secret, path.join(dir, 'auth-secret'));
    fs.chmodSync(path.join(dir, 'auth-secret'), 0o600);
  }
}

/**
 * Back up both stores into DIR (absolute; absent or empty). The caller guarantees no load runs meanwhile (the api
 * server queues it with the loads; the CLI owns the store): the figures taken before the BACKUP then describe it.
 */
export async function backupStores(
  stores: BackupStores,
  dir: string,
  progress: BackupProgress = () => {},
): Promise<BackupManifest> {
  prepareBackupDir(dir);
  progress('clickhouse: counting rows');
  const clickhouse = await clickhouseFigures(stores.ch);
  progress('clickhouse: BACKUP DATABASE');
  await backupClickHouse(stores.ch, path.join(dir, 'clickhouse'));
  progress('metadata: copying');
  const metadata = await backupMetadata(stores, dir);
  copyDataDirFiles(stores.config, dir);
  progress('checksums');
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    clickhouse,
    metadata,
    files: await checksumFiles(dir),
  };
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

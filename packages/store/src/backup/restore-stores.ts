/**
 * `restore DIR` into an empty DATA_DIR (or, with --force, one whose stores it replaces): the files are checked
 * against the manifest's SHA-256 first, the case store is restored by ClickHouse `RESTORE DATABASE … FROM File`, the
 * metadata DB copied (SQLite) or `pg_restore`d, and every table's figures compared with the manifest's. The stores are
 * left at the backup's schema level: the next open (server, ETL, `pnpm api verify`) migrates them forward.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { calendarDir } from '../calendar-files';
import { createClickHouse, embeddedClickHousePath } from '../clickhouse';
import { type AppConfig, authSecretPath } from '../config';
import { connectMetadataStore, sqlitePath } from '../metadata/orm';
import { readServerHandle } from '../server-handle';
import {
  BackupError,
  type BackupManifest,
  clickhouseFigures,
  firstDifference,
  metadataFigures,
  readManifest,
  type SqlExecutor,
  verifyFiles,
} from './backup-manifest';
import { type BackupProgress, currentDatabase, sqlString } from './backup-stores';

export interface RestoreOptions {
  /** Replace the stores of a DATA_DIR that holds some (never while a server runs on it). */
  force?: boolean;
  progress?: BackupProgress;
}

type RestoreConfig = Pick<AppConfig, 'dataDir' | 'databaseUrl' | 'clickhouseUrl' | 'queryTimeoutSeconds'>;

/** What a DATA_DIR holds of the stores: the entries a restore writes (and --force replaces). */
function storeEntries(config: RestoreConfig): string[] {
  return [
    embeddedClickHousePath(config),
    path.join(config.dataDir, 'clickhouse-backups'),
    path.join(config.dataDir, 'clickhouse-staging'),
    ...(config.databaseUrl ? [] : ['', '-wal', '-shm'].map((suffix) => `${sqlitePath(config)}${suffix}`)),
    calendarDir(config),
    authSecretPath(config),
  ];
}

function prepareDataDir(config: RestoreConfig, force: boolean): void {
  const handle = readServerHandle(config.dataDir);
  if (handle)
    throw new BackupError(
      `api 服务（pid ${handle.pid}）正在使用 ${config.dataDir}：请先停止它`,
      `the api server (pid ${handle.pid}) runs on ${config.dataDir}: stop it before restoring`,
    );
  const present = fs.existsSync(config.dataDir) ? fs.readdirSync(config.dataDir) : [];
  if (present.length > 0 && !force)
    throw new BackupError(
      `DATA_DIR ${config.dataDir} 不是空目录（${present.slice(0, 5).join(', ')}）：请恢复到空目录，或加 --force 替换其中的数据`,
      `DATA_DIR ${config.dataDir} is not empty (${present.slice(0, 5).join(', ')}): restore into an empty one, or add --force to replace its stores`,
    );
  for (const entry of storeEntries(config)) fs.rmSync(entry, { recursive: true, force: true });
  fs.mkdirSync(config.dataDir, { recursive: true });
}

function mismatch(store: string, difference: string): BackupError {
  return new BackupError(
    `恢复后的${store}与备份清单不符：${difference}`,
    `the restored ${store} differs from the backup's manifest: ${difference}`,
  );
}

async function restoreClickHouse(config: RestoreConfig, dir: string, manifest: BackupManifest): Promise<void> {
  // The backup directory itself is the engine's backups path for this open: RESTORE reads it in place.
  const ch = createClickHouse(config, { backupsDir: dir });
  try {
    await ch.command({
      query: `RESTORE DATABASE ${await currentDatabase(ch)} FROM File(${sqlString(path.join(dir, 'clickhouse'))})`,
    });
    const restored = await clickhouseFigures(ch);
    const difference = firstDifference(manifest.clickhouse.tables, restored.tables);
    if (difference) throw mismatch('ClickHouse 案件库 case store', difference);
  } finally {
    await ch.close();
  }
}

/**
 * Before anything is written: the backup's metadata kind must match DATABASE_URL (set for a PostgreSQL dump, unset for
 * SQLite), and a PostgreSQL target must be empty unless --force.
 */
async function checkMetadataTarget(config: RestoreConfig, manifest: BackupManifest, force: boolean): Promise<void> {
  if (manifest.metadata.kind === 'postgresql') {
    if (!config.databaseUrl)
      throw new BackupError(
        '该备份的元数据来自 PostgreSQL：请设置 DATABASE_URL',
        'the backup holds a PostgreSQL metadata dump: set DATABASE_URL to the (empty) database to restore it into',
      );
  } else if (config.databaseUrl) {
    throw new BackupError(
      '该备份的元数据是 SQLite：请取消 DATABASE_URL',
      'the backup holds a SQLite metadata store: unset DATABASE_URL to restore it into DATA_DIR',
    );
  }
  if (!config.databaseUrl) return;
  const before = await connectMetadataStore(config);
  try {
    const tables = Object.keys((await metadataFigures(executor(before), 'postgresql')).tables);
    if (tables.length > 0 && !force)
      throw new BackupError(
        `DATABASE_URL 的数据库不是空的（${tables.slice(0, 5).join(', ')}）：请用空数据库，或加 --force 替换`,
        `the DATABASE_URL database is not empty (${tables.slice(0, 5).join(', ')}): use an empty one, or add --force to replace its tables`,
      );
  } finally {
    await before.close();
  }
}

async function restoreMetadata(config: RestoreConfig, dir: string, manifest: BackupManifest, force: boolean): Promise<void> {
  const file = path.join(dir, manifest.metadata.file);
  if (config.databaseUrl) {
    await promisify(execFile)('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      ...(force ? ['--clean', '--if-exists'] : []),
      '--dbname',
      config.databaseUrl,
      file,
    ]);
  } else {
    fs.copyFileSync(file, sqlitePath(config));
  }
  const orm = await connectMetadataStore(config);
  try {
    const restored = await metadataFigures(executor(orm), manifest.metadata.kind);
    const difference =
      firstDifference(manifest.metadata.tables, restored.tables) ??
      firstDifference({ migrations: manifest.metadata.migrations }, { migrations: restored.migrations });
    if (difference) throw mismatch('元数据库 metadata store', difference);
  } finally {
    await orm.close();
  }
}

function executor(orm: Awaited<ReturnType<typeof connectMetadataStore>>): SqlExecutor {
  const connection = orm.em.getConnection() as unknown as SqlExecutor;
  return { execute: (sql) => connection.execute(sql) };
}

function restoreDataDirFiles(config: RestoreConfig, dir: string): void {
  const calendar = path.join(dir, 'calendar');
  if (fs.existsSync(calendar)) fs.cpSync(calendar, calendarDir(config), { recursive: true });
  const secret = path.join(dir, 'auth-secret');
  if (fs.existsSync(secret)) {
    fs.copyFileSync(secret, authSecretPath(config));
    fs.chmodSync(authSecretPath(config), 0o600);
  }
}

export async function restoreStores(config: RestoreConfig, dir: string, options: RestoreOptions = {}): Promise<BackupManifest> {
  const progress = options.progress ?? (() => {});
  if (config.clickhouseUrl)
    throw new BackupError(
      'ClickHouse 服务器（CLICKHOUSE_URL）的恢复在服务器端进行（RESTORE … FROM Disk/S3）',
      'a ClickHouse server (CLICKHOUSE_URL) is restored on the server (RESTORE … FROM Disk/S3); this command restores the embedded store',
    );
  const manifest = readManifest(dir);
  progress(`checking ${manifest.files.length} files against the manifest`);
  await verifyFiles(dir, manifest);
  await checkMetadataTarget(config, manifest, options.force === true);
  prepareDataDir(config, options.force === true);
  progress('clickhouse: RESTORE DATABASE');
  await restoreClickHouse(config, dir, manifest);
  progress(`metadata: restoring (${manifest.metadata.kind})`);
  await restoreMetadata(config, dir, manifest, options.force === true);
  restoreDataDirFiles(config, dir);
  return manifest;
}

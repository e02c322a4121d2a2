#!/usr/bin/env node
/**
 * `pnpm run store backup DIR` / `pnpm run store restore DIR [--force]` (`pnpm store …` is pnpm's own command).
 *
 * `backup` works whether or not the api server runs on the same embedded store: when it does, the backup is handed to
 * the server (which owns the store and runs it between loads, never during one); otherwise the CLI opens the stores
 * itself. `restore` needs a DATA_DIR no server runs on, empty unless --force.
 * Exit codes: 0 done, 1 failed (the message says why), 64 usage, 78 configuration.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, type BackupManifest } from './backup/backup-manifest';
import { type BackupEvent, backupStores } from './backup/backup-stores';
import { restoreStores } from './backup/restore-stores';
import { createClickHouse } from './clickhouse';
import { ConfigError, loadConfig } from './config';
import { openMetadataStore } from './metadata/orm';
import { readServerHandle } from './server-handle';

const USAGE = `usage:
  pnpm run store backup DIR            back up DATA_DIR's stores into DIR (new or empty)
  pnpm run store restore DIR [--force] restore DIR into DATA_DIR (empty, or --force to replace its stores)`;

class UsageError extends Error {}

const say = (message: string) => process.stderr.write(`${message}\n`);

function summary(manifest: BackupManifest, seconds: number): string {
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  const cases = manifest.clickhouse.tables.cases?.rows ?? 0;
  const meta = Object.values(manifest.metadata.tables).reduce((sum, n) => sum + n, 0);
  return (
    `${manifest.files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${seconds.toFixed(1)} s; ` +
    `cases ${cases} rows, ${Object.keys(manifest.clickhouse.tables).length} ClickHouse tables, ` +
    `migrations ${manifest.clickhouse.migrations.at(-1) ?? '-'}; metadata (${manifest.metadata.kind}) ${meta} rows, ` +
    `migrations ${manifest.metadata.migrations.at(-1) ?? '-'}`
  );
}

/** Hand the backup to the running api server; print its NDJSON events. */
async function backupThroughServer(port: number, token: string, dir: string): Promise<BackupManifest> {
  const response = await fetch(`http://127.0.0.1:${port}/internal/backups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Local ${token}` },
    body: JSON.stringify({ dir }),
  });
  if (!response.ok || !response.body)
    throw new Error(`the api server refused the backup: HTTP ${response.status} ${await response.text()}`);
  let buffer = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      if (!line) continue;
      const event = JSON.parse(line) as BackupEvent;
      if (event.type === 'progress') say(`backup: ${event.message}`);
      else if (event.ok) return event.manifest;
      else throw new Error(event.error);
    }
  }
  throw new Error('the api server closed the connection before the backup ended');
}

async function backup(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('backup: name one directory');
  const dir = path.resolve(positionals[0] as string);
  const config = loadConfig();
  const started = Date.now();
  const handle = config.clickhouseUrl ? null : readServerHandle(config.dataDir);
  let manifest: BackupManifest;
  if (handle) {
    say(`api server (pid ${handle.pid}) holds the store: handing the backup to it (it waits for a running load)`);
    manifest = await backupThroughServer(handle.port, handle.token, dir);
  } else {
    // The engine may write backups only under DIR for this run: BACKUP goes straight into DIR/clickhouse.
    const ch = createClickHouse(config, { backupsDir: dir });
    try {
      const orm = await openMetadataStore(config);
      try {
        manifest = await backupStores({ config, ch, orm }, dir, (m) => say(`backup: ${m}`));
      } finally {
        await orm.close();
      }
    } finally {
      await ch.close();
    }
  }
  process.stdout.write(`backup ${dir}: ${summary(manifest, (Date.now() - started) / 1000)}\n`);
  return 0;
}

async function restore(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new UsageError('restore: name one backup directory');
  const dir = path.resolve(positionals[0] as string);
  const config = loadConfig();
  const started = Date.now();
  const manifest = await restoreStores(config, dir, { force: values.force === true, progress: (m) => say(`restore: ${m}`) });
  process.stdout.write(
    `restored ${dir} into ${config.dataDir}: ${summary(manifest, (Date.now() - started) / 1000)}; every table's figures equal the manifest's\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === 'backup') return await backup(rest);
    if (command === 'restore') return await restore(rest);
    throw new UsageError(command ? `unknown command "${command}"` : 'name a command');
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 64;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      return 78;
    }
    const message = error instanceof BackupError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}

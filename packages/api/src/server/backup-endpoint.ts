/**
 * POST /internal/backups {dir} — `pnpm run store backup DIR` hands the backup to the server that owns the embedded
 * store, as `pnpm etl load` hands loads (load-endpoint.ts): the same local token from DATA_DIR/api-server.json and
 * loopback only. The backup waits for a running load and no load starts before it ends (store-exclusive.ts); queries
 * go on meanwhile. Events stream back as NDJSON (BackupEvent).
 */
import path from 'node:path';
import { type AppConfig, type BackupEvent, backupStores, type ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { isLoopback, sameToken } from './load-endpoint';
import { exclusive } from './store-exclusive';

export function backupEndpoint(deps: { ch: ClickHouseClient; orm: MikroORM; config: AppConfig; localToken: string }) {
  return async (req: Request, res: Response): Promise<void> => {
    const header = req.headers.authorization ?? '';
    if (!isLoopback(req.socket.remoteAddress) || !header.startsWith('Local ') || !sameToken(header.slice(6), deps.localToken)) {
      res.status(403).json({ error: 'local token required' });
      return;
    }
    const dir = (req.body as { dir?: unknown }).dir;
    if (typeof dir !== 'string' || !path.isAbsolute(dir)) {
      res.status(400).json({ error: 'dir: an absolute path required' });
      return;
    }
    res.status(200).setHeader('content-type', 'application/x-ndjson');
    const emit = (event: BackupEvent) => res.write(`${JSON.stringify(event)}\n`);
    emit({ type: 'progress', message: 'queued behind any running load' });
    try {
      const manifest = await exclusive(() =>
        backupStores({ config: deps.config, ch: deps.ch, orm: deps.orm }, dir, (message) => emit({ type: 'progress', message })),
      );
      emit({ type: 'end', ok: true, manifest });
    } catch (error) {
      emit({ type: 'end', ok: false, error: error instanceof Error ? error.message : String(error) });
    }
    res.end();
  };
}

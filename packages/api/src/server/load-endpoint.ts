/**
 * POST /internal/loads — the ETL CLI hands files to the server that owns the embedded store (ARCHITECTURE.md "one
 * owner per store"). Only callers holding the local token from DATA_DIR/api-server.json (mode 0600) and coming from
 * loopback are accepted. Loads run one at a time, never during a backup (store-exclusive.ts); events stream back as
 * NDJSON. New data is visible to the next query at once: the server's own ClickHouse client wrote it; the default ranking is then recomputed in the background.
 * Readers never see a load half-written: its visible phase holds the store gate's exclusive section.
 */
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { type LoadEvent, loadFiles } from '@c12315/etl';
import type { ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { notifyDataChanged } from '../common/data-events';
import { storeGate } from '../common/load-gate';
import { warmRankingsInBackground } from '../ranking/ranking-warmup';
import { exclusive } from './store-exclusive';

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export function loadEndpoint(deps: { ch: ClickHouseClient; orm: MikroORM; localToken: string; dataDir: string }) {
  return async (req: Request, res: Response): Promise<void> => {
    const header = req.headers.authorization ?? '';
    if (!isLoopback(req.socket.remoteAddress) || !header.startsWith('Local ') || !sameToken(header.slice(6), deps.localToken)) {
      res.status(403).json({ error: 'local token required' });
      return;
    }
    const body = req.body as { files?: unknown; rejectsDir?: unknown; runBy?: unknown };
    const files = Array.isArray(body.files) ? body.files.filter((f): f is string => typeof f === 'string') : [];
    if (files.length === 0 || files.some((f) => !path.isAbsolute(f))) {
      res.status(400).json({ error: 'files: absolute paths required' });
      return;
    }
    const rejectsDir = typeof body.rejectsDir === 'string' ? body.rejectsDir : undefined;
    const runBy = typeof body.runBy === 'string' ? body.runBy.slice(0, 128) : 'cli';
    res.status(200).setHeader('content-type', 'application/x-ndjson');
    const emit = (event: LoadEvent | { type: 'end'; ok: boolean }) => res.write(`${JSON.stringify(event)}\n`);
    // Each file's visible phase runs alone (common/load-gate.ts): every answer is wholly before or after it.
    const visibleChanges = () => storeGate.exclusive();
    try {
      const ok = await exclusive(() =>
        loadFiles(deps, files, { rejectsDir, runBy, via: 'server', dataDir: deps.dataDir, visibleChanges }, emit),
      );
      emit({ type: 'end', ok });
      // Open screens refetch (GET /events): the new data is visible to the next query.
      notifyDataChanged({ reason: 'load', ok });
      // New data: compute the ranking chiefs open first while nobody waits for it (ranking-warmup.ts).
      void warmRankingsInBackground({ ch: deps.ch, em: deps.orm.em.fork() }, 'after a load');
    } catch (error) {
      emit({ type: 'error', file: '', code: 'LOAD_FAILED', message: error instanceof Error ? error.message : String(error) });
      emit({ type: 'end', ok: false });
      notifyDataChanged({ reason: 'load', ok: false });
    }
    res.end();
  };
}

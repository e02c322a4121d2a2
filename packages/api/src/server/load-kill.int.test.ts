/**
 * Kill faults, short CI variant of bench/kill-loop.ts (issue "Faults and abuse" §2): the standalone CLI killed with
 * SIGKILL, and the api server killed during a load handed to it, each followed by a re-run — the store (cases,
 * versions, every read-model table, dirty months) equals a clean load's, and the ledger shows the killed load
 * INTERRUPTED. When the server dies under a handed-over load, `pnpm etl load` says what happened and what to run,
 * and exits 75. Real processes throughout: the CLI, `pnpm start`, the digest read in a child.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateExport } from '@c12315/etl';
import {
  finished,
  ledger,
  runEtl,
  type StoreDigest,
  spawnEtl,
  startApiServer,
  storeDigest,
} from '@c12315/etl/test-support/processes';

const FAST = { ETL_PROGRESS_INTERVAL_MS: '0' };
let work: string;
let file: string;
let clean: StoreDigest;

/** Resolves at the first stderr line of `child` for which `at` is true. */
function whenLine(child: ChildProcess, at: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const line = seen.split('\n').find(at);
      if (line !== undefined) {
        child.stderr?.off('data', onData);
        resolve(line);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', () => reject(new Error(`exited before the kill point: ${seen.slice(-800)}`)));
  });
}

const atPhase = (phase: string) => (line: string) => line.includes(`phase=${phase}`);

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'load-kill-'));
  file = path.join(work, 'cases.csv');
  await generateExport({
    rows: 6_000,
    seed: 'load-kill',
    from: '2026-01',
    to: '2026-06',
    provinceCode: '140000',
    format: 'csv',
    out: file,
  });
  const dir = path.join(work, 'clean');
  const run = await runEtl(dir, ['load', file, '--rejects-dir', work]);
  expect(run.code).toBe(0);
  clean = storeDigest(dir);
  expect(clean.cases).toBeGreaterThan(5_000);
  expect(clean.dirtyMonths).toBe(0);
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('the standalone CLI killed once the rows are validated: the next start marks the load INTERRUPTED, the re-run gives the clean store', async () => {
  const dir = path.join(work, 'cli');
  const child = spawnEtl(dir, ['load', file, '--rejects-dir', work], FAST);
  const done = finished(child);
  await whenLine(child, atPhase('validated'));
  child.kill('SIGKILL');
  expect((await done).signal).toBe('SIGKILL');
  expect(ledger(dir).map((e) => e.status)).toEqual(['RUNNING']);

  const rerun = await runEtl(dir, ['load', file, '--rejects-dir', work]);
  expect(rerun.code).toBe(0);
  expect(rerun.stderr).toMatch(/load 1 ended before finishing: marked INTERRUPTED/);
  expect(ledger(dir).map((e) => e.status)).toEqual(['INTERRUPTED', 'SUCCEEDED']);
  expect(storeDigest(dir)).toEqual(clean);
}, 300_000);

test('the api server killed during a handed-over load: the CLI names the file, says a re-run is safe, exits 75; restart + re-run gives the clean store', async () => {
  // Two kill points, each on a fresh store: while the file is staged (nothing written yet) and as the read model's
  // rebuild begins (every case written; the server dies while it builds and swaps the months).
  for (const phase of ['staged', 'read model 0/']) {
    const dir = path.join(work, `handed-over-${phase.replace(/\W+/g, '-')}`);
    const server = await startApiServer(dir);
    try {
      const cli = spawnEtl(dir, ['load', file, '--rejects-dir', work], FAST);
      const done = finished(cli);
      await whenLine(cli, atPhase(phase));
      await server.kill();
      const out = await done;
      expect(out.code).toBe(75);
      expect(out.stderr).not.toMatch(/fetch failed/);
      expect(out.stderr).toContain(`stopped answering during the load of ${file}: that load was interrupted`);
      expect(out.stderr).toContain(`在加载 ${file} 期间停止响应`);
      expect(out.stderr).toMatch(/running it again is safe and leaves exactly the right cases/);
      expect(out.stderr).toContain(`then run the same command: pnpm etl load ${file} --rejects-dir ${work}`);
      expect(ledger(dir).map((e) => e.status)).toEqual(['RUNNING']);
    } finally {
      await server.kill();
    }
    // The restarted server finds the dead load: INTERRUPTED before anything is re-run (its cache works again).
    const restarted = await startApiServer(dir);
    try {
      expect(ledger(dir).map((e) => e.status)).toEqual(['INTERRUPTED']);
      const rerun = await runEtl(dir, ['load', file, '--rejects-dir', work]);
      expect(rerun.code).toBe(0);
      expect(rerun.stderr).toMatch(/handing the load to it/);
    } finally {
      await restarted.stop();
    }
    expect(storeDigest(dir)).toEqual(clean);
    expect(ledger(dir).map((e) => e.status)).toEqual(['INTERRUPTED', 'SUCCEEDED']);
  }
}, 600_000);

/**
 * The ETL CLI run as users run it, in a child process under /usr/bin/time: exit status, output, peak RSS, duration.
 * Also the store digest (test-support/store-digest.ts) in a child, since chdb lets one process hold one store.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { StoreDigest } from './store-digest';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'packages/etl/src/cli.ts');
const DIGEST = path.join(ROOT, 'packages/etl/test-support/store-digest.ts');

export interface CliRun {
  code: number | null;
  out: string;
  /** Peak resident set size of the CLI process, MB (GNU time's "Maximum resident set size"). */
  peakMb: number;
  seconds: number;
}

export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}, timeoutMs = 600_000): CliRun {
  const started = Date.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, '-r', '@swc-node/register', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return {
    code: r.status,
    out: `${r.stdout ?? ''}${(r.stderr ?? '').replace(/\n\tCommand being timed:[\s\S]*$/, '')}`,
    peakMb: peak ? Math.round(Number(peak[1]) / 1024) : Number.NaN,
    seconds: (Date.now() - started) / 1000,
  };
}

export function storeDigest(dataDir: string): StoreDigest {
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', DIGEST], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as StoreDigest;
}

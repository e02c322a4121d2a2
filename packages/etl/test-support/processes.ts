/**
 * Real processes for the kill and disk-fault tests, bench/kill-loop.ts and the end-to-end stack (tests/support/stack.ts):
 * the ETL CLI as users run it, the api server (`packages/api/src/main.ts`, which then owns the embedded store and
 * takes the CLI's loads), and the store's digest and ledger read in child processes (chdb lets one process hold one
 * store).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '@c12315/store/test-support';
import type { LedgerRow } from './ledger-dump';
import type { StoreDigest } from './store-digest';

export const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'packages/etl/src/cli.ts');
const DIGEST = path.join(ROOT, 'packages/etl/test-support/store-digest.ts');
const LEDGER = path.join(ROOT, 'packages/etl/test-support/ledger-dump.ts');
const API = path.join(ROOT, 'packages/api/src/main.ts');

export type { LedgerRow, StoreDigest };
export { freePort };

function nodeArgs(script: string, args: string[]): string[] {
  return ['-r', '@swc-node/register', script, ...args];
}

/** `pnpm etl <args>` on `dataDir`, running (stdout and stderr piped). */
export function spawnEtl(dataDir: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, nodeArgs(CLI, args), {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** `pnpm etl <args>` on `dataDir` to its end. */
export function runEtl(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return finished(spawnEtl(dataDir, args, env));
}

function json<T>(script: string, dataDir: string): T {
  const r = spawnSync(process.execPath, nodeArgs(script, []), {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${path.basename(script)} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** The case store's digest (cases, versions, every read-model table, dirty months); the store must be free. */
export function storeDigest(dataDir: string): StoreDigest {
  return json<StoreDigest>(DIGEST, dataDir);
}

/** The load ledger, oldest first (works while the server runs). */
export function ledger(dataDir: string): LedgerRow[] {
  return json<LedgerRow[]>(LEDGER, dataDir);
}

export interface ApiServer {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far (stdout and stderr). */
  log(): string;
  /** SIGKILL, resolved once it exited. */
  kill(): Promise<void>;
  /** SIGTERM (requests in flight finish), resolved once it exited; SIGKILL after `graceMs` when given. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `pnpm start` on `dataDir` (environment `env` on top, e.g. DEMO=1): resolves once it printed that it listens — it
 * writes its handle (DATA_DIR/api-server.json) just before, so `pnpm etl load` then hands loads to it; on the embedded
 * store the handle must be this process's (not one a killed server left).
 */
export async function startApiServer(
  dataDir: string,
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ApiServer> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    NODE_ENV: 'development',
    ...options.env,
  };
  const child = spawn(process.execPath, nodeArgs(API, []), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const signal = async (name: NodeJS.Signals, killAfterMs?: number) => {
    if (!gone()) child.kill(name);
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(timer);
  };
  const handle = path.join(dataDir, 'api-server.json');
  const ownsHandle = () =>
    Boolean(env.CLICKHOUSE_URL) ||
    (fs.existsSync(handle) && (JSON.parse(fs.readFileSync(handle, 'utf8')) as { pid: number }).pid === child.pid);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone()) throw new Error(`the api server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    if (output.includes('listening on') && ownsHandle()) break;
    if (Date.now() > deadline) {
      await signal('SIGKILL');
      throw new Error(`the api server did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port,
    log: () => output,
    kill: () => signal('SIGKILL'),
    stop: (graceMs) => signal('SIGTERM', graceMs),
  };
}

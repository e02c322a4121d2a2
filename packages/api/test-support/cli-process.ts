/**
 * Test support: the product's commands and the api server as child processes on a DATA_DIR of their own (chdb lets
 * one process hold one store, so a test comparing two stores runs everything that opens one in a child).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export const SCRIPTS = {
  store: 'packages/store/src/cli.ts',
  etl: 'packages/etl/src/cli.ts',
  api: 'packages/api/src/cli.ts',
  server: 'packages/api/src/main.ts',
  answers: 'packages/api/test-support/store-answers.ts',
  digest: 'packages/etl/test-support/store-digest.ts',
  olderRelease: 'packages/api/test-support/older-release-store.ts',
} as const;

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function start(script: keyof typeof SCRIPTS, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', SCRIPTS[script], ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function run(script: keyof typeof SCRIPTS, args: string[], env: Record<string, string>): Promise<Finished> {
  return finished(start(script, args, env));
}

/** Resolves once `stream` has printed text matching `pattern`. */
export function printed(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const source = child[stream];
    if (!source) return reject(new Error(`no ${stream}`));
    source.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      if (pattern.test(text)) resolve();
    });
    child.on('close', (code) => reject(new Error(`exited (${code}) before printing ${pattern}: ${text.slice(-2000)}`)));
  });
}

/** `run`, its stdout when it exits 0; otherwise an error naming the command, its exit code and its stderr's end. */
export async function runOk(script: keyof typeof SCRIPTS, args: string[], env: Record<string, string>): Promise<string> {
  const result = await run(script, args, env);
  if (result.code !== 0) throw new Error(`${script} ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-3000)}`);
  return result.stdout;
}

/** A GraphQL request to an api server process on 127.0.0.1:port: its data, or an error carrying the errors' messages. */
export async function postGraphql(
  port: number,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as Record<string, unknown>;
}

export { freePort } from '@c12315/store/test-support';

/**
 * The whole stack as a user starts it, for the end-to-end tests and the dashboard benchmark: a clean temp DATA_DIR,
 * the real ETL CLI, the built dashboard, and the api server with DEMO=1 (packages/etl/test-support/processes.ts
 * startApiServer; its printed passwords are parsed from stdout). `stop()` ends the server whatever state it is in.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiServer } from '../../packages/etl/test-support/processes';

export const ROOT = path.resolve(__dirname, '../..');
const DASHBOARD = path.join(ROOT, 'packages/dashboard');

export interface Stack {
  dataDir: string;
  baseUrl: string;
  passwords: Record<string, string>;
  /** Everything the server printed (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `pnpm build` unless dist/index.html is newer than every source file of the dashboard. */
export function ensureDashboardBuilt(): void {
  const index = path.join(DASHBOARD, 'dist/index.html');
  const sources = Math.max(
    newestMtime(path.join(DASHBOARD, 'src')),
    newestMtime(path.join(DASHBOARD, 'build')),
    ...['index.html', 'vite.config.ts'].map((f) =>
      fs.existsSync(path.join(DASHBOARD, f)) ? fs.statSync(path.join(DASHBOARD, f)).mtimeMs : 0,
    ),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > sources) return;
  const out = spawnSync('pnpm', ['build'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  if (out.status !== 0) throw new Error(`pnpm build failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
}

/** `node -r @swc-node/register packages/etl/src/cli.ts <args>` against `dataDir`; throws unless it exits 0. */
export function etl(dataDir: string, args: string[]): { stdout: string; stderr: string } {
  const out = spawnSync('node', ['-r', '@swc-node/register', 'packages/etl/src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' },
    encoding: 'utf8',
    timeout: 1_800_000,
    maxBuffer: 64 << 20,
  });
  if (out.status !== 0) throw new Error(`etl ${args.join(' ')} exited ${out.status}:\n${out.stdout}\n${out.stderr}`);
  return { stdout: out.stdout, stderr: out.stderr };
}

/** "  admin        <password>  PROVINCE_ADMIN 140000" → { admin: password }. */
export function parseDemoPasswords(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^\s{2}(\S+)\s+(\S+)\s+(PROVINCE_ADMIN|CITY_CHIEF|SUPERVISOR|FOOD_SAFETY|ANALYST)\s+\d+$/gm)) {
    out[m[1] as string] = m[2] as string;
  }
  return out;
}

/** Start the api (DEMO=1) on a free port over `dataDir` (made fresh when omitted). */
export async function startStack(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Stack> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'c12315-e2e-'));
  const server = await startApiServer(dataDir, { env: { DEMO: '1', ...options.env }, timeoutMs: 120_000 });
  return {
    dataDir,
    baseUrl: `http://127.0.0.1:${server.port}`,
    passwords: parseDemoPasswords(server.log()),
    log: server.log,
    // Whatever state it is in: SIGTERM, SIGKILL after 10 s.
    stop: () => server.stop(10_000),
  };
}

/** `pnpm api users …` through the real users CLI against `dataDir` (works while the server runs). */
function usersCli(dataDir: string, args: string[]): void {
  const out = spawnSync('node', ['-r', '@swc-node/register', 'packages/api/src/cli.ts', 'users', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`users ${args[0]} exited ${out.status}:\n${out.stdout}\n${out.stderr}`);
}

/**
 * `pnpm api users reset-password`: how a reused data dir, whose demo passwords were printed on an earlier start, gets a
 * known admin password.
 */
export function resetPassword(dataDir: string, username: string, password: string): void {
  usersCli(dataDir, ['reset-password', '--username', username, '--password', password]);
}

/** `pnpm api users add`. */
export function addUser(dataDir: string, user: { username: string; password: string; role: string; regionCode: string }): void {
  usersCli(dataDir, [
    'add',
    '--username',
    user.username,
    '--password',
    user.password,
    '--role',
    user.role,
    '--region',
    user.regionCode,
  ]);
}

/** The members of a .docx (or any zip) `unzip -p` prints, as text. */
export function zipPart(bytes: Buffer, part: string): string {
  const file = path.join(os.tmpdir(), `c12315-e2e-${process.pid}-${Date.now()}.zip`);
  fs.writeFileSync(file, bytes);
  try {
    const out = spawnSync('unzip', ['-p', file, part], { maxBuffer: 64 << 20 });
    if (out.status !== 0) throw new Error(`unzip -p ${part} failed: ${out.stderr?.toString() ?? out.error}`);
    return out.stdout.toString('utf8');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The visible text of a WordprocessingML part: its w:t runs, one line per paragraph. */
export const docxText = (xml: string): string =>
  xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');

/** POST /graphql; throws on transport or GraphQL errors. */
export async function gql<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const data = await gql<{ login: { token: string } }>(
    baseUrl,
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: password },
  );
  return data.login.token;
}

/** Text of a PDF, laid out (pdftotext from poppler-utils, installed by scripts/setup.sh). */
export function pdfText(bytes: Buffer): string {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes, maxBuffer: 16 << 20 });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr?.toString() ?? out.error}`);
  return out.stdout.toString('utf8');
}

/**
 * Test support for issue 13 §3 "clients under load": N concurrent clients mixing every query and export against the
 * real HTTP server while a load is handed to it (POST /internal/loads), then every answer compared with the answer
 * to the same request before the load and after it (both computed on the same store, one request at a time).
 * Used by clients-under-load.int.test.ts (short) and bench/clients-under-load.ts (200 clients, 60 s).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { generateExport, loadFile } from '@c12315/etl';
import { createUserAccount } from '../src/auth/user-accounts.service';
import { startTestServer, type TestServer } from './http-test-server';

export const PROVINCE = '140000';
export const CITY = '140100';
const AS_OF = '2026-06-30';
const PASSWORD = 'UnderLoad2024pass';

type Req = { name: string; user: string } & (
  | { kind: 'graphql'; query: string; variables: Record<string, unknown> }
  | { kind: 'get'; route: string }
);

/** Every query and export a dashboard user runs, each with fixed arguments (asOf too: answers are reproducible). */
export function requestMix(indicatorIds: string[]): Req[] {
  const ids = indicatorIds.slice(0, 4);
  const period = { from: '2025-01-01', to: '2025-12-31' };
  const values = 'values { indicatorId value numerator denominator }';
  const gql = (name: string, user: string, query: string, variables: Record<string, unknown> = {}): Req => ({
    name,
    user,
    kind: 'graphql',
    query,
    variables,
  });
  const rankingQuery = `query($m: String!, $l: RegionLevel, $p: String, $a: Date) { ranking(month: $m, level: $l, parentCode: $p, asOf: $a) {
    month published rows { region { code } rank score noScore ${values} } totals { indicatorId value } redList { regionCodes } } }`;
  const metricsQuery = `query($f: CaseFilter!, $g: [Dimension!]!, $i: [ID!]!, $a: Date) { metrics(filter: $f, groupBy: $g, indicatorIds: $i, asOf: $a) {
    keys { dimension code } ${values} } }`;
  return [
    gql('ranking of cities', 'admin', rankingQuery, { m: '2025-11', l: 'CITY', p: PROVINCE, a: AS_OF }),
    gql('ranking of counties', 'chief', rankingQuery, { m: '2025-10', l: 'COUNTY', p: CITY, a: AS_OF }),
    gql('metrics by city × month', 'admin', metricsQuery, {
      f: { ...period, regionCode: PROVINCE },
      g: ['CITY', 'MONTH'],
      i: ids,
      a: AS_OF,
    }),
    gql('metrics by station (cases)', 'chief', metricsQuery, {
      f: { ...period, regionCode: CITY, kinds: ['COMPLAINT'] },
      g: ['STATION'],
      i: ids,
      a: AS_OF,
    }),
    gql('metrics by channel, food (cases)', 'analyst', metricsQuery, {
      f: { ...period, regionCode: PROVINCE, foodRelated: true },
      g: ['CHANNEL'],
      i: ids,
      a: AS_OF,
    }),
    gql(
      'overdue page',
      'supervisor',
      `query($a: Date, $r: String) { overdueCases(asOf: $a, regionCode: $r, first: 50) { totalCount
        nodes { caseId stage dueDate overdueWorkdays handlingUnitCode } pageInfo { hasNextPage endCursor } } }`,
      { a: AS_OF, r: CITY },
    ),
    gql(
      'food-safety hotspots',
      'foodsafety',
      `query($m: String!) { foodSafetyHotspots(month: $m, regionCode: "${PROVINCE}", top: 10) {
        counties { keys { code } ${values} } industries { keys { code } ${values} } operators { operatorKey count baseline spike } } }`,
      { m: '2025-10' },
    ),
    gql(
      'operator red/black list',
      'admin',
      `query($f: Date!, $t: Date!, $a: Date) { operatorRedBlackList(from: $f, to: $t, asOf: $a) {
        red { operatorKey rank acceptedComplaints } black { operatorKey rank acceptedComplaints } } }`,
      { f: period.from, t: period.to, a: AS_OF },
    ),
    gql(
      'complaint disclosure',
      'admin',
      `query($f: Date!, $t: Date!, $a: Date) { complaintDisclosure(from: $f, to: $t, asOf: $a, first: 20) {
        totalCount nodes { operatorKey complaints closed } } }`,
      { f: period.from, t: period.to, a: AS_OF },
    ),
    gql('case list', 'chief', `query($f: CaseFilter!) { cases(filter: $f, first: 20) { totalCount nodes { caseId status } } }`, {
      f: { ...period, regionCode: CITY },
    }),
    { name: 'overdue CSV', user: 'supervisor', kind: 'get', route: `/export/overdue.csv?asOf=${AS_OF}&regionCode=${CITY}` },
  ];
}

export interface UnderLoadData {
  base: string;
  later: string;
}

/**
 * A year of cases of 山西 (the base, loaded directly) and a second export of the same months from another seed (handed
 * over): new cases and other versions of some, in every month, so every answer of the mix changes.
 */
export async function underLoadData(dir: string, rows: number): Promise<UnderLoadData> {
  const base = path.join(dir, 'base.csv');
  const later = path.join(dir, 'later.csv');
  const common = { from: '2025-01', to: '2025-12', provinceCode: PROVINCE, format: 'csv' as const, dirtyShare: 0 };
  await generateExport({ ...common, rows, seed: 'under-load', out: base });
  await generateExport({ ...common, rows: Math.ceil(rows / 2), seed: 'under-load-later', out: later });
  return { base, later };
}

/** One user per role of the mix, signed in over HTTP; returns their tokens by name. */
export async function signInUsers(server: TestServer): Promise<Record<string, string>> {
  const users: [string, string, string][] = [
    ['admin', 'PROVINCE_ADMIN', PROVINCE],
    ['chief', 'CITY_CHIEF', CITY],
    ['supervisor', 'SUPERVISOR', CITY],
    ['foodsafety', 'FOOD_SAFETY', PROVINCE],
    ['analyst', 'ANALYST', PROVINCE],
  ];
  const tokens: Record<string, string> = {};
  for (const [username, role, regionCode] of users) {
    await createUserAccount(server.stores.orm, { username, password: PASSWORD, role, regionCode }, { actor: 'under-load' });
    const res = await server.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: username,
      p: PASSWORD,
    });
    tokens[username] = (res.body.data?.login as { token: string }).token;
  }
  return tokens;
}

export interface Answer {
  ok: boolean;
  status: number;
  text: string;
  ms: number;
}

/**
 * One request on a connection of its own (node:http, no keep-alive): a reused idle connection the server closes at
 * its keep-alive timeout races with the next request on a loaded machine, and that is the client's affair, not the
 * server's answer.
 */
function httpRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function ask(url: string, req: Req, tokens: Record<string, string>): Promise<Answer> {
  const t0 = performance.now();
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[req.user]}` };
  const { status, text } =
    req.kind === 'graphql'
      ? await httpRequest(
          `${url}/graphql`,
          'POST',
          { ...headers, 'content-type': 'application/json' },
          JSON.stringify({ query: req.query, variables: req.variables }),
        )
      : await httpRequest(`${url}${req.route}`, 'GET', headers);
  const ms = performance.now() - t0;
  const ok = status === 200 && (req.kind === 'get' || !(JSON.parse(text) as { errors?: unknown }).errors);
  return { ok, status, text, ms };
}

/** Hands `file` to the server as `pnpm etl load` does; resolves to the NDJSON events. */
export async function handOver(url: string, file: string): Promise<{ ok: boolean; events: unknown[] }> {
  const response = await fetch(`${url}/internal/loads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Local test-local-token' },
    body: JSON.stringify({ files: [file], runBy: 'under-load' }),
  });
  const events = (await response.text())
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type: string; ok?: boolean });
  const end = events.find((e) => e.type === 'end');
  return { ok: response.status === 200 && end?.ok === true, events };
}

export interface UnderLoadResult {
  requests: number;
  errors: { name: string; status: number; text: string }[];
  /** Answers equal to neither the answer before the load nor the one after it. */
  mixed: { name: string; text: string }[];
  equalBefore: number;
  equalAfter: number;
  /** Requests of the mix whose answer the load changed (the comparison says nothing about the others). */
  changedByLoad: string[];
  loadMs: number;
  loadOk: boolean;
  latencies: number[];
  byName: Record<string, number[]>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * `clients` clients, each asking one request of the mix after another for `durationMs`; the later file is handed
 * over after `loadAfterMs`. The clients go on until both the duration and the load are over.
 */
export async function runClientsUnderLoad(options: {
  server: TestServer;
  tokens: Record<string, string>;
  mix: Req[];
  later: string;
  clients: number;
  durationMs: number;
  loadAfterMs: number;
  log?: (s: string) => void;
}): Promise<UnderLoadResult> {
  const { server, tokens, mix } = options;
  const before: string[] = [];
  for (const req of mix) {
    const a = await ask(server.url, req, tokens);
    if (!a.ok) throw new Error(`${req.name} failed before the load: HTTP ${a.status} ${a.text.slice(0, 300)}`);
    before.push(a.text);
  }
  const seen: { index: number; answer: Answer }[] = [];
  const started = performance.now();
  let loadDone = false;
  let loadMs = 0;
  let loadOk = false;
  const load = new Promise<void>((resolve) => setTimeout(resolve, options.loadAfterMs)).then(async () => {
    options.log?.(`load handed over after ${options.loadAfterMs} ms`);
    const t0 = performance.now();
    const r = await handOver(server.url, options.later);
    loadMs = performance.now() - t0;
    loadOk = r.ok;
    if (!r.ok) options.log?.(`load failed: ${JSON.stringify(r.events).slice(0, 500)}`);
    loadDone = true;
  });
  let n = 0;
  const client = async (c: number) => {
    let i = c;
    while (performance.now() - started < options.durationMs || !loadDone) {
      const index = (i * 7 + n++) % mix.length;
      i++;
      const req = mix[index] as Req;
      try {
        seen.push({ index, answer: await ask(server.url, req, tokens) });
      } catch (error) {
        seen.push({ index, answer: { ok: false, status: 0, text: String(error), ms: 0 } });
      }
    }
  };
  await Promise.all([load, ...Array.from({ length: options.clients }, (_, c) => client(c))]);
  const after: string[] = [];
  for (const req of mix) after.push((await ask(server.url, req, tokens)).text);
  const result: UnderLoadResult = {
    requests: seen.length,
    errors: [],
    mixed: [],
    equalBefore: 0,
    equalAfter: 0,
    changedByLoad: mix.filter((_, i) => before[i] !== after[i]).map((r) => r.name),
    loadMs,
    loadOk,
    latencies: seen.map((s) => s.answer.ms).sort((a, b) => a - b),
    byName: {},
  };
  for (const { index, answer } of seen) {
    const name = (mix[index] as Req).name;
    result.byName[name] = [...(result.byName[name] ?? []), answer.ms];
    if (!answer.ok) {
      result.errors.push({ name, status: answer.status, text: answer.text.slice(0, 300) });
    } else if (answer.text === before[index]) {
      result.equalBefore++;
    } else if (answer.text === after[index]) {
      result.equalAfter++;
    } else {
      result.mixed.push({ name, text: answer.text.slice(0, 300) });
    }
  }
  for (const list of Object.values(result.byName)) list.sort((a, b) => a - b);
  return result;
}

/** The figures, one line each. */
export function describeUnderLoad(r: UnderLoadResult, clients: number, durationMs: number): string {
  const lines = [
    `${clients} clients, ${(durationMs / 1000).toFixed(0)} s: ${r.requests} answers, ${r.errors.length} errors, ` +
      `${r.mixed.length} neither before nor after (${r.equalBefore} before, ${r.equalAfter} after)`,
    `load handed over: ${r.loadOk ? 'ok' : 'FAILED'} in ${(r.loadMs / 1000).toFixed(1)} s; answers it changed: ${r.changedByLoad.length} of ${Object.keys(r.byName).length} (${r.changedByLoad.join(', ')})`,
    `latency all: p50 ${percentile(r.latencies, 50).toFixed(0)} ms, p95 ${percentile(r.latencies, 95).toFixed(0)} ms, max ${percentile(r.latencies, 100).toFixed(0)} ms`,
  ];
  for (const [name, list] of Object.entries(r.byName)) {
    lines.push(
      `  ${name.padEnd(34)} n=${String(list.length).padStart(6)}  p50 ${percentile(list, 50).toFixed(0).padStart(6)} ms  p95 ${percentile(list, 95).toFixed(0).padStart(6)} ms`,
    );
  }
  return lines.join('\n');
}

export async function loadBase(server: TestServer, file: string): Promise<void> {
  await loadFile(server.stores, file, { runBy: 'under-load' });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface UnderLoadSize {
  clients: number;
  seconds: number;
  /** Cases of the base export (the later one has half as many). */
  rows: number;
}

/**
 * The run's size from `given` (the benchmark's --clients/--seconds/--rows, the test's UNDER_LOAD_* variables), each
 * absent one from `defaults`; a value that is not a positive whole number is refused, naming where it came from.
 */
export function underLoadSize(
  given: Partial<Record<keyof UnderLoadSize, string | undefined>>,
  defaults: UnderLoadSize,
  nameOf: (key: keyof UnderLoadSize) => string = (key) => `--${key}`,
): UnderLoadSize {
  const size = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof UnderLoadSize)[]) {
    const text = given[key];
    if (text === undefined) continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${nameOf(key)}: a positive whole number, not "${text}"`);
    size[key] = value;
  }
  return size;
}

/**
 * The whole run on a fresh store and server: the base export loaded, the users signed in, `size.clients` clients for
 * `size.seconds` s with the later export handed over after `loadAfterMs`; the server and files removed after.
 */
export async function clientsUnderLoad(
  size: UnderLoadSize,
  options: { loadAfterMs: number; log?: (s: string) => void },
): Promise<UnderLoadResult> {
  const dir = tempDir('clients-under-load-');
  let server: TestServer | undefined;
  try {
    server = await startTestServer('clients-under-load-store-');
    const data = await underLoadData(dir, size.rows);
    await loadBase(server, data.base);
    const tokens = await signInUsers(server);
    const indicators = (await server.gql('{ indicators { id } }', {}, tokens.admin)).body.data?.indicators as { id: string }[];
    return await runClientsUnderLoad({
      server,
      tokens,
      mix: requestMix(indicators.map((i) => i.id)),
      later: data.later,
      clients: size.clients,
      durationMs: size.seconds * 1000,
      loadAfterMs: options.loadAfterMs,
      log: options.log,
    });
  } finally {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

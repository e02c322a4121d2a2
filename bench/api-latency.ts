/**
 * API latency and throughput on N generated cases (issue "GraphQL API" §Benchmarks):
 *  - p50 / p95 of `ranking` through the API (HTTP, the real app: wireApp + listen, in this process) against the same
 *    SQL run directly on the engine in the same run (target: API ≤ 1.3 × engine). The service issues two statements
 *    per request (month M and M−1 for the previous rank, run one after the other): "engine" is those two statements,
 *    built by the service's own builder (buildRankingQuery) with the same parameters;
 *  - `metrics` grouped by city × month over 12 months, every indicator; the first page of `overdueCases`;
 *  - the same requests answered from the api's read cache (common/read-cache.ts);
 *  - requests/s at 50 concurrent clients for 30 s, each a city's user sending a mix of the three for its city (the
 *    ranking for the province), through the cache as deployed, with zero errors required.
 * Data: bench/api-seed.ts (a 200 k-row ETL-loaded sample replicated in the engine; method documented there).
 *
 *   node -r @swc-node/register bench/api-latency.ts [--cases N] [--sample N] [--iterations N] [--duration S]
 *        [--concurrency N] [--data-dir DIR]   (DIR: reuse a seeded store; default a temp dir, removed afterwards)
 */
import 'reflect-metadata';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUserAccount, findUser } from '../packages/api/src/auth/user-accounts.service';
import { Role } from '../packages/api/src/common/graphql-types';
import { clearReadCache, readCacheCounters } from '../packages/api/src/common/read-cache';
import { monthPeriod, previousMonth } from '../packages/api/src/indicators/period';
import { buildMetricsQuery } from '../packages/api/src/metrics/metrics.sql';
import { countOverdue, fetchOverduePage, prepareOverdueQuery } from '../packages/api/src/overdue/overdue.service';
import { buildRankingQuery } from '../packages/api/src/ranking/ranking.sql';
import { wireApp } from '../packages/api/src/server/wire';
import { INDICATORS, regionsUnder } from '../packages/domain/src';
import { openStores } from '../packages/etl/src';
import { loadConfig } from '../packages/store/src';
import { BENCH_PROVINCE, seedCases } from './api-seed';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000000' },
    sample: { type: 'string', default: '200000' },
    iterations: { type: 'string', default: '20' },
    duration: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '50' },
    'data-dir': { type: 'string' },
  },
});
const CASES = Number(args.cases);
const ITERATIONS = Number(args.iterations);
const DURATION_S = Number(args.duration);
const CONCURRENCY = Number(args.concurrency);

const MONTH = '2025-10';
const AS_OF = '2025-11-10';
const ALL_INDICATORS = INDICATORS.map((i) => i.id);
const METRICS_FILTER = { from: '2024-11-01', to: '2025-10-31', regionCode: BENCH_PROVINCE };
const ADMIN = { username: 'bench-admin', password: 'Bench2026password' };

const log = (s: string) => process.stdout.write(`${s}\n`);

const QUERIES = {
  ranking: {
    query: `query($m: String!, $a: Date) { ranking(month: $m, asOf: $a) { month asOf published configVersion
      rows { region { code name } rank previousRank score noScore values { indicatorId value numerator denominator points }
        movement { indicatorId pointsDelta } }
      totals { indicatorId value } redList { regionCodes } blackList { regionCodes } } }`,
    variables: { m: MONTH, a: AS_OF },
  },
  metrics: {
    query: `query($ids: [ID!]!, $f: CaseFilter!, $a: Date) { metrics(indicatorIds: $ids, groupBy: [CITY, MONTH], filter: $f, asOf: $a) {
      keys { dimension code label } values { indicatorId value numerator denominator } } }`,
    variables: { ids: ALL_INDICATORS, f: METRICS_FILTER, a: AS_OF },
  },
  overdue: {
    query: `query($a: Date) { overdueCases(asOf: $a, first: 50) { totalCount
      nodes { caseId kind registeredAt handlingUnitCode handlingUnitName stage dueDate overdueWorkdays supervisions { id } }
      pageInfo { hasNextPage endCursor } } }`,
    variables: { a: AS_OF },
  },
} as const;
type QueryName = keyof typeof QUERIES;
const CITY_METRICS_QUERY = QUERIES.metrics.query.replace('groupBy: [CITY, MONTH]', 'groupBy: [COUNTY, MONTH]');
const CITY_OVERDUE_QUERY = QUERIES.overdue.query
  .replace('query($a: Date)', 'query($a: Date, $r: String)')
  .replace('overdueCases(asOf: $a,', 'overdueCases(asOf: $a, regionCode: $r,');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dataDir = args['data-dir'] ? path.resolve(args['data-dir']) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  const config = { ...loadConfig({ ...process.env, DATA_DIR: dataDir }), dataDir };
  const stores = await openStores(config);
  try {
    log(`data: ${dataDir}; target ${CASES} cases`);
    const seeded = await seedCases(stores, { cases: CASES, sampleRows: Number(args.sample), workDir: dataDir, log });
    log(`cases in store: ${seeded.total} (sample ${seeded.sample})`);

    if (!(await findUser(stores.orm, ADMIN.username))) {
      await createUserAccount(
        stores.orm,
        { ...ADMIN, role: Role.PROVINCE_ADMIN, regionCode: BENCH_PROVINCE },
        { actor: 'bench' },
      );
    }
    const { app } = await wireApp({ ...stores, localToken: 'bench' });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const post = async (query: string, variables: object, token?: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
      if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
      return body.data as Record<string, unknown>;
    };
    const login = await post('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: ADMIN.username,
      p: ADMIN.password,
    });
    const token = (login.login as { token: string }).token;
    // Answers are cached between loads (common/read-cache.ts): the API-vs-engine figure clears the cache before each
    // call, so both sides compute; cache hits are measured apart below.
    const api = (name: QueryName) => () => {
      clearReadCache();
      return post(QUERIES[name].query, QUERIES[name].variables, token);
    };
    const cachedCall = (name: QueryName) => () => post(QUERIES[name].query, QUERIES[name].variables, token);

    // The engine side: the statements the services issue, with the same parameters, read as JSON like the services.
    const run = async (built: { query: string; params: Record<string, unknown> }) =>
      (await stores.ch.query({ query: built.query, query_params: built.params, format: 'JSONEachRow' })).json();
    const rankingSql = [MONTH, previousMonth(MONTH)].map((m) =>
      buildRankingQuery({ parentCode: BENCH_PROVINCE, unitLevel: 'CITY', period: monthPeriod(m), asOf: AS_OF }),
    );
    const metricsSql = buildMetricsQuery({
      indicatorIds: ALL_INDICATORS,
      groupBy: ['CITY', 'MONTH'] as never,
      filter: METRICS_FILTER,
      asOf: AS_OF,
    });
    const user = { id: 0, username: ADMIN.username, role: Role.PROVINCE_ADMIN, regionCode: BENCH_PROVINCE };
    const overdueQ = prepareOverdueQuery(user, { asOf: AS_OF, first: 50 });
    const engine: Record<QueryName, () => Promise<unknown>> = {
      ranking: async () => {
        for (const q of rankingSql) await run(q);
      },
      metrics: () => run(metricsSql),
      overdue: () => Promise.all([fetchOverduePage(stores.ch, overdueQ), countOverdue(stores.ch, overdueQ)]),
    };

    const rows: string[][] = [];
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      for (let i = 0; i < 2; i++) {
        await api(name)();
        await engine[name]();
      }
      const apiMs: number[] = [];
      const engineMs: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        apiMs.push(await time(api(name)));
        engineMs.push(await time(engine[name]));
      }
      const [a50, a95, e50, e95] = [
        percentile(apiMs, 50),
        percentile(apiMs, 95),
        percentile(engineMs, 50),
        percentile(engineMs, 95),
      ];
      rows.push([
        name,
        a50.toFixed(0),
        a95.toFixed(0),
        e50.toFixed(0),
        e95.toFixed(0),
        (a50 / e50).toFixed(2),
        (a95 / e95).toFixed(2),
      ]);
      log(`measured ${name}`);
    }
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      await cachedCall(name)();
      const cachedMs: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) cachedMs.push(await time(cachedCall(name)));
      rows.push([`${name} (cached)`, percentile(cachedMs, 50).toFixed(0), percentile(cachedMs, 95).toFixed(0), '', '', '', '']);
    }

    // Throughput: CONCURRENCY clients, each sending the next request of the mix as soon as its last one answered.
    // Client i works for city i mod 11, as the bureaus would: the province's ranking of the month (the same for all),
    // its own city's indicators by county × month over 12 months, its own city's first overdue page. The cache starts
    // empty; the answers' sources (computed / joined an identical running computation / cache hit) are reported.
    const cities = regionsUnder(BENCH_PROVINCE, 'CITY').map((r) => r.code);
    const mixRequest = (name: QueryName, city: string) => {
      switch (name) {
        case 'ranking':
          return post(QUERIES.ranking.query, QUERIES.ranking.variables, token);
        case 'metrics':
          return post(CITY_METRICS_QUERY, { ...QUERIES.metrics.variables, f: { ...METRICS_FILTER, regionCode: city } }, token);
        case 'overdue':
          return post(CITY_OVERDUE_QUERY, { a: AS_OF, r: city }, token);
      }
    };
    const mix: QueryName[] = ['overdue', 'metrics', 'ranking'];
    const counts: Record<QueryName, number> = { ranking: 0, metrics: 0, overdue: 0 };
    const latencies: number[] = [];
    let errors = 0;
    let firstError = '';
    clearReadCache();
    const end = Date.now() + DURATION_S * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, client) => {
        const city = cities[client % cities.length] as string;
        for (let i = client; Date.now() < end; i++) {
          const name = mix[i % mix.length] as QueryName;
          try {
            latencies.push(await time(() => mixRequest(name, city)));
            counts[name]++;
          } catch (error) {
            errors++;
            firstError ||= String(error);
          }
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const done = counts.ranking + counts.metrics + counts.overdue;
    server.closeAllConnections();
    server.close();

    log(`\n${seeded.total.toLocaleString('en')} cases · ${ITERATIONS} sequential runs each (after 2 warm-ups) · times in ms`);
    const header = ['query', 'API p50', 'API p95', 'engine p50', 'engine p95', 'p50 ×', 'p95 ×'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    for (const r of [header, ...rows])
      log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
    log(
      `\nthroughput: ${CONCURRENCY} concurrent clients × ${elapsed.toFixed(1)} s, mix overdue/metrics/ranking: ` +
        `${(done / elapsed).toFixed(1)} req/s (${done} requests: ${counts.overdue} overdue, ${counts.metrics} metrics, ` +
        `${counts.ranking} ranking), latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, ` +
        `errors: ${errors}${firstError ? ` (first: ${firstError.slice(0, 200)})` : ''}`,
    );
    const c = readCacheCounters();
    log(`answers: ${c.computed} computed, ${c.joined} joined a running computation, ${c.hits} from the cache`);
    if (errors > 0) process.exitCode = 1;
  } finally {
    await stores.close();
    if (!args['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

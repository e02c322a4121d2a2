/**
 * API latency and throughput on N generated cases (issue "Scale" §Benchmarks), the read model beside the case table:
 *  - cold p50 / p95 through the API (HTTP, the real app: wireApp + listen, in this process): the read cache cleared
 *    and a new asOf for every call, so every answer is computed — city ranking of the province (M and M−1), every
 *    indicator by city × month over 12 months, food-safety hotspots, the overdue first page + totalCount;
 *  - the same questions as the engine statements the services issue, on the read model and on the case table (the
 *    reference path: `cases FINAL`), same parameters, in the same run: "case table ÷ API" is the speed-up;
 *  - 50 concurrent clients for 60 s, each a city chief's account asking the province's city ranking, its city's
 *    county × month table (12 months) and its overdue first page, one request in five with a new asOf: req/s, p95,
 *    errors (0 required); the clients run in a worker thread (city-chiefs.ts);
 *  - the read model's rows and bytes beside the case table's.
 * The server runs as deployed, with NODE_ENV=production (production-mode.ts).
 * Data: bench/api-seed.ts (a 200 k-row ETL-loaded sample replicated in the engine; method documented there).
 *
 *   node -r @swc-node/register bench/api-latency.ts [--cases N] [--sample N] [--iterations N]
 *        [--case-iterations N] [--duration S] [--concurrency N] [--data-dir DIR]
 *   (DIR: reuse a seeded store; default a temp dir, removed afterwards)
 */
import './production-mode';
import 'reflect-metadata';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createUserAccount, findUser } from '../packages/api/src/auth/user-accounts.service';
import { Dimension, Role } from '../packages/api/src/common/graphql-types';
import { clearReadCache, readCacheCounters } from '../packages/api/src/common/read-cache';
import { foodSafetyHotspots } from '../packages/api/src/hotspots/hotspots.service';
import { runIndicatorQuery } from '../packages/api/src/indicators/indicator-query';
import type { ReadSource } from '../packages/api/src/indicators/indicator-sql';
import { dayNumber, fromDayNumber, monthPeriod, previousMonth } from '../packages/api/src/indicators/period';
import { buildMetricsQuery } from '../packages/api/src/metrics/metrics.sql';
import { countOverdue, fetchOverduePage, prepareOverdueQuery } from '../packages/api/src/overdue/overdue.service';
import { buildRankingMonthsQuery } from '../packages/api/src/ranking/ranking.sql';
import { wireApp } from '../packages/api/src/server/wire';
import { INDICATORS, regionsUnder } from '../packages/domain/src';
import { openStores } from '../packages/etl/src';
import { loadConfig, READ_MODEL_TABLES } from '../packages/store/src';
import { BENCH_PROVINCE, seedCases } from './api-seed';
import type { CityChiefsInput, CityChiefsResult } from './city-chiefs';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000000' },
    sample: { type: 'string', default: '200000' },
    iterations: { type: 'string', default: '20' },
    'case-iterations': { type: 'string', default: '5' },
    duration: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '50' },
    'data-dir': { type: 'string' },
  },
});
const CASES = Number(args.cases);
const ITERATIONS = Number(args.iterations);
const CASE_ITERATIONS = Number(args['case-iterations']);
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
  hotspots: {
    query: `query($m: String!) { foodSafetyHotspots(month: $m, top: 20) { month
      operators { operatorKey operatorName count previousCount baseline spike }
      industries { keys { code } values { indicatorId value } } counties { keys { code } values { indicatorId value } } } }`,
    variables: { m: MONTH },
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

/** The statements the services send: the ranking of MONTH with M−1 in one statement, every indicator by city × month. */
function rankingStatement(asOf: string, source: ReadSource) {
  const months = [monthPeriod(previousMonth(MONTH)), monthPeriod(MONTH)];
  return buildRankingMonthsQuery({ parentCode: BENCH_PROVINCE, unitLevel: 'CITY', months, asOf, source });
}

function metricsStatement(asOf: string, source: ReadSource) {
  return buildMetricsQuery({
    indicatorIds: ALL_INDICATORS,
    groupBy: [Dimension.CITY, Dimension.MONTH],
    filter: METRICS_FILTER,
    asOf,
    source,
  });
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

    // A new asOf for every call (k-th day after AS_OF): no answer can come from the read cache or repeat a plan.
    let asOfCounter = 0;
    const freshAsOf = () => fromDayNumber(dayNumber(AS_OF) + 1 + (asOfCounter++ % 300));
    const variablesWith = (name: QueryName, asOf: string) =>
      name === 'hotspots' ? QUERIES.hotspots.variables : { ...QUERIES[name].variables, a: asOf };
    const apiCold = (name: QueryName) => (asOf: string) => {
      clearReadCache();
      return post(QUERIES[name].query, variablesWith(name, asOf), token);
    };

    // The engine side: the statements the services issue, with the same parameters, on either read source.
    const user = { id: 0, username: ADMIN.username, role: Role.PROVINCE_ADMIN, regionCode: BENCH_PROVINCE };
    const engine = (source: ReadSource): Record<QueryName, (asOf: string) => Promise<unknown>> => ({
      ranking: (asOf) => runIndicatorQuery(stores.ch, rankingStatement(asOf, source)),
      metrics: (asOf) => runIndicatorQuery(stores.ch, metricsStatement(asOf, source)),
      hotspots: () => foodSafetyHotspots(stores.ch, MONTH, BENCH_PROVINCE, 20, source),
      overdue: (asOf) => {
        const q = { ...prepareOverdueQuery(user, { asOf, first: 50 }), source };
        return Promise.all([fetchOverduePage(stores.ch, q), countOverdue(stores.ch, q)]);
      },
    });
    // What the read model's statements read, from the engine's own estimate (granules × rows): a figure machine load
    // cannot move, printed beside the times.
    const estimates: string[] = [];
    for (const [name, built] of [
      ['ranking', rankingStatement(AS_OF, 'facts')],
      ['metrics', metricsStatement(AS_OF, 'facts')],
    ] as const) {
      const r = await stores.ch.query({
        query: `EXPLAIN ESTIMATE ${built.query}`,
        query_params: built.params,
        format: 'JSONEachRow',
      });
      const parts = await r.json<{ table: string; rows: string; marks: string }>();
      estimates.push(
        `  ${name.padEnd(8)} ${parts.map((p) => `${p.table}: ${Number(p.rows).toLocaleString('en')} rows (${p.marks} granules)`).join(', ')}`,
      );
    }
    const readModel = engine('facts');
    const caseTable = engine('cases');

    const rows: string[][] = [];
    const sample = async (f: (asOf: string) => Promise<unknown>, n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const asOf = freshAsOf();
        ms.push(await time(() => f(asOf)));
      }
      return ms;
    };
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      await apiCold(name)(freshAsOf());
      await readModel[name](freshAsOf());
      const apiMs = await sample(apiCold(name), ITERATIONS);
      const modelMs = await sample(readModel[name], ITERATIONS);
      const caseMs = await sample(caseTable[name], CASE_ITERATIONS);
      const p = (xs: number[], q: number) => percentile(xs, q);
      rows.push([
        name,
        p(apiMs, 50).toFixed(0),
        p(apiMs, 95).toFixed(0),
        p(modelMs, 50).toFixed(0),
        p(modelMs, 95).toFixed(0),
        p(caseMs, 50).toFixed(0),
        p(caseMs, 95).toFixed(0),
        (p(caseMs, 50) / p(apiMs, 50)).toFixed(1),
      ]);
      log(`measured ${name}`);
    }

    // Throughput: CONCURRENCY clients, each a city chief's account sending the next request of its mix as soon as its
    // last one answered: the province's city ranking, its city's county × month table over 12 months, its city's first
    // overdue page; one request in five with a new asOf (the others repeat AS_OF, as a bureau's day would). The clients
    // run in a worker thread (city-chiefs.ts); this thread serves them.
    const cities = regionsUnder(BENCH_PROVINCE, 'CITY').map((r) => r.code);
    const cityTokens = new Map<string, string>();
    for (const city of cities) {
      const username = `bench-chief-${city}`;
      if (!(await findUser(stores.orm, username))) {
        await createUserAccount(
          stores.orm,
          { username, password: ADMIN.password, role: Role.CITY_CHIEF, regionCode: city },
          { actor: 'bench' },
        );
      }
      const r = await post('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
        u: username,
        p: ADMIN.password,
      });
      cityTokens.set(city, (r.login as { token: string }).token);
    }
    const requests = (city: string): CityChiefsInput['clients'][number]['requests'] => ({
      ranking: { query: QUERIES.ranking.query, variables: { ...QUERIES.ranking.variables } },
      metrics: {
        query: CITY_METRICS_QUERY,
        variables: { ...QUERIES.metrics.variables, f: { ...METRICS_FILTER, regionCode: city } },
      },
      overdue: { query: CITY_OVERDUE_QUERY, variables: { r: city } },
    });
    const input: CityChiefsInput = {
      url,
      clients: Array.from({ length: CONCURRENCY }, (_, client) => {
        const city = cities[client % cities.length] as string;
        return { token: cityTokens.get(city) as string, requests: requests(city) };
      }),
      durationS: DURATION_S,
      asOf: AS_OF,
      freshAsOfs: Array.from({ length: 300 }, () => freshAsOf()),
    };
    clearReadCache();
    const worker = new Worker(path.join(__dirname, 'city-chiefs.ts'), {
      workerData: input,
      execArgv: ['-r', '@swc-node/register'],
    });
    const {
      latencies,
      counts,
      errors,
      firstError,
      elapsedS: elapsed,
    } = await new Promise<CityChiefsResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const done = counts.ranking + counts.metrics + counts.overdue;
    server.closeAllConnections();
    server.close();

    const sizes = await (
      await stores.ch.query({
        query: `SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts
                WHERE active AND database = currentDatabase() AND table IN ('cases', ${READ_MODEL_TABLES.map((t) => `'${t}'`).join(', ')})
                GROUP BY table ORDER BY table`,
        format: 'JSONEachRow',
      })
    ).json<{ table: string; rows: string; bytes: string }>();

    log(
      `\n${seeded.total.toLocaleString('en')} cases · cold (cache cleared, a new asOf per call) · API and read model ` +
        `${ITERATIONS} runs, case table ${CASE_ITERATIONS} · times in ms`,
    );
    const header = ['query', 'API p50', 'API p95', 'read model p50', 'p95', 'case table p50', 'p95', 'case table ÷ API'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    for (const r of [header, ...rows])
      log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
    log(
      `\nthroughput: ${CONCURRENCY} city chiefs × ${elapsed.toFixed(1)} s, mix overdue/metrics/ranking, 1 in 5 with a new asOf: ` +
        `${(done / elapsed).toFixed(1)} req/s (${done} requests: ${counts.overdue} overdue, ${counts.metrics} metrics, ` +
        `${counts.ranking} ranking), latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, ` +
        `errors: ${errors}${firstError ? ` (first: ${firstError.slice(0, 200)})` : ''}`,
    );
    log('\nrows the read model reads (EXPLAIN ESTIMATE, asOf AS_OF):');
    for (const line of estimates) log(line);
    log('\nstore sizes (active parts):');
    for (const t of sizes)
      log(
        `  ${t.table.padEnd(16)} ${Number(t.rows).toLocaleString('en').padStart(14)} rows  ${(Number(t.bytes) / 2 ** 20).toFixed(1).padStart(9)} MiB`,
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

/**
 * The client factory's time limits (clickhouse.ts): a question is bounded by QUERY_TIMEOUT_SECONDS, a statement run
 * with NO_TIME_LIMIT (a load's, a read-model build's) is not — on the embedded engine, and on a server, where the
 * client's own request timeout (QUERY_TIMEOUT_SECONDS + 5 s without a byte) would otherwise cut it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ClickHouseHttpServer, spawnClickHouseHttpServer } from '../test-support/clickhouse-http-server';
import { type ClickHouseClient, createClickHouse, handledFailureQueryId, NO_TIME_LIMIT } from './clickhouse';

/** A statement that runs `seconds` (half a second per block of one row) and answers `seconds * 2`. */
const sleeping = (seconds: number) =>
  `SELECT count() AS n FROM numbers(${seconds * 2}) WHERE sleepEachRow(0.5) = 0 SETTINGS max_block_size = 1`;

async function count(ch: ClickHouseClient, query: string, settings?: Record<string, number>): Promise<number> {
  // The failures these tests expect are not logged as the client's errors.
  const query_id = handledFailureQueryId();
  const result = await ch.query({ query, format: 'JSONEachRow', clickhouse_settings: settings, query_id });
  const [row] = await result.json<{ n: string }>();
  return Number(row?.n);
}

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'clickhouse-limits-'));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test('embedded: a question stops at QUERY_TIMEOUT_SECONDS, a statement with NO_TIME_LIMIT runs on', async () => {
  const ch = createClickHouse({ dataDir: path.join(work, 'embedded'), clickhouseUrl: null, queryTimeoutSeconds: 1 });
  try {
    await expect(count(ch, sleeping(3))).rejects.toThrow(/TIMEOUT_EXCEEDED|Timeout exceeded/);
    expect(await count(ch, sleeping(3), NO_TIME_LIMIT)).toBe(6);
  } finally {
    await ch.close();
  }
}, 60_000);

describe('a server (the HTTP test server)', () => {
  let server: ClickHouseHttpServer;
  let ch: ClickHouseClient;

  beforeAll(async () => {
    server = await spawnClickHouseHttpServer(path.join(work, 'server', 'clickhouse'));
    // The client's request timeout: (1 + 5) s without a byte.
    ch = createClickHouse({ dataDir: path.join(work, 'server'), clickhouseUrl: server.url, queryTimeoutSeconds: 1 });
  }, 60_000);

  afterAll(async () => {
    await ch?.close();
    await server?.close();
  });

  test('the server stops a question at QUERY_TIMEOUT_SECONDS', async () => {
    await expect(count(ch, sleeping(3))).rejects.toThrow(/TIMEOUT_EXCEEDED|Timeout exceeded/);
  }, 60_000);

  test('the client gives up on a question the server lets run past its request timeout', async () => {
    await expect(count(ch, sleeping(8), { max_execution_time: 60 })).rejects.toThrow(/Timeout error/);
  }, 60_000);

  test('a statement with NO_TIME_LIMIT outlasts the request timeout, and questions are still bounded after it', async () => {
    expect(await count(ch, sleeping(8), NO_TIME_LIMIT)).toBe(16);
    await expect(count(ch, sleeping(3))).rejects.toThrow(/TIMEOUT_EXCEEDED|Timeout exceeded/);
  }, 60_000);
});

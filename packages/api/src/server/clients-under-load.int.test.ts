/**
 * Issue 13 §3: concurrent clients mixing every query and export while a load is handed to the server — no error, and
 * every answer equal to the answer before the load or to the answer after it, never a mix (common/load-gate.ts).
 * The long run (200 clients, 60 s) is bench/clients-under-load.ts; this one is short. UNDER_LOAD_CLIENTS and
 * UNDER_LOAD_SECONDS change its size.
 */
import fs from 'node:fs';
import {
  describeUnderLoad,
  loadBase,
  requestMix,
  runClientsUnderLoad,
  signInUsers,
  tempDir,
  underLoadData,
} from '../../test-support/clients-under-load';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';

jest.setTimeout(600_000);

const CLIENTS = Number(process.env.UNDER_LOAD_CLIENTS ?? 6);
const SECONDS = Number(process.env.UNDER_LOAD_SECONDS ?? 6);

let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('under-load-files-');
  server = await startTestServer('under-load-');
  const data = await underLoadData(dir, 1000);
  await loadBase(server, data.base);
  later = data.later;
});

let later = '';

afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('answers every request during a handed-over load, each wholly before or wholly after it', async () => {
  const tokens = await signInUsers(server);
  const ids = ((await server.gql('{ indicators { id } }', {}, tokens.admin)).body.data?.indicators as { id: string }[]).map(
    (i) => i.id,
  );
  const mix = requestMix(ids);
  const result = await runClientsUnderLoad({
    server,
    tokens,
    mix,
    later,
    clients: CLIENTS,
    durationMs: SECONDS * 1000,
    loadAfterMs: 2000,
  });
  process.stdout.write(`${describeUnderLoad(result, CLIENTS, SECONDS * 1000)}\n`);
  expect(result.loadOk).toBe(true);
  expect(result.errors).toEqual([]);
  expect(result.mixed).toEqual([]);
  // The comparison means something: the load changed most answers, and clients saw both sides of it.
  // (read-model questions, case-table questions and the CSV among them).
  expect(result.changedByLoad).toEqual(
    expect.arrayContaining(['ranking of cities', 'metrics by city × month', 'metrics by station (cases)', 'overdue CSV']),
  );
  expect(result.equalBefore).toBeGreaterThan(0);
  expect(result.equalAfter).toBeGreaterThan(0);
});

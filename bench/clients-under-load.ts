/**
 * Issue 13 §3: `pnpm bench clients-under-load [--clients 200] [--seconds 60] [--rows 20000]` — N concurrent clients
 * mixing every query and the overdue CSV (packages/api/test-support/clients-under-load.ts) against the real HTTP
 * server on a fresh store of --rows cases, while a second export (half as many rows, the same months) is handed to
 * it. Prints the answers, errors, answers equal to neither the before- nor the after-answer, p50/p95 per request.
 * Exit 1 on any error or mix. The short variant runs in CI: clients-under-load.int.test.ts.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  describeUnderLoad,
  loadBase,
  requestMix,
  runClientsUnderLoad,
  signInUsers,
  tempDir,
  underLoadData,
} from '../packages/api/test-support/clients-under-load';
import { startTestServer } from '../packages/api/test-support/http-test-server';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    rows: { type: 'string', default: '20000' },
  },
});

async function main(): Promise<number> {
  const clients = Number(args.clients);
  const seconds = Number(args.seconds);
  const dir = tempDir('clients-under-load-');
  const server = await startTestServer('clients-under-load-store-');
  try {
    const data = await underLoadData(dir, Number(args.rows));
    await loadBase(server, data.base);
    const tokens = await signInUsers(server);
    const ids = ((await server.gql('{ indicators { id } }', {}, tokens.admin)).body.data?.indicators as { id: string }[]).map(
      (i) => i.id,
    );
    const result = await runClientsUnderLoad({
      server,
      tokens,
      mix: requestMix(ids),
      later: data.later,
      clients,
      durationMs: seconds * 1000,
      loadAfterMs: Math.round(seconds * 200),
      log: (s) => process.stderr.write(`${s}\n`),
    });
    process.stdout.write(`${describeUnderLoad(result, clients, seconds * 1000)}\n`);
    for (const e of result.errors.slice(0, 5)) process.stdout.write(`error: ${e.name}: HTTP ${e.status} ${e.text}\n`);
    for (const m of result.mixed.slice(0, 5)) process.stdout.write(`mixed: ${m.name}: ${m.text}\n`);
    return result.errors.length === 0 && result.mixed.length === 0 && result.loadOk ? 0 : 1;
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

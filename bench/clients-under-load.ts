/**
 * Issue 13 §3: `pnpm bench clients-under-load [--clients 200] [--seconds 60] [--rows 20000]` — N concurrent clients
 * mixing every query and the overdue CSV (packages/api/test-support/clients-under-load.ts) against the real HTTP
 * server on a fresh store of --rows cases, while a second export (half as many rows, the same months) is handed to
 * it. Prints the answers, errors, answers equal to neither the before- nor the after-answer, p50/p95 per request.
 * Exit 1 on any error or mix, 64 on a bad argument. The short variant runs in CI: clients-under-load.int.test.ts.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { clientsUnderLoad, describeUnderLoad, underLoadSize } from '../packages/api/test-support/clients-under-load';

async function main(): Promise<number> {
  let size: ReturnType<typeof underLoadSize>;
  try {
    const { values } = parseArgs({
      options: { clients: { type: 'string' }, seconds: { type: 'string' }, rows: { type: 'string' } },
    });
    size = underLoadSize(values, { clients: 200, seconds: 60, rows: 20_000 });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 64;
  }
  const result = await clientsUnderLoad(size, {
    loadAfterMs: Math.round(size.seconds * 200),
    log: (s) => process.stderr.write(`${s}\n`),
  });
  process.stdout.write(`${describeUnderLoad(result, size.clients, size.seconds * 1000)}\n`);
  for (const e of result.errors.slice(0, 5)) process.stdout.write(`error: ${e.name}: HTTP ${e.status} ${e.text}\n`);
  for (const m of result.mixed.slice(0, 5)) process.stdout.write(`mixed: ${m.name}: ${m.text}\n`);
  return result.errors.length === 0 && result.mixed.length === 0 && result.loadOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * `pnpm bench instance-checks [-- --calls 2000 --loads 2000]`: what several api instances pay per request to agree
 * (README "Several api instances"): the read cache's data-version statement (is a load running, the newest load and
 * snapshot ids) and a sign-in's two failure counts, on SQLite and on a throwaway PostgreSQL server, with `--loads`
 * ledger rows; prints microseconds per call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LoginRateLimiter } from '../packages/api/src/auth/login-rate-limiter';
import { dataVersion } from '../packages/api/src/common/read-cache';
import { LoadLedgerEntry, loadConfig, openMetadataStore } from '../packages/store/src';
import { startTestPostgres } from '../packages/store/test-support/postgres-server';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '2000' }, loads: { type: 'string', default: '2000' } },
});
const calls = Number(values.calls);
const loads = Number(values.loads);

async function perCall(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(200, calls); i++) await run();
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return ((performance.now() - t0) / calls) * 1000;
}

async function measure(name: string, databaseUrl: string | null): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-instance-checks-'));
  const orm = await openMetadataStore({ ...loadConfig({ DATA_DIR: dir }), databaseUrl });
  try {
    const em = orm.em.fork();
    for (let i = 0; i < loads; i++) {
      const entry = { fileName: `f${i}.csv`, fileSize: 1, sha256: '0'.repeat(64), format: 'CSV', runBy: 'bench' };
      em.persist(Object.assign(new LoadLedgerEntry(), entry, { status: 'SUCCEEDED' }));
    }
    await em.flush();
    const limiter = new LoginRateLimiter();
    for (let i = 0; i < 4; i++) await limiter.recordFailure(orm.em, 'someone', '192.0.2.1');
    const version = await perCall(() => dataVersion(orm.em));
    const signIn = await perCall(() => limiter.assertAllowed(orm.em, 'someone', '192.0.2.1'));
    process.stdout.write(
      `${name}: read-cache data version ${version.toFixed(0)} µs per request; sign-in limit check ${signIn.toFixed(0)} µs ` +
        `per sign-in (${loads} ledger rows, ${calls} calls)\n`,
    );
  } finally {
    await orm.close(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await measure('SQLite', null);
  const pg = await startTestPostgres();
  try {
    await measure('PostgreSQL', await pg.createDatabase());
  } finally {
    pg.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * `pnpm start`: the api server on PORT (default 4000) at /graphql, owning the embedded store when CLICKHOUSE_URL is
 * unset. DEMO=1 seeds one user per role (random passwords printed once); production (NODE_ENV=production) refuses to
 * start without AUTH_SECRET and never creates users.
 */
import './node-pool';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { openStores } from '@c12315/etl';
import { ConfigError, loadConfig, removeServerHandle, returnEngineMemoryPromptly, writeServerHandle } from '@c12315/store';
import { warmRankingsInBackground, warmupsSettled } from './ranking/ranking-warmup';
import { createHttpServer } from './server/http-hardening';
import { wireApp } from './server/wire';

/** How long a stopping server waits for requests in flight; a load cut short is finished by re-running it. */
const SHUTDOWN_GRACE_MS = 60_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // The server runs the loads the CLI hands over: the engine's freed memory goes back to the system as the loader's does.
  returnEngineMemoryPromptly();
  const stores = await openStores(config);
  const localToken = randomBytes(24).toString('hex');
  // Served at `/` once `pnpm build` has written it; until then `/` and `announce` say how to build it.
  const staticDir = path.resolve(__dirname, '../../dashboard/dist');
  const { app, announce, noticeMailer } = await wireApp({
    ...stores,
    localToken,
    demo: process.env.DEMO === '1',
    staticDir,
  });
  const server: Server = createHttpServer(app).listen(config.port, '0.0.0.0');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  if (!config.clickhouseUrl) writeServerHandle(config.dataDir, { pid: process.pid, port: config.port, token: localToken });
  process.stdout.write(`12315 api listening on http://localhost:${config.port}/graphql (data: ${config.dataDir})\n${announce}`);
  void warmRankingsInBackground({ ch: stores.ch, em: stores.orm.em.fork() }, 'start-up');
  // In-flight requests (a load handed over by the CLI, a report being printed) finish before the stores close.
  let inFlight = 0;
  server.on('request', (_req, res: ServerResponse) => {
    inFlight++;
    res.once('close', () => inFlight--);
  });
  const stop = async (signal: string) => {
    process.stdout.write(`${signal}: shutting down (${inFlight} request(s) in flight)\n`);
    removeServerHandle(config.dataDir);
    const startedAt = Date.now();
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = setTimeout(() => {
      process.stdout.write(`${SHUTDOWN_GRACE_MS / 1000} s grace over: dropping ${inFlight} request(s)\n`);
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    await drained;
    // A ranking warm-up still computing is finished too, within the same grace period.
    const left = Math.max(0, startedAt + SHUTDOWN_GRACE_MS - Date.now());
    // So are the 通报 e-mails of a publication (a delivery left PENDING says it was not sent: the next start sends it).
    noticeMailer?.stop();
    await Promise.race([
      Promise.all([warmupsSettled(), noticeMailer?.settled()]),
      new Promise((resolve) => setTimeout(resolve, left).unref()),
    ]);
    clearTimeout(grace);
    await stores.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

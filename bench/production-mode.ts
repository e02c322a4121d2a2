/**
 * Imported first by benchmarks that run the api in their own process: they measure the server as it is deployed
 * (NODE_ENV=production, as infra/compose and infra/k8s set it). graphql-js reads NODE_ENV when it is loaded; outside
 * production every type check of its executor takes a slow path that looks for a second copy of the library.
 * Production needs a signing secret: a random one is made for the run when AUTH_SECRET is unset. Node's pool of
 * threads is sized as the server's (packages/api/src/node-pool.ts), before anything uses it.
 */
import '../packages/api/src/node-pool';
import { randomBytes } from 'node:crypto';

process.env.NODE_ENV = 'production';
process.env.AUTH_SECRET ||= randomBytes(32).toString('hex');

/** A helper module, not a benchmark (bench/run.ts lists the files that export nothing). */
export const productionMode = true;

/**
 * The clients of bench/api-latency.ts's throughput run, in a worker thread of their own: CONCURRENCY city chiefs,
 * each sending the next request of its mix (the province's city ranking, its city's county × month table, its city's
 * first overdue page) as soon as its last one answered, one request in five with a new asOf. In their own thread the
 * clients' HTTP and JSON work is not counted against the server's, as with browsers on other machines (the two
 * threads still share the machine's cores).
 */
import { parentPort, workerData } from 'node:worker_threads';

export type MixName = 'ranking' | 'metrics' | 'overdue';

export interface CityChiefsInput {
  url: string;
  /** One entry per client: the city's account token and the three requests' documents and variables. */
  clients: { token: string; requests: Record<MixName, { query: string; variables: Record<string, unknown> }> }[];
  durationS: number;
  asOf: string;
  /** The new asOf values, used in turn (one request in five takes the next). */
  freshAsOfs: string[];
}

export interface CityChiefsResult {
  latencies: number[];
  counts: Record<MixName, number>;
  errors: number;
  firstError: string;
  elapsedS: number;
}

async function run(input: CityChiefsInput): Promise<CityChiefsResult> {
  const mix: MixName[] = ['overdue', 'metrics', 'ranking'];
  const counts: Record<MixName, number> = { ranking: 0, metrics: 0, overdue: 0 };
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  let sent = 0;
  let fresh = 0;
  const end = Date.now() + input.durationS * 1000;
  const t0 = performance.now();
  await Promise.all(
    input.clients.map(async (client, index) => {
      for (let i = index; Date.now() < end; i++) {
        const name = mix[i % mix.length] as MixName;
        const asOf = sent++ % 5 === 0 ? (input.freshAsOfs[fresh++ % input.freshAsOfs.length] as string) : input.asOf;
        const request = client.requests[name];
        const started = performance.now();
        try {
          const res = await fetch(input.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
            body: JSON.stringify({ query: request.query, variables: { ...request.variables, a: asOf } }),
          });
          const body = (await res.json()) as { errors?: unknown };
          if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
          latencies.push(performance.now() - started);
          counts[name]++;
        } catch (error) {
          errors++;
          firstError ||= String(error);
        }
      }
    }),
  );
  return { latencies, counts, errors, firstError, elapsedS: (performance.now() - t0) / 1000 };
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as CityChiefsInput).then((result) => port.postMessage(result));
}

/**
 * Answers read from the case store, cached until the data changes. A ranking, a metrics table, an overdue page or a
 * hotspot list is a pure function of the case store, the metadata it reads (configuration, snapshots) and its
 * arguments — every statement takes asOf as a parameter, none reads now() (the EXPLAIN test checks it) — so every
 * chief opening the same page need not re-run the aggregation over the whole province. The key holds what changes
 * the answer:
 *  - the load ledger's state (the newest load id): every write to the case store goes through a ledgered load;
 *    while any load is RUNNING nothing is cached or served from the cache (its batches change the data under us);
 *  - the newest ranking snapshot id (publishing M−1 changes M's previousRank);
 *  - the caller's key: every argument of the computation after scoping (region, period, asOf, configuration version…).
 * The metadata DB is shared by every api replica and CLI, so the key is right across processes too.
 *
 * Concurrent requests for the same key share one computation (fifty clients opening the month's ranking at nine
 * o'clock run it once), and the cache is bounded by entries and by size. Readers get their own copy.
 */

import { createHash } from 'node:crypto';
import { LoadLedgerEntry, RankingSnapshot } from '@c12315/store';
import type { EntityManager } from '@mikro-orm/core';

const MAX_ENTRIES = 512;
/** Total JSON size the cache may hold; an answer larger than a quarter of it is not cached. */
const MAX_TOTAL_CHARS = 64 * 1024 * 1024;

interface Entry {
  value: unknown;
  chars: number;
}

const cache = new Map<string, Entry>();
const inFlight = new Map<string, Promise<unknown>>();
let totalChars = 0;
const counters = { hits: 0, joined: 0, computed: 0, uncached: 0 };

/** The data version, or null when a load is running (then nothing may be cached). */
export async function dataVersion(em: EntityManager): Promise<string | null> {
  const fork = em.fork();
  if ((await fork.count(LoadLedgerEntry, { status: 'RUNNING' })) > 0) return null;
  const [load] = await fork.find(LoadLedgerEntry, {}, { orderBy: { id: 'desc' }, limit: 1, fields: ['id'] });
  const [snapshot] = await fork.find(RankingSnapshot, {}, { orderBy: { id: 'desc' }, limit: 1, fields: ['id'] });
  return `${load?.id ?? 0}:${snapshot?.id ?? 0}`;
}

/** Keeps `value` (a copy nobody else holds) unless it is too large. */
function remember(key: string, value: unknown): void {
  const chars = JSON.stringify(value)?.length ?? 0;
  if (chars > MAX_TOTAL_CHARS / 4) return;
  cache.set(key, { value, chars });
  totalChars += chars;
  while (cache.size > MAX_ENTRIES || totalChars > MAX_TOTAL_CHARS) {
    const oldest = cache.keys().next().value as string;
    totalChars -= cache.get(oldest)?.chars ?? 0;
    cache.delete(oldest);
  }
}

/**
 * `compute()`'s answer for `key` at the current data version: from the cache, from an identical computation already
 * running, or computed now. `key` must name the kind of answer and every argument it depends on.
 */
export async function cachedRead<T>(em: EntityManager, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await dataVersion(em);
  if (version === null) {
    counters.uncached++;
    return compute();
  }
  const full = `${version}|${createHash('sha256').update(key).digest('base64')}`;
  const hit = cache.get(full);
  if (hit) {
    counters.hits++;
    cache.delete(full); // most recently used last
    cache.set(full, hit);
    return structuredClone(hit.value) as T;
  }
  const running = inFlight.get(full);
  if (running) {
    counters.joined++;
    return structuredClone((await running) as T);
  }
  counters.computed++;
  // The caller gets the computed answer itself; joiners and later readers get copies of a private copy.
  const computation = compute().then((value) => ({ value, copy: structuredClone(value) }));
  const shared = computation.then((r) => r.copy);
  shared.catch(() => undefined); // a failure reaches the caller (and any joiner) below, never as an unhandled rejection
  inFlight.set(full, shared);
  try {
    const { value, copy } = await computation;
    remember(full, copy);
    return value;
  } finally {
    inFlight.delete(full);
  }
}

/** How requests were answered since start (or the last clear): for the benchmark and the logs. */
export function readCacheCounters(): Readonly<typeof counters> {
  return { ...counters };
}

/** Tests and benchmarks: start from an empty cache. */
export function clearReadCache(): void {
  cache.clear();
  totalChars = 0;
  for (const k of Object.keys(counters) as (keyof typeof counters)[]) counters[k] = 0;
}

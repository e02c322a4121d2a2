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
 * The key's version is read from the metadata DB, which every api instance and CLI shares, in one statement per
 * request (three index lookups: is a load running, the newest load id, the newest snapshot id). So a load handed to
 * one instance, a standalone `pnpm etl load` or a publication on another instance changes the version every instance
 * reads on its next request: no instance serves an answer from before it (README "Several api instances").
 *
 * The entries live in this process, one cache per metadata connection (MikroORM instance): an api instance opens one,
 * so two instances never share memory even when a test runs both in one process.
 *
 * Concurrent requests for the same key share one computation (fifty clients opening the month's ranking at nine
 * o'clock run it once), and the cache is bounded by entries and by size. The computing caller gets the answer it
 * computed; the cache keeps a deep-frozen copy that every later reader shares (copying a county × month table for each
 * reader cost more CPU than answering the request), so a reader that tried to change a cached answer would throw.
 */

import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';

const MAX_ENTRIES = 512;
/** Total JSON size the cache may hold; an answer larger than a quarter of it is not cached. */
const MAX_TOTAL_CHARS = 64 * 1024 * 1024;

interface Entry {
  value: unknown;
  chars: number;
}

/** One statement, no argument: the load ledger's status is indexed (metadata migration 0008), the ids are keys. */
const DATA_VERSION_SQL =
  "select (select count(*) from load_ledger where status = 'RUNNING') as running, " +
  '(select max(id) from load_ledger) as load_id, (select max(id) from ranking_snapshot) as snapshot_id';

/** The data version, or null when a load is running (then nothing may be cached). */
export async function dataVersion(em: EntityManager): Promise<string | null> {
  const [row] = await em
    .fork()
    .getConnection()
    .execute<{ running: number | string; load_id: number | string | null; snapshot_id: number | string | null }[]>(
      DATA_VERSION_SQL,
    );
  if (Number(row?.running ?? 0) > 0) return null;
  return `${row?.load_id ?? 0}:${row?.snapshot_id ?? 0}`;
}

const counters = { hits: 0, joined: 0, computed: 0, uncached: 0 };

/** The answers one api instance holds (see the file header). */
class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Keys asked and not computed (readWhenAskedAgain), with the variant first asked, oldest first. */
  private readonly asked = new Map<string, string>();
  private totalChars = 0;

  /** Keeps `value` (a copy nobody else holds) unless it is too large. */
  private remember(key: string, value: unknown): void {
    const chars = JSON.stringify(value)?.length ?? 0;
    if (chars > MAX_TOTAL_CHARS / 4) return;
    this.entries.set(key, { value, chars });
    this.totalChars += chars;
    while (this.entries.size > MAX_ENTRIES || this.totalChars > MAX_TOTAL_CHARS) {
      const oldest = this.entries.keys().next().value as string;
      this.totalChars -= this.entries.get(oldest)?.chars ?? 0;
      this.entries.delete(oldest);
    }
  }

  async read<T>(em: EntityManager, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await dataVersion(em);
    if (version === null) {
      counters.uncached++;
      return compute();
    }
    return this.readAt(fullKey(version, key), compute);
  }

  /** As `read`, but computed only once `key` has been asked at this data version with two variants; else undefined. */
  async readWhenAskedAgain<T>(
    em: EntityManager,
    key: string,
    variant: string,
    compute: () => Promise<T>,
  ): Promise<T | undefined> {
    const version = await dataVersion(em);
    if (version === null) return undefined;
    const full = fullKey(version, key);
    const first = this.asked.get(full);
    if (this.entries.has(full) || this.inFlight.has(full) || (first !== undefined && first !== variant)) {
      try {
        return await this.readAt(full, compute);
      } catch (error) {
        // The caller has another way to its answer: a failure here (a statement over the time limit) only costs that.
        process.stderr.write(`read cache: ${error instanceof Error ? error.message : String(error)} (answered another way)\n`);
        return undefined;
      }
    }
    if (first === undefined) this.asked.set(full, variant);
    if (this.asked.size > MAX_ENTRIES) this.asked.delete(this.asked.keys().next().value as string);
    return undefined;
  }

  private async readAt<T>(full: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(full);
    if (hit) {
      counters.hits++;
      this.entries.delete(full); // most recently used last
      this.entries.set(full, hit);
      return hit.value as T;
    }
    const running = this.inFlight.get(full);
    if (running) {
      counters.joined++;
      return (await running) as T;
    }
    counters.computed++;
    // The caller gets the computed answer itself; joiners and later readers share a frozen copy of it.
    const computation = compute().then((value) => ({ value, copy: deepFreeze(structuredClone(value)) }));
    const shared = computation.then((r) => r.copy);
    shared.catch(() => undefined); // a failure reaches the caller (and any joiner) below, never as an unhandled rejection
    this.inFlight.set(full, shared);
    try {
      const { value, copy } = await computation;
      this.remember(full, copy);
      return value;
    } finally {
      this.inFlight.delete(full);
    }
  }

  clear(): void {
    this.entries.clear();
    this.asked.clear();
    this.totalChars = 0;
  }
}

function fullKey(version: string, key: string): string {
  return `${version}|${createHash('sha256').update(key).digest('base64')}`;
}

/** `value` with every object and array reachable from it frozen. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Keyed by the MikroORM instance's configuration, which every fork of its entity manager shares. */
const caches = new WeakMap<object, ReadCache>();
const live = new Set<WeakRef<ReadCache>>();

function cacheOf(em: EntityManager): ReadCache {
  let cache = caches.get(em.config);
  if (!cache) {
    cache = new ReadCache();
    caches.set(em.config, cache);
    live.add(new WeakRef(cache));
  }
  return cache;
}

/**
 * `compute()`'s answer for `key` at the current data version: from the cache of `em`'s api instance, from an
 * identical computation already running there, or computed now. `key` must name the kind of answer and every argument
 * it depends on.
 */
export function cachedRead<T>(em: EntityManager, key: string, compute: () => Promise<T>): Promise<T> {
  return cacheOf(em).read(em, key, compute);
}

/**
 * An answer worth keeping only when it is asked for again in another variant — one that serves many questions, like
 * an asOf profile (indicator-query.ts) that answers every asOf, and costs more than the one question that first needs
 * it: asked at a data version in one variant only (one asOf, however many times), it is only remembered (undefined:
 * the caller answers its question another way); once asked in a second variant, as `cachedRead` — but a failure gives
 * undefined too (written to stderr), not the error.
 */
export function cachedWhenAskedAgain<T>(
  em: EntityManager,
  key: string,
  variant: string,
  compute: () => Promise<T>,
): Promise<T | undefined> {
  return cacheOf(em).readWhenAskedAgain(em, key, variant, compute);
}

/** How requests were answered since start (or the last clear), over every cache of this process: benchmark, logs. */
export function readCacheCounters(): Readonly<typeof counters> {
  return { ...counters };
}

/** Tests and benchmarks: start from an empty cache. */
export function clearReadCache(): void {
  for (const ref of live) {
    const cache = ref.deref();
    if (cache) cache.clear();
    else live.delete(ref);
  }
  for (const k of Object.keys(counters) as (keyof typeof counters)[]) counters[k] = 0;
}

/**
 * Fresh rankings cached per request. A month's live ranking is a pure function of the case store, the ranking
 * configuration, M−1's snapshot and asOf, so every chief opening the same ranking need not re-run the aggregation
 * over the whole province. The key holds what changes the answer:
 *  - the load ledger's state (the newest load id): every write to the case store goes through a ledgered load;
 *    while any load is RUNNING nothing is cached (its batches change the data under us);
 *  - the newest ranking snapshot id (publishing M−1 changes M's previousRank);
 *  - the configuration version is part of the computed ranking's own key (it is read before computing).
 * The metadata DB is shared by every api replica and CLI, so the key is right across processes too.
 */

import { LoadLedgerEntry, RankingSnapshot } from '@c12315/store';
import type { EntityManager } from '@mikro-orm/core';
import type { Ranking } from './ranking.type';

const MAX_ENTRIES = 256;
const cache = new Map<string, Ranking>();

/** The data version, or null when a load is running (then nothing may be cached). */
export async function rankingDataVersion(em: EntityManager): Promise<string | null> {
  const fork = em.fork();
  if ((await fork.count(LoadLedgerEntry, { status: 'RUNNING' })) > 0) return null;
  const [load] = await fork.find(LoadLedgerEntry, {}, { orderBy: { id: 'desc' }, limit: 1, fields: ['id'] });
  const [snapshot] = await fork.find(RankingSnapshot, {}, { orderBy: { id: 'desc' }, limit: 1, fields: ['id'] });
  return `${load?.id ?? 0}:${snapshot?.id ?? 0}`;
}

export async function cachedRanking(em: EntityManager, key: string, compute: () => Promise<Ranking>): Promise<Ranking> {
  const version = await rankingDataVersion(em);
  if (version === null) return compute();
  const full = `${version}|${key}`;
  const hit = cache.get(full);
  if (hit) {
    cache.delete(full); // most recently used last
    cache.set(full, hit);
    return structuredClone(hit);
  }
  const ranking = await compute();
  cache.set(full, structuredClone(ranking));
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return ranking;
}

/** Tests: start from an empty cache. */
export function clearRankingCache(): void {
  cache.clear();
}

/**
 * The rankings bureau chiefs open first — the dashboard's defaults: the last full month as of today, the province's
 * city ranking (province users) and each city's county ranking (city and county users) — computed into the read
 * cache when the server starts and after every load handed to it, so the first chief to open them after new data
 * arrives does not wait for the aggregation (seconds on a large province). A published month is a snapshot read.
 */
import { RegionLevel, Role } from '../common/graphql-types';
import { storeGate } from '../common/load-gate';
import type { AppContext } from '../context';
import { previousMonth, todayInShanghai } from '../indicators/period';
import { rankingRequest } from './ranking.resolver';
import { readRanking } from './ranking.service';

export interface WarmedRanking {
  level: RegionLevel;
  parentCode: string;
  month: string;
  ms: number;
  /** Why this one could not be computed (the others still are). */
  error?: string;
}

/** Every province and city holding cases, one ranking after another (a request arriving meanwhile joins it). */
export async function warmRankings(ctx: Pick<AppContext, 'ch' | 'em'>, today = todayInShanghai()): Promise<WarmedRanking[]> {
  const result = await ctx.ch.query({
    query: 'SELECT DISTINCT province_code, city_code FROM cases ORDER BY province_code, city_code',
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ province_code: string; city_code: string }>();
  const targets: { level: RegionLevel; parentCode: string }[] = [];
  for (const province of [...new Set(rows.map((r) => r.province_code).filter(Boolean))]) {
    targets.push({ level: RegionLevel.CITY, parentCode: province });
    for (const r of rows) {
      if (r.province_code === province && r.city_code) targets.push({ level: RegionLevel.COUNTY, parentCode: r.city_code });
    }
  }
  const month = previousMonth(today.slice(0, 7));
  const warmed: WarmedRanking[] = [];
  for (const { level, parentCode } of targets) {
    const t0 = performance.now();
    const entry: WarmedRanking = { level, parentCode, month, ms: 0 };
    try {
      // The resolver's own normalisation, as a province administrator of that province would ask.
      const system = { id: 0, username: 'warm-up', role: Role.PROVINCE_ADMIN, regionCode: `${parentCode.slice(0, 2)}0000` };
      // One shared section per ranking (common/load-gate.ts): a load waits for one ranking, not for the whole warm-up.
      await storeGate.read(() => readRanking(ctx, rankingRequest(system, month, level, parentCode, today), false));
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
    }
    entry.ms = Math.round(performance.now() - t0);
    warmed.push(entry);
  }
  return warmed;
}

const running = new Set<Promise<void>>();

/** Runs the warm-up in the background; a failure is logged, never thrown (it only costs the first reader time). */
export function warmRankingsInBackground(ctx: Pick<AppContext, 'ch' | 'em'>, why: string): Promise<void> {
  const warming = warmRankings(ctx).then(
    (warmed) => {
      const failed = warmed.filter((w) => w.error);
      const ms = warmed.reduce((sum, w) => sum + w.ms, 0);
      if (warmed.length > 0) {
        process.stdout.write(
          `ranking cache warmed (${why}): ${warmed[0]?.month}, ${warmed.length - failed.length} rankings of ` +
            `${[...new Set(warmed.map((w) => w.parentCode.slice(0, 2)))].map((p) => `${p}0000`).join(' ')} in ${ms} ms\n`,
        );
      }
      for (const w of failed) process.stderr.write(`ranking warm-up: ${w.level} ${w.parentCode}: ${w.error}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`ranking cache warm-up failed (${why}): ${error instanceof Error ? error.message : String(error)}\n`);
    },
  );
  running.add(warming);
  void warming.finally(() => running.delete(warming));
  return warming;
}

/** Resolves when no warm-up runs (a stopping server waits for it before closing the stores). */
export async function warmupsSettled(): Promise<void> {
  while (running.size > 0) await Promise.all(running);
}

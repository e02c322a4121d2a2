/**
 * The row stream: rows in registration order, day by day (seasonal counts, day-plan.ts), each a snapshot of a
 * simulated case at the export moment (the morning after the range ends), optionally with the same case's later
 * version a few days on. Memory stays constant: only one day's registration times are held at once.
 */
import { buildCaseFacts } from './case-facts';
import { changesBetween, printSnapshot } from './case-snapshot';
import type { ExportRow } from './columns';
import { allocateRowsToDays, registrationTimes } from './day-plan';
import { type DefectSeverity, makeDirty } from './dirty-rows';
import { type RowOptions, validateRowOptions } from './generate-options';
import { buildOperatorPool } from './operator-pool';
import { Rand } from './random';
import { buildUnitPlan } from './unit-plan';
import { DAY, isoOfDay, monthKeyOfDay, rangeDays } from './wall-clock';

export interface GeneratedCase {
  row: ExportRow;
  /** The same case in the later export, when it changed in between (never for dirty rows). */
  later: ExportRow | null;
  defect: { id: string; severity: DefectSeverity } | null;
}

/** Export moments: the main file at 06:00 the day after the range, the versions file 3½ days later. */
export function exportMoments(from: string, to: string): { main: number; later: number } {
  const { last } = rangeDays(from, to);
  return { main: (last + 1) * DAY + 6 * 3600, later: (last + 4) * DAY + 18 * 3600 };
}

function seedTag(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return String(h % 1000).padStart(3, '0');
}

/**
 * Spike injection (indicators.md §6): each spike operator gets 8–12 food cases in one month and at most one in each
 * of the three months before, so count ≥ 5 and count ≥ 3 × baseline hold by construction. Keyed by row index.
 */
function planSpikes(rand: Rand, dayCounts: number[], first: number, operators: number): Map<number, number> {
  const months: { key: string; start: number; end: number }[] = [];
  let index = 0;
  dayCounts.forEach((n, i) => {
    const key = monthKeyOfDay(first + i);
    const m = months[months.length - 1];
    if (m && m.key === key) m.end += n;
    else months.push({ key, start: index, end: index + n });
    index += n;
  });
  const spikes = new Map<number, number>();
  const place = (m: { start: number; end: number }, count: number, op: number) => {
    for (let tries = 0, placed = 0; placed < count && tries < count * 20 && m.end > m.start; tries++) {
      const i = rand.int(m.start, m.end - 1);
      if (!spikes.has(i)) {
        spikes.set(i, op);
        placed++;
      }
    }
  };
  for (let op = 0; op < operators; op++) {
    const mi = months.length >= 4 ? rand.int(3, months.length - 1) : months.length - 1;
    const month = months[mi];
    if (!month) continue;
    place(month, rand.int(8, 12), op);
    for (let k = Math.max(0, mi - 3); k < mi; k++) if (rand.chance(0.5)) place(months[k] as (typeof months)[number], 1, op);
  }
  return spikes;
}

export function* generateCases(opts: RowOptions): Generator<GeneratedCase> {
  validateRowOptions(opts);
  const dirtyShare = opts.dirtyShare ?? 0.01;
  const planRand = new Rand(`${opts.seed}:plan`);
  const rand = new Rand(`${opts.seed}:rows`);
  const dirtyRand = new Rand(`${opts.seed}:dirty`);
  const plan = buildUnitPlan(planRand, opts.provinceCode);
  const pool = buildOperatorPool(planRand, plan, opts.rows, planRand.int(10_000_000, 60_000_000));
  const { first, last } = rangeDays(opts.from, opts.to);
  const moments = exportMoments(opts.from, opts.to);
  const dayCounts = allocateRowsToDays(opts.rows, first, last);
  const spikes = planSpikes(planRand, dayCounts, first, pool.spikeOperators.length);
  const idPrefix = `${opts.provinceCode.slice(0, 2)}${seedTag(opts.seed)}`;
  const ctx = { rand, plan, pool };

  let index = 0;
  for (let d = first; d <= last; d++) {
    const n = dayCounts[d - first] ?? 0;
    if (n === 0) continue;
    const ymd = isoOfDay(d).replace(/-/g, '');
    const times = registrationTimes(rand, d, n);
    for (let k = 0; k < n; k++) {
      const spike = spikes.get(index);
      const caseId = `${idPrefix}${ymd}${String(k + 1).padStart(6, '0')}`;
      const facts = buildCaseFacts(ctx, caseId, times[k] as number, spike ?? null);
      const row = printSnapshot(facts, moments.main);
      // Spike rows stay clean: the hotspot they are there to produce must survive validation.
      const defect = spike === undefined && dirtyRand.next() < dirtyShare ? makeDirty(row, dirtyRand) : null;
      const later =
        defect === null && changesBetween(facts, moments.main, moments.later) ? printSnapshot(facts, moments.later) : null;
      yield { row, later, defect };
      index++;
    }
  }
}

/** Rows keyed by the contract's Chinese headers, values as the export prints them. */
export function* generateCaseRows(opts: RowOptions): Generator<Record<string, string>> {
  for (const c of generateCases(opts)) yield c.row;
}

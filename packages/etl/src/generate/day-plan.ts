/**
 * Seasonality of registrations (domain-research.md §6; issue "Data in" §4): a 3·15 peak in March, the Spring
 * Festival dip with busy weeks around it, the 双11 after-sales peak in November, quieter weekends. Rows are spread
 * over the days of the range by cumulative rounding, so every run puts exactly `rows` rows in the range.
 */

import type { Rand } from './random';
import { DAY, dayOfIso, isoOfDay, SPRING_FESTIVAL, weekdayOf } from './wall-clock';

const MONTH_WEIGHT = [1.0, 0.9, 1.25, 1.0, 1.05, 1.1, 1.05, 1.05, 0.95, 0.92, 1.2, 1.05];

export function dayWeight(day: number): number {
  const iso = isoOfDay(day);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  const dom = Number(iso.slice(8, 10));
  let w = MONTH_WEIGHT[month - 1] as number;
  const wd = weekdayOf(day);
  if (wd === 0 || wd === 6) w *= 0.65;
  if (month === 3 && dom >= 13 && dom <= 16) w *= 1.8;
  else if (month === 3 && dom >= 10 && dom <= 20) w *= 1.3;
  if (month === 11 && dom >= 11 && dom <= 25) w *= 1.3;
  for (const y of [year, year + 1]) {
    const sf = SPRING_FESTIVAL[y];
    if (!sf) continue;
    const off = day - dayOfIso(sf);
    if (off >= -1 && off <= 6) w *= 0.4;
    else if (off >= -21 && off <= -2) w *= 1.15;
    else if (off >= 7 && off <= 21) w *= 1.2;
  }
  return w;
}

/** Number of rows registered on each day of [first, last]. */
export function allocateRowsToDays(rows: number, first: number, last: number): number[] {
  const weights: number[] = [];
  let total = 0;
  for (let d = first; d <= last; d++) {
    const w = dayWeight(d);
    weights.push(w);
    total += w;
  }
  const counts: number[] = [];
  let cum = 0;
  let prevRounded = 0;
  for (const w of weights) {
    cum += w;
    const rounded = Math.round((rows * cum) / total);
    counts.push(rounded - prevRounded);
    prevRounded = rounded;
  }
  return counts;
}

/** Relative call volume by hour of day: the hotline works 8:30–20:00, the internet channels around the clock. */
const HOUR_WEIGHT = [
  0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.15, 0.7, 1.2, 1.3, 1.1, 0.6, 0.8, 1.2, 1.2, 1.1, 0.8, 0.35, 0.25, 0.18, 0.12, 0.08,
  0.05,
];
const HOUR_CUM = HOUR_WEIGHT.reduce<number[]>((acc, w) => {
  acc.push((acc[acc.length - 1] ?? 0) + w);
  return acc;
}, []);

/** `n` sorted registration timestamps within a day. */
export function registrationTimes(rand: Rand, day: number, n: number): number[] {
  const total = HOUR_CUM[HOUR_CUM.length - 1] as number;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rand.next() * total;
    let h = 0;
    while ((HOUR_CUM[h] as number) <= x) h++;
    out.push(day * DAY + h * 3600 + rand.int(0, 3599));
  }
  return out.sort((a, b) => a - b);
}

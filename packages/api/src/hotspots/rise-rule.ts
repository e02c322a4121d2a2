/**
 * The rise rule: when a group's count in month M is "well above its own baseline". indicators.md §6's spike (count ≥
 * 5 and count ≥ 3 × the mean of M−3..M−1) is the rule with SPIKE_RULE's parameters; the 消费预警 (warnings/) run it
 * with the configured ones and, optionally, a seasonal baseline. Every comparison is made on integers (the ratio in
 * tenths), never on a rounded baseline.
 *
 * Baselines of a group:
 *  - trailing: T = the sum over the k months M−k..M−1; the baseline is T ÷ k;
 *  - seasonal (rule.seasonal): L = the count of M−12 (the same month last year) and LT = the sum over M−12−k..M−13 (its
 *    own trailing months). The seasonal baseline is L grown by the year's growth of the trailing months: L × T ÷ LT
 *    when T > LT > 0, else L (never scaled below last year's count). A month that rose the same way last year has a
 *    seasonal baseline near this year's count, so it is not flagged.
 * The baseline is the larger of the two; a group rises when count ≥ minCount and count ≥ ratio × baseline.
 */

export interface RiseRule {
  minCount: number;
  /** The ratio in tenths: 30 = 3.0. */
  ratioTenths: number;
  /** k: the trailing months. */
  baselineMonths: number;
  seasonal: boolean;
}

/** indicators.md §6: count ≥ 5 and count ≥ 3 × mean(M−3..M−1), no seasonal baseline. */
export const SPIKE_RULE: Readonly<RiseRule> = { minCount: 5, ratioTenths: 30, baselineMonths: 3, seasonal: false };

export interface RiseCounts {
  count: number;
  /** T: the sum over M−k..M−1. */
  trailingSum: number;
  /** L: the count of M−12 (seasonal rules). */
  lastYear?: number;
  /** LT: the sum over M−12−k..M−13 (seasonal rules). */
  lastYearTrailingSum?: number;
}

export interface RiseVerdict {
  /** T ÷ k. */
  trailingBaseline: number;
  /** The seasonal baseline (null when the rule has none). */
  seasonalBaseline: number | null;
  /** The larger of the two: what the threshold multiplies. */
  baseline: number;
  /** ratio × baseline (and never below minCount): the count the month had to reach. */
  threshold: number;
  /** count ÷ baseline; null when the baseline is 0. */
  ratio: number | null;
  /** Above the trailing threshold (and minCount). */
  aboveTrailing: boolean;
  /** Flagged: above every threshold. */
  rises: boolean;
  /** Above the trailing threshold, but the seasonal baseline explains it: not flagged. */
  seasonal: boolean;
}

export function evaluateRise(c: RiseCounts, rule: RiseRule): RiseVerdict {
  const k = rule.baselineMonths;
  const r = rule.ratioTenths;
  const T = c.trailingSum;
  const aboveMin = c.count >= rule.minCount;
  // count ≥ (r / 10) × (T / k)  ⇔  10 k count ≥ r T
  const aboveTrailing = aboveMin && 10 * k * c.count >= r * T;
  const trailingBaseline = T / k;
  let seasonalBaseline: number | null = null;
  let aboveSeasonal = true;
  if (rule.seasonal) {
    const L = c.lastYear ?? 0;
    const LT = c.lastYearTrailingSum ?? 0;
    if (LT > 0 && T > LT) {
      seasonalBaseline = (L * T) / LT;
      // count ≥ (r / 10) × L T / LT  ⇔  10 LT count ≥ r L T
      aboveSeasonal = 10 * LT * c.count >= r * L * T;
    } else {
      seasonalBaseline = L;
      aboveSeasonal = 10 * c.count >= r * L;
    }
  }
  const baseline = Math.max(trailingBaseline, seasonalBaseline ?? 0);
  return {
    trailingBaseline,
    seasonalBaseline,
    baseline,
    threshold: Math.max(rule.minCount, (r / 10) * baseline),
    ratio: baseline > 0 ? c.count / baseline : null,
    aboveTrailing,
    rises: aboveTrailing && aboveSeasonal,
    seasonal: aboveTrailing && !aboveSeasonal,
  };
}

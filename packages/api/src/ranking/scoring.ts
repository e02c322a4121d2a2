/**
 * The monthly ranking's arithmetic (indicators.md §5), pure: points, score, shared ranks, red/black lists and the
 * explanation of rank movement. No I/O; ranking.service.ts feeds it the indicator values.
 */
import type { IndicatorNumbers } from '../indicators/indicator-query';

export interface ScoringParams {
  id: string;
  weight: number;
  floor: number;
  target: number;
}

export interface ScoredValue extends IndicatorNumbers {
  points: number | null;
}

/** points_i = weight_i × clamp((value_i − floor_i) / (target_i − floor_i), 0, 1). */
export function pointsOf(value: number, p: ScoringParams): number {
  const ratio = (value - p.floor) / (p.target - p.floor);
  return p.weight * Math.min(1, Math.max(0, ratio));
}

/**
 * Points per scored indicator and the score: 100 × Σ points ÷ Σ weight over the non-null indicators (a null
 * indicator's weight is shared over the others in proportion to theirs); null when none is non-null.
 */
export function scoreValues(
  values: readonly IndicatorNumbers[],
  params: readonly ScoringParams[],
): { values: ScoredValue[]; score: number | null } {
  const byId = new Map(params.map((p) => [p.id, p]));
  let points = 0;
  let weights = 0;
  const scored = values.map((v): ScoredValue => {
    const p = byId.get(v.indicatorId);
    if (!p || v.value === null) return { ...v, points: null };
    const pts = pointsOf(v.value, p);
    points += pts;
    weights += p.weight;
    return { ...v, points: pts };
  });
  return { values: scored, score: weights > 0 ? (100 * points) / weights : null };
}

/**
 * Half-up to 2 decimals, as scores are compared (§5). The tiny nudge absorbs binary representation error
 * (87.125 stored as 87.12499999… still rounds up); scores lie in [0, 100].
 */
export function roundHalfUp2(x: number): number {
  return Math.floor(x * 100 + 0.5 + 1e-9) / 100;
}

export interface Rankable {
  regionCode: string;
  /** Already rounded half-up to 2 decimals, or null (no score). */
  score: number | null;
}

/**
 * Rank by score descending; equal scores share a rank and the next rank skips (1, 1, 3); inside a shared rank by
 * region code. Units without a score come last, by region code, with rank null.
 */
export function rankRows<T extends Rankable>(rows: readonly T[]): (T & { rank: number | null })[] {
  const scored = rows.filter((r) => r.score !== null);
  const unscored = rows.filter((r) => r.score === null);
  scored.sort((a, b) => (b.score as number) - (a.score as number) || a.regionCode.localeCompare(b.regionCode));
  unscored.sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  const ranked = scored.map((row) => {
    const first = scored.findIndex((r) => r.score === row.score);
    return { ...row, rank: first + 1 };
  });
  return [...ranked, ...unscored.map((row) => ({ ...row, rank: null }))];
}

export interface RankingCutList {
  regionCodes: string[];
  /** A unit just outside the list has the same (rounded) score as the last one inside it. */
  tieAtCut: boolean;
}

export const LIST_SIZE = 3;

/** Red list = the first 3 scored units in rank order, black list = the last 3 (§5); a tie across the cut is flagged. */
export function cutLists(ranked: readonly Rankable[]): { red: RankingCutList; black: RankingCutList } {
  const scored = ranked.filter((r) => r.score !== null);
  const n = scored.length;
  const redEnd = Math.min(LIST_SIZE, n);
  const blackStart = Math.max(0, n - LIST_SIZE);
  return {
    red: {
      regionCodes: scored.slice(0, redEnd).map((r) => r.regionCode),
      tieAtCut: redEnd < n && scored[redEnd - 1]?.score === scored[redEnd]?.score,
    },
    black: {
      regionCodes: scored.slice(blackStart).map((r) => r.regionCode),
      tieAtCut: blackStart > 0 && scored[blackStart - 1]?.score === scored[blackStart]?.score,
    },
  };
}

export interface PointsMovement {
  indicatorId: string;
  points: number;
  previousPoints: number;
  pointsDelta: number;
}

export const MOVEMENT_SIZE = 3;

/**
 * Rank movement explained (§5): the indicators whose points changed most against the month before, by |Δ| then
 * catalogue order. Only indicators with points in both months are compared (a null one carries no points to move).
 */
export function explainMovement(current: readonly ScoredValue[], previous: readonly ScoredValue[] | undefined): PointsMovement[] {
  if (!previous) return [];
  const before = new Map(previous.map((v) => [v.indicatorId, v.points]));
  const moves: PointsMovement[] = [];
  for (const v of current) {
    const prev = before.get(v.indicatorId);
    if (v.points === null || prev === null || prev === undefined) continue;
    const delta = v.points - prev;
    if (Math.abs(delta) < 1e-9) continue;
    moves.push({ indicatorId: v.indicatorId, points: v.points, previousPoints: prev, pointsDelta: delta });
  }
  // Stable sort keeps catalogue order among equal deltas.
  return moves.sort((a, b) => Math.abs(b.pointsDelta) - Math.abs(a.pointsDelta)).slice(0, MOVEMENT_SIZE);
}

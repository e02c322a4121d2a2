import { cutLists, explainMovement, pointsOf, rankRows, roundHalfUp2, scoreValues } from './scoring';

const p = (id: string, weight: number, floor: number, target: number) => ({ id, weight, floor, target });
const val = (indicatorId: string, value: number | null) => ({ indicatorId, value, numerator: 0, denominator: 0 });

describe('scoring (indicators.md §5)', () => {
  it('points clamp to [0, weight] between floor and target', () => {
    expect(pointsOf(90, p('x', 20, 80, 100))).toBe(10); // 20 × 10/20
    expect(pointsOf(70, p('x', 20, 80, 100))).toBe(0);
    expect(pointsOf(5, p('x', 5, 0, 3))).toBe(5);
  });

  it('a null indicator is left out and its weight shared: 100 × Σp ÷ Σw over the non-null ones', () => {
    // a: 10 of 20; b: null (weight 80 left out) → 100 × 10 / 20 = 50
    const s = scoreValues([val('a', 90), val('b', null)], [p('a', 20, 80, 100), p('b', 80, 0, 100)]);
    expect(s.score).toBe(50);
    expect(s.values.map((v) => v.points)).toEqual([10, null]);
    expect(scoreValues([val('a', null)], [p('a', 20, 80, 100)]).score).toBeNull();
  });

  it('rounds half-up to 2 decimals, binary error included', () => {
    expect(roundHalfUp2(87.125)).toBe(87.13);
    expect(roundHalfUp2(1.005)).toBe(1.01);
    expect(roundHalfUp2(57.894736842)).toBe(57.89);
  });

  it('shared ranks skip (1, 1, 3), ties listed by code, unscored last', () => {
    const ranked = rankRows([
      { regionCode: 'c', score: 70 },
      { regionCode: 'z', score: null },
      { regionCode: 'b', score: 80 },
      { regionCode: 'a', score: 80 },
      { regionCode: 'y', score: null },
    ]);
    expect(ranked.map((r) => [r.regionCode, r.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 3],
      ['y', null],
      ['z', null],
    ]);
  });

  it('red/black lists of 3 flag a tie across the cut', () => {
    const rows = [90, 80, 70, 70, 60, 50, 50].map((score, i) => ({ regionCode: `r${i}`, score }));
    const { red, black } = cutLists([...rows, { regionCode: 'n', score: null }]);
    expect(red).toEqual({ regionCodes: ['r0', 'r1', 'r2'], tieAtCut: true }); // r3 ties r2 at 70
    expect(black).toEqual({ regionCodes: ['r4', 'r5', 'r6'], tieAtCut: false }); // r3 70 ≠ r4 60
    const clean = cutLists(rows.slice(0, 6).map((r, i) => ({ ...r, score: 100 - i })));
    expect(clean.red.tieAtCut || clean.black.tieAtCut).toBe(false);
  });

  it('movement: up to 3 indicators by |Δpoints|, both months scored', () => {
    const cur = [
      { ...val('a', 0), points: 0 },
      { ...val('b', 0), points: 5 },
      { ...val('c', 0), points: 10 },
      { ...val('d', 0), points: 1 },
      { ...val('e', 0), points: 3 },
    ];
    const prev = [
      { ...val('a', 0), points: 15 },
      { ...val('b', 0), points: 5 },
      { ...val('c', 0), points: 2 },
      { ...val('d', 0), points: null },
      { ...val('e', 0), points: 1 },
    ];
    expect(explainMovement(cur, prev).map((m) => [m.indicatorId, m.pointsDelta])).toEqual([
      ['a', -15],
      ['c', 8],
      ['e', 2],
    ]);
    expect(explainMovement(cur, undefined)).toEqual([]);
  });
});

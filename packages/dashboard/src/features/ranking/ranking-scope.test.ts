import { rankingScope, rankingVariables } from './ranking-scope';

const NOW = new Date('2026-11-26T10:00:00Z'); // Shanghai 2026-11-26 → last complete month 2026-10
const q = (s: string) => new URLSearchParams(s);

describe('rankingScope / rankingVariables (the variables the page and the start-up prefetch share)', () => {
  test('a province user on a full URL: the city ranking of its province for that month', () => {
    const scope = rankingScope(q('month=2026-04&level=CITY&parent=140000'), '140000', NOW);
    expect(scope).toEqual({ month: '2026-04', monthChosen: true, level: 'CITY', parent: '140000', province: '140000' });
    expect(rankingVariables(scope)).toEqual({ month: '2026-04', level: 'CITY', parentCode: '140000' });
  });

  test('no parameters: last complete month; a province user gets cities, a city chief the counties of its city', () => {
    expect(rankingVariables(rankingScope(q(''), '140000', NOW))).toEqual({
      month: '2026-10',
      level: 'CITY',
      parentCode: '140000',
    });
    expect(rankingVariables(rankingScope(q(''), '140100', NOW))).toEqual({
      month: '2026-10',
      level: 'COUNTY',
      parentCode: '140100',
    });
  });

  test('a CITY ranking always lies under the user’s province, whatever parent the URL names', () => {
    expect(rankingScope(q('level=CITY&parent=440000'), '140000', NOW).parent).toBe('140000');
  });

  test('a province user at COUNTY level without a city: unknown until the cities arrive (nothing prefetched)', () => {
    const scope = rankingScope(q('level=COUNTY'), '140000', NOW);
    expect(scope.parent).toBe('');
    expect(rankingVariables(scope)).toBeNull();
    expect(rankingVariables(rankingScope(q('level=COUNTY&parent=140200'), '140000', NOW))).toEqual({
      month: '2026-10',
      level: 'COUNTY',
      parentCode: '140200',
    });
  });

  test('an invalid month falls back to the last complete month', () => {
    expect(rankingScope(q('month=2026-13'), '140000', NOW)).toMatchObject({ month: '2026-10', monthChosen: false });
  });

  test('only a month the URL names counts as chosen (the page may move an unchosen one to a month with data)', () => {
    expect(rankingScope(q(''), '140000', NOW).monthChosen).toBe(false);
    expect(rankingScope(q('month=2026-10'), '140000', NOW).monthChosen).toBe(true);
  });
});

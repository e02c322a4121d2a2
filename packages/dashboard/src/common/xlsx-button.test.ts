import { exportPath } from './xlsx-button';

describe('exportPath (the query string of an .xlsx download)', () => {
  test('lists comma-separated, empty and null values left out, text encoded', () => {
    expect(
      exportPath('metrics.xlsx', {
        indicatorIds: ['received', 'completion_rate'],
        groupBy: 'CITY',
        from: '2026-01-01',
        to: '2026-01-31',
        regionCode: '140000',
        kinds: undefined,
        channels: [],
        objectCategories: ['商品-食品'],
        foodRelated: null,
      }),
    ).toBe(
      '/export/metrics.xlsx?indicatorIds=received%2Ccompletion_rate&groupBy=CITY&from=2026-01-01&to=2026-01-31&regionCode=140000&objectCategories=%E5%95%86%E5%93%81-%E9%A3%9F%E5%93%81',
    );
    expect(exportPath('ranking.xlsx', { month: '2026-01', parentCode: null })).toBe('/export/ranking.xlsx?month=2026-01');
    expect(exportPath('overdue.xlsx', {})).toBe('/export/overdue.xlsx');
  });
});

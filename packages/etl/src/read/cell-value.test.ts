import { normaliseCell } from './cell-value';

describe('normaliseCell (exceljs cell values → primitives)', () => {
  it('keeps primitives and Dates', () => {
    const d = new Date(Date.UTC(2024, 2, 5, 14, 3));
    expect([normaliseCell('a'), normaliseCell(1.5), normaliseCell(true), normaliseCell(d)]).toEqual(['a', 1.5, true, d]);
    expect([normaliseCell(null), normaliseCell(undefined)]).toEqual([null, null]);
  });
  it('joins rich text, takes formula results, hyperlink text, error text', () => {
    expect(normaliseCell({ richText: [{ text: '杭州' }, { text: '西湖' }] })).toBe('杭州西湖');
    expect(normaliseCell({ formula: 'A1+1', result: 42 })).toBe(42);
    expect(normaliseCell({ sharedFormula: 'A1', result: { richText: [{ text: 'x' }] } })).toBe('x');
    expect(normaliseCell({ formula: 'A1' })).toBeNull(); // no cached result
    expect(normaliseCell({ text: '链接', hyperlink: 'https://example.cn' })).toBe('链接');
    expect(normaliseCell({ error: '#N/A' })).toBe('#N/A');
  });
});

import {
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  industryDivisionName,
  industrySectionName,
  parseIndustryCode,
} from './industries';

describe('GB/T 4754-2017 tables', () => {
  it('has sections A–T and divisions 01–97 in order', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRY_DIVISIONS).toHaveLength(97);
    expect(INDUSTRY_DIVISIONS.map((d) => d.code)).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('puts the section boundaries where the standard does', () => {
    const sectionOf = (code: string) => INDUSTRY_DIVISIONS.find((d) => d.code === code)?.section;
    const boundaries: Array<[string, string]> = [
      ['05', 'A'],
      ['06', 'B'],
      ['12', 'B'],
      ['13', 'C'],
      ['43', 'C'],
      ['44', 'D'],
      ['47', 'E'],
      ['51', 'F'],
      ['53', 'G'],
      ['60', 'G'],
      ['61', 'H'],
      ['62', 'H'],
      ['63', 'I'],
      ['66', 'J'],
      ['70', 'K'],
      ['71', 'L'],
      ['73', 'M'],
      ['76', 'N'],
      ['80', 'O'],
      ['83', 'P'],
      ['84', 'Q'],
      ['86', 'R'],
      ['91', 'S'],
      ['96', 'S'],
      ['97', 'T'],
    ];
    for (const [code, section] of boundaries) expect([code, sectionOf(code)]).toEqual([code, section]);
  });

  it('names divisions and sections', () => {
    expect(industryDivisionName('62')).toBe('餐饮业');
    expect(industryDivisionName('14')).toBe('食品制造业');
    expect(industryDivisionName('15')).toBe('酒、饮料和精制茶制造业');
    expect(industryDivisionName('52')).toBe('零售业');
    expect(industryDivisionName('98')).toBeUndefined();
    expect(industrySectionName('H')).toBe('住宿和餐饮业');
    expect(industrySectionName('U')).toBeUndefined();
  });
});

describe('parseIndustryCode', () => {
  it.each([
    ['H', { code: 'H', section: 'H', division: null }],
    ['62', { code: '62', section: 'H', division: '62' }],
    ['H62', { code: 'H62', section: 'H', division: '62' }],
    ['621', { code: '621', section: 'H', division: '62' }],
    ['6210', { code: '6210', section: 'H', division: '62' }],
    ['H6210', { code: 'H6210', section: 'H', division: '62' }],
    ['h6210', { code: 'H6210', section: 'H', division: '62' }],
    [' C14 ', { code: 'C14', section: 'C', division: '14' }],
    ['01', { code: '01', section: 'A', division: '01' }],
    ['T97', { code: 'T97', section: 'T', division: '97' }],
  ])('%j → %j', (raw, expected) => {
    expect(parseIndustryCode(raw)).toEqual(expected);
  });

  it.each([
    '',
    ' ',
    'U', // no section U
    'Z62',
    'C62', // 62 is in H
    '00',
    '98',
    '99',
    '6',
    '62101',
    'HH62',
    '62H',
    'H-62',
    '６２',
  ])('%j → null', (raw) => {
    expect(parseIndustryCode(raw)).toBeNull();
  });
});

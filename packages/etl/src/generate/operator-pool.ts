/**
 * Fake market operators (被诉主体): companies with valid USCCs, chains whose branches share a name pattern and a
 * USCC prefix, 个体工商户 mostly without a code, a heavy-tailed complaint weight (repeat offenders), and a few
 * food operators reserved for injected spikes (indicators.md §6: count ≥ 5 and ≥ 3 × the 3 months before).
 */
import { BRAND_SYLLABLES, INDUSTRIES, type IndustryProfile } from './industry-profiles';
import { type Rand, WeightedTable } from './random';
import type { AreaPlan, CountyPlan, UnitPlan } from './unit-plan';
import { makeUscc } from './uscc';

export interface Operator {
  name: string;
  uscc: string | null;
  entityType: string;
  industry: IndustryProfile;
  /** As printed in 行业分类: the contract accepts `62`, `H62`, `6210`, `H6210`, `H`. */
  industryCode: string;
  regionCode: string;
  county: CountyPlan;
}

export interface OperatorPool {
  /** One table per area, in `UnitPlan.areaList` order. */
  byArea: WeightedTable<Operator>[];
  spikeOperators: { operator: Operator; areaIndex: number }[];
}

const INDUSTRY_TABLE = new WeightedTable(
  INDUSTRIES,
  INDUSTRIES.map((i) => i.weight),
);
/** Online sellers elsewhere in China (real county codes of e-commerce hubs). */
const REMOTE_REGIONS = ['330110', '310115', '110108', '440305', '330106', '320506'];
const CHAIN_INDUSTRIES = ['52', '62', '80', '83', '63', '81'];

function shortPlace(name: string): string {
  return name.length > 2 ? name.replace(/(市|区|县|自治县|旗)$/, '') : name;
}

function industryCodeOf(rand: Rand, ind: IndustryProfile): string {
  const cls = rand.pick(ind.classes);
  const r = rand.next();
  if (r < 0.45) return cls;
  if (r < 0.75) return ind.division;
  if (r < 0.88) return `${ind.section}${ind.division}`;
  if (r < 0.98) return `${ind.section}${cls}`;
  return ind.section;
}

export function buildOperatorPool(rand: Rand, plan: UnitPlan, rows: number, serialBase: number): OperatorPool {
  let serial = serialBase;
  const brand = () => `${rand.pick(BRAND_SYLLABLES)}${rand.pick(BRAND_SYLLABLES)}`;

  const makeOperator = (area: AreaPlan, ind: IndustryProfile, soleTrader: boolean): Operator => {
    const county = area.counties.pick(rand);
    const place = rand.chance(0.5) ? shortPlace(area.name) : shortPlace(county.name);
    const pattern = soleTrader && ind.shopNames.length > 0 ? rand.pick(ind.shopNames) : rand.pick(ind.companyNames);
    const name = pattern.replace('{p}', place).replace('{b}', brand());
    const remote = ind.onlineShare > 0.8 && rand.chance(0.3);
    const regionCode = remote ? rand.pick(REMOTE_REGIONS) : county.code;
    let uscc: string | null = null;
    let entityType = '个体工商户';
    if (!soleTrader) {
      uscc = makeUscc('91', regionCode, serial++);
      const r = rand.next();
      entityType = r < 0.93 ? '内资企业' : r < 0.97 ? '外商投资企业' : ind.division === '51' ? '农民专业合作社' : '其他';
    } else if (rand.chance(0.3)) {
      uscc = makeUscc('92', regionCode, serial++);
    }
    return { name, uscc, entityType, industry: ind, industryCode: industryCodeOf(rand, ind), regionCode, county };
  };

  const total = Math.min(30_000, Math.max(300, Math.round(rows / 10)));
  const lists: Operator[][] = plan.areaList.map(() => []);
  const weights: number[][] = plan.areaList.map(() => []);
  // Repeat offenders: Pareto(α = 1.2) weights, so a few operators collect many cases.
  const pareto = () => Math.min(200, (1 - rand.next()) ** (-1 / 1.2));

  plan.areaList.forEach((area, ai) => {
    const n = Math.max(10, Math.round(total * area.share));
    for (let i = 0; i < n; i++) {
      const ind = INDUSTRY_TABLE.pick(rand);
      (lists[ai] as Operator[]).push(makeOperator(area, ind, rand.chance(ind.soleTraderShare)));
      (weights[ai] as number[]).push(pareto());
    }
  });

  // Chains: one head office, branches all over the province named "<head office><county>分公司" whose USCCs share
  // the head office's region code and the first 5 digits of the organisation-code body.
  const chainCount = Math.min(12, Math.max(3, Math.round(total / 500)));
  for (let c = 0; c < chainCount; c++) {
    const division = rand.pick(CHAIN_INDUSTRIES);
    const ind = INDUSTRIES.find((i) => i.division === division) as IndustryProfile;
    const hqArea = plan.areaList.find((a) => a.isCapital) ?? (plan.areaList[0] as AreaPlan);
    const hqRegion = hqArea.counties.items[0]?.code ?? hqArea.code;
    const headName = (rand.pick(ind.companyNames) as string).replace('{p}', shortPlace(hqArea.name)).replace('{b}', brand());
    const chainSerial = serial + 1000 - ((serial + 1000) % 1000);
    serial = chainSerial + 1000;
    const branches = rand.int(5, 40);
    const industryCode = industryCodeOf(rand, ind);
    for (let b = 0; b < branches; b++) {
      const area = plan.areas.pick(rand);
      const ai = plan.areaList.indexOf(area);
      const county = area.counties.pick(rand);
      (lists[ai] as Operator[]).push({
        name: `${headName}${county.name}分公司`,
        uscc: makeUscc('91', hqRegion, chainSerial + b + 1),
        entityType: '内资企业',
        industry: ind,
        industryCode,
        regionCode: county.code,
        county,
      });
      (weights[ai] as number[]).push(2 + 3 * rand.next());
    }
  }

  // Spike operators: food businesses with almost no history, then a burst in one month (generate-cases injects it).
  const catering = INDUSTRIES.find((i) => i.division === '62') as IndustryProfile;
  const spikeOperators = [0, 1].map(() => {
    const area = plan.areas.pick(rand);
    const op = makeOperator(area, catering, false);
    return { operator: op, areaIndex: plan.areaList.indexOf(area) };
  });

  return {
    byArea: lists.map((l, i) => new WeightedTable(l, weights[i] as number[])),
    spikeOperators,
  };
}

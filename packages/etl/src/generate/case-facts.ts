/**
 * Everything about one generated case that does not depend on the moment of the export: who registered it, where it
 * is handled, against whom, what about, and its life (lifecycle.ts). Mixes follow domain-research.md §6.3: kinds
 * ≈ 45/15/40 % (+ ~1 % suggestions), channels ≈ 75 % hotline (incl. 12345转办) / 24 % internet and other / 1 % staff
 * entry.
 */
import type { CaseKind } from '@c12315/domain';
import { INDUSTRIES, type IndustryProfile, PLATFORMS } from './industry-profiles';
import { type Lifecycle, simulateLifecycle } from './lifecycle';
import type { Operator, OperatorPool } from './operator-pool';
import { fakePersonalData, fakeSummary, type PersonalColumns } from './personal-data';
import { type Rand, WeightedTable } from './random';
import type { AreaPlan, HandlingUnit, UnitPlan } from './unit-plan';

export const KIND_MIX = WeightedTable.of<CaseKind>([
  ['COMPLAINT', 45],
  ['REPORT', 14],
  ['CONSULTATION', 40],
  ['SUGGESTION', 1],
]);

export const CHANNEL_MIX = WeightedTable.of([
  ['12315热线', 70.7],
  ['12345转办', 4],
  ['全国12315平台', 14.5],
  ['微信', 5],
  ['APP', 2.5],
  ['支付宝', 1],
  ['电子邮件', 0.3],
  ['来信', 0.3],
  ['来访', 0.3],
  ['传真', 0.1],
  ['其他部门转办', 0.3],
  ['监管人员录入', 1],
] as const);

const INDUSTRY_TABLE = new WeightedTable(
  INDUSTRIES,
  INDUSTRIES.map((i) => i.weight),
);
const PLATFORM_TABLE = WeightedTable.of(PLATFORMS);
const FOOD_PROBLEMS = ['食品安全', '食品安全违法行为'];

export interface CaseFacts {
  caseId: string;
  kind: CaseKind;
  regTs: number;
  channel: string;
  unit: HandlingUnit;
  area: AreaPlan | null;
  operator: Operator | null;
  objectCategory: string;
  problemCategory: string;
  online: string;
  platform: string;
  amount: number | null;
  recovered: number | null;
  complaintToCase: string;
  disclosed: string;
  personal: PersonalColumns;
  summary: string;
  life: Lifecycle;
  /** Print style of this row: -1 the usual `YYYY-MM-DD HH:mm:ss`, else a formatTsVariant index. */
  dateVariant: number;
  amountVariant: number;
  /** Satisfaction printed as a 1–5 score rather than a label. */
  score: number | null;
}

const tables = new WeakMap<ReadonlyArray<readonly [string, number]>, WeightedTable<string>>();

function pickWeighted(rand: Rand, pairs: ReadonlyArray<readonly [string, number]>): string {
  let t = tables.get(pairs);
  if (!t) {
    t = WeightedTable.of(pairs);
    tables.set(pairs, t);
  }
  return t.pick(rand);
}

function categories(rand: Rand, kind: CaseKind, ind: IndustryProfile, spike: boolean): [string, string] {
  if (spike)
    return [
      rand.chance(0.5) ? '服务-餐饮和住宿服务-餐饮服务' : '商品-食品',
      kind === 'REPORT' ? (FOOD_PROBLEMS[1] as string) : (FOOD_PROBLEMS[0] as string),
    ];
  if (kind === 'COMPLAINT')
    return [rand.chance(0.97) ? pickWeighted(rand, ind.objects) : '', pickWeighted(rand, ind.complaintProblems)];
  if (kind === 'REPORT') return [rand.chance(0.7) ? pickWeighted(rand, ind.objects) : '', pickWeighted(rand, ind.reportProblems)];
  return [
    rand.chance(0.4) ? pickWeighted(rand, ind.objects) : '',
    rand.chance(0.5) ? pickWeighted(rand, rand.chance(0.8) ? ind.complaintProblems : ind.reportProblems) : '',
  ];
}

export interface FactsContext {
  rand: Rand;
  plan: UnitPlan;
  pool: OperatorPool;
}

export function buildCaseFacts(ctx: FactsContext, caseId: string, regTs: number, spikeIndex: number | null): CaseFacts {
  const { rand, plan, pool } = ctx;
  const spike = spikeIndex === null ? null : (pool.spikeOperators[spikeIndex] ?? null);
  const kind: CaseKind = spike ? (rand.chance(0.8) ? 'COMPLAINT' : 'REPORT') : KIND_MIX.pick(rand);
  const channel = CHANNEL_MIX.pick(rand);
  const withRespondent = kind === 'COMPLAINT' || kind === 'REPORT';

  let area: AreaPlan | null;
  let operator: Operator | null = null;
  let unit: HandlingUnit;
  const provinceLevel = !spike && rand.chance(kind === 'REPORT' ? 0.03 : 0.012);
  const areaIndex = spike ? spike.areaIndex : plan.areaList.indexOf(plan.areas.pick(rand));
  area = plan.areaList[areaIndex] as AreaPlan;
  if (withRespondent) operator = spike ? spike.operator : (pool.byArea[areaIndex]?.pick(rand) ?? null);
  if (provinceLevel) {
    unit = plan.provinceUnit;
    area = null;
  } else if (!withRespondent) {
    const county = area.counties.pick(rand);
    unit = area.ownBureau && rand.chance(0.8) ? area.unit : county.unit;
  } else {
    const county = operator?.county ?? area.counties.pick(rand);
    const r = rand.next();
    unit =
      r < 0.12 && area.ownBureau ? area.unit : r < 0.34 && county.stations.length > 0 ? rand.pick(county.stations) : county.unit;
  }

  const ind = operator?.industry ?? INDUSTRY_TABLE.pick(rand);
  const [objectCategory, problemCategory] = categories(rand, kind, ind, spike !== null);
  const dispatched = withRespondent ? channel !== '监管人员录入' && rand.chance(0.9) : rand.chance(0.08);
  const life = simulateLifecycle(rand, {
    kind,
    regTs,
    dispatched,
    weak: area?.weak ?? false,
    mediationSuccess: area?.mediationSuccess ?? 0.65,
  });

  const online = kind === 'COMPLAINT' ? (rand.chance(ind.onlineShare) ? '是' : rand.chance(0.9) ? '否' : '') : '';
  const amount =
    (kind === 'COMPLAINT' && rand.chance(0.9)) || (kind === 'REPORT' && rand.chance(0.4))
      ? Math.round(rand.logNormal(ind.medianAmount, 1.0) * 100) / 100
      : null;
  let recovered: number | null = null;
  if (kind === 'COMPLAINT' && life.acceptance === '受理') {
    if (life.outcome === '调解成功' || life.outcome === 'ODR先行和解') {
      recovered = amount === null ? 0 : Math.round(amount * (0.5 + 0.5 * rand.next()) * 100) / 100;
    } else if (life.outcome !== '移送') recovered = rand.chance(0.5) ? 0 : null;
  }
  const accepted = life.acceptance === '受理';
  const variantDraw = rand.next();
  const regionForId = operator?.regionCode ?? unit.code;
  return {
    caseId,
    kind,
    regTs,
    channel,
    unit,
    area,
    operator,
    objectCategory,
    problemCategory,
    online,
    platform: online === '是' ? PLATFORM_TABLE.pick(rand) : '',
    amount,
    recovered,
    // 诉转案 ~1–3 % of accepted complaints; empty counts as 否 (indicators.md §4).
    complaintToCase: accepted ? (rand.chance(0.02) ? '是' : rand.chance(0.9) ? '否' : '') : '',
    disclosed: accepted ? (rand.chance(area?.disclosure ?? 0.8) ? '是' : '否') : '',
    personal: fakePersonalData(rand, kind, life.realName ?? false, regionForId),
    summary: fakeSummary(rand, kind, objectCategory, problemCategory),
    life,
    dateVariant: variantDraw < 0.94 ? -1 : rand.int(0, 2),
    amountVariant: rand.int(0, 99),
    score: life.satisfaction && life.satisfaction !== '未回访' && rand.chance(0.4) ? scoreFor(rand, life.satisfaction) : null,
  };
}

function scoreFor(rand: Rand, label: string): number {
  if (label === '满意') return rand.chance(0.7) ? 5 : 4;
  if (label === '基本满意') return 3;
  return rand.chance(0.5) ? 2 : 1;
}

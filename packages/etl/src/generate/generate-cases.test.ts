import {
  CHANNELS,
  computeDueDates,
  isFoodRelated,
  isKnownHandlingUnitCode,
  isValidObjectCategory,
  isValidUscc,
  OUTCOMES_BY_KIND,
  operatorKey,
} from '@c12315/domain';
import { CONTRACT_HEADERS, PERSONAL_HEADERS } from './columns';
import { exportMoments, type GeneratedCase, generateCases } from './generate-cases';

const OPTS = { rows: 20_000, seed: 'mix-test', from: '2024-01', to: '2024-12', provinceCode: '140000' };
let cases: GeneratedCase[];
let clean: Record<string, string>[];

/** Any of the shapes the generator prints → `YYYY-MM-DD HH:mm:ss` (minutes-only shapes get :00). */
function norm(v: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(v);
  if (!m) throw new Error(`unparsed date ${v}`);
  const p = (s: string | undefined) => (s ?? '00').padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])} ${p(m[4])}:${p(m[5])}:${p(m[6])}`;
}

const share = (rows: Record<string, string>[], test: (r: Record<string, string>) => boolean) =>
  rows.filter(test).length / rows.length;

beforeAll(() => {
  cases = [...generateCases(OPTS)];
  clean = cases.filter((c) => c.defect === null).map((c) => c.row);
});

test('exactly the requested rows, every header present, case ids unique', () => {
  expect(cases).toHaveLength(20_000);
  for (const h of [...CONTRACT_HEADERS, ...PERSONAL_HEADERS]) expect(cases[0]?.row).toHaveProperty(h);
  expect(new Set(clean.map((r) => r.登记编号)).size).toBe(clean.length);
});

test('kind mix ≈ 45 % complaints / 15 % reports / 40 % consultations + a few suggestions', () => {
  expect(share(clean, (r) => r.业务类型 === '投诉')).toBeCloseTo(0.45, 1);
  expect(share(clean, (r) => r.业务类型 === '举报')).toBeGreaterThan(0.12);
  expect(share(clean, (r) => r.业务类型 === '举报')).toBeLessThan(0.17);
  expect(share(clean, (r) => r.业务类型 === '咨询')).toBeCloseTo(0.4, 1);
  const suggestions = share(clean, (r) => r.业务类型 === '建议');
  expect(suggestions).toBeGreaterThan(0.003);
  expect(suggestions).toBeLessThan(0.02);
});

test('channel mix ≈ 75 % hotline (incl. 12345转办) / 24 % internet and other / 1 % staff entry', () => {
  const hotline = share(clean, (r) => r.接收渠道 === '12315热线' || r.接收渠道 === '12345转办');
  expect(hotline).toBeGreaterThan(0.72);
  expect(hotline).toBeLessThan(0.78);
  const staff = share(clean, (r) => r.接收渠道 === '监管人员录入');
  expect(staff).toBeGreaterThan(0.005);
  expect(staff).toBeLessThan(0.016);
  expect(share(clean, (r) => r.接收渠道 === '12345转办')).toBeGreaterThan(0.02);
  expect(clean.every((r) => (CHANNELS as readonly string[]).includes(r.接收渠道 as string))).toBe(true);
});

test('capital city (140100 太原) handles 25–40 % of the cases handled in cities', () => {
  const inCities = clean.filter((r) => !(r.承办单位代码 as string).endsWith('0000'));
  const capital = share(inCities, (r) => (r.承办单位代码 as string).startsWith('1401'));
  expect(capital).toBeGreaterThanOrEqual(0.25);
  expect(capital).toBeLessThanOrEqual(0.4);
  // A few province-level units, and stations (9 digits) named "…市场监管所".
  expect(share(clean, (r) => r.承办单位代码 === '140000')).toBeGreaterThan(0.005);
  const stations = clean.filter((r) => (r.承办单位代码 as string).length === 9);
  expect(stations.length / clean.length).toBeGreaterThan(0.05);
  expect(stations.every((r) => (r.承办单位 as string).endsWith('市场监管所'))).toBe(true);
});

test('every handling unit code of a clean row is known; every printed USCC is valid', () => {
  expect(clean.filter((r) => !isKnownHandlingUnitCode(r.承办单位代码 as string))).toEqual([]);
  const usccs = clean.map((r) => r.统一社会信用代码 as string).filter((u) => u !== '');
  expect(usccs.length).toBeGreaterThan(5000);
  expect(usccs.filter((u) => !isValidUscc(u))).toEqual([]);
  // 个体工商户 mostly without a code.
  const sole = clean.filter((r) => r.市场主体类型 === '个体工商户');
  expect(share(sole, (r) => r.统一社会信用代码 === '')).toBeGreaterThan(0.5);
});

test('clean rows keep the consistency rules: status ⇔ closed_at, outcome by kind, dates between reg and update', () => {
  const kindOf: Record<string, keyof typeof OUTCOMES_BY_KIND> = {
    投诉: 'COMPLAINT',
    举报: 'REPORT',
    咨询: 'CONSULTATION',
    建议: 'SUGGESTION',
  };
  const { later } = exportMoments(OPTS.from, OPTS.to);
  const limit = new Date(later * 1000).toISOString().replace('T', ' ').slice(0, 19);
  // Violations are collected, not asserted one by one: 20k rows × 10 checks of expect() take seconds.
  const bad: string[] = [];
  const check = (ok: boolean, r: Record<string, string>, what: string) => {
    if (!ok) bad.push(`${r.登记编号}: ${what}`);
  };
  for (const r of clean) {
    check((r.处理状态 === '已办结') === (r.办结时间 !== ''), r, 'status ⇔ closed_at');
    if (r.办结结果) check(OUTCOMES_BY_KIND[kindOf[r.业务类型 as string] as 'COMPLAINT'].includes(r.办结结果), r, 'outcome');
    if (r.客体类别) check(isValidObjectCategory(r.客体类别), r, 'object category');
    const reg = norm(r.登记时间 as string);
    const upd = norm(r.更新时间 as string);
    check(reg >= '2024-01-01 00:00:00' && reg <= '2024-12-31 23:59:59', r, 'registered in range');
    check(upd <= limit, r, 'updated not after the later export');
    for (const c of ['分送时间', '受理决定时间', '办结时间', '立案决定时间', '告知时间']) {
      if (!r[c]) continue;
      const v = norm(r[c] as string);
      check(v >= reg && v <= upd, r, `${c} between registration and update`);
    }
    if (r.业务类型 !== '投诉') check(r.受理决定 === '' && r.受理决定时间 === '', r, 'acceptance only on complaints');
  }
  expect(bad).toEqual([]);
});

test('food-related share of complaints + reports is 10–30 %, and an operator spikes (≥ 5 and ≥ 3 × the 3 months before)', () => {
  const cr = clean.filter((r) => r.业务类型 === '投诉' || r.业务类型 === '举报');
  const food = cr.filter((r) => isFoodRelated(r.问题类别 || null, r.客体类别 || null));
  expect(food.length / cr.length).toBeGreaterThan(0.1);
  expect(food.length / cr.length).toBeLessThan(0.3);
  const counts = new Map<string, number>();
  for (const r of food) {
    const key = operatorKey(r.统一社会信用代码 || null, r.被诉主体名称 || null);
    const month = norm(r.登记时间 as string).slice(0, 7);
    counts.set(`${key}|${month}`, (counts.get(`${key}|${month}`) ?? 0) + 1);
  }
  const monthsBefore = (ym: string, k: number) => {
    const [y, m] = ym.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - k, 1));
    return d.toISOString().slice(0, 7);
  };
  const spikes = [...counts].filter(([k, n]) => {
    const [key, month] = k.split('|') as [string, string];
    const prev = [1, 2, 3].reduce((s, i) => s + (counts.get(`${key}|${monthsBefore(month, i)}`) ?? 0), 0);
    return month >= '2024-04' && n >= 5 && n >= 3 * prev;
  });
  expect(spikes.length).toBeGreaterThanOrEqual(1);
});

test('acceptance on time: most cities 95–100 %, two or three weak ones 80–90 % (due dates by computeDueDates)', () => {
  const byCity = new Map<string, { on: number; all: number }>();
  for (const r of clean) {
    if (r.业务类型 !== '投诉' || !r.受理决定时间 || (r.承办单位代码 as string).endsWith('0000')) continue;
    const due = computeDueDates({
      kind: 'COMPLAINT',
      registeredAt: norm(r.登记时间 as string),
      dispatchedAt: null,
      status: '处理中',
      acceptance: null,
      decidedAt: null,
      filingDecidedAt: null,
      extensionApproved: null,
      pausedDays: null,
      realNameReport: null,
    }).acceptance as string;
    const city = `${(r.承办单位代码 as string).slice(0, 4)}00`;
    const s = byCity.get(city) ?? { on: 0, all: 0 };
    s.all++;
    if (norm(r.受理决定时间 as string).slice(0, 10) <= due) s.on++;
    byCity.set(city, s);
  }
  const rates = [...byCity.values()].filter((s) => s.all >= 150).map((s) => s.on / s.all);
  expect(rates.filter((x) => x >= 0.95).length).toBeGreaterThanOrEqual(rates.length - 3);
  const weak = rates.filter((x) => x >= 0.78 && x <= 0.92);
  expect(weak.length).toBeGreaterThanOrEqual(1);
  expect(weak.length).toBeLessThanOrEqual(3);
});

test('some cases are still open at the export, some of them overdue', () => {
  const open = clean.filter((r) => r.处理状态 !== '已办结');
  expect(open.length).toBeGreaterThan(50);
  const overdueOpen = open.filter(
    (r) => r.业务类型 === '投诉' && r.受理决定 === '受理' && norm(r.登记时间 as string) < '2024-09-01',
  );
  expect(overdueOpen.length).toBeGreaterThan(0);
});

test('about 1 % dirty rows, of many kinds; later versions only for clean rows', () => {
  const rejects = cases.filter((c) => c.defect?.severity === 'reject').length;
  expect(rejects / cases.length).toBeGreaterThan(0.006);
  expect(rejects / cases.length).toBeLessThan(0.014);
  expect(new Set(cases.map((c) => c.defect?.id).filter(Boolean)).size).toBeGreaterThanOrEqual(12);
  expect(cases.some((c) => c.defect !== null && c.later !== null)).toBe(false);
});

test('dirtyShare 0 gives no defects', () => {
  const rows = [...generateCases({ ...OPTS, rows: 2000, dirtyShare: 0 })];
  expect(rows.filter((c) => c.defect !== null)).toHaveLength(0);
});

test('seasonality: the 3·15 month and 双11 month are busier than their neighbours, the Spring Festival week quieter', () => {
  const byMonth = new Map<string, number>();
  const byDay = new Map<string, number>();
  for (const r of clean) {
    const d = norm(r.登记时间 as string).slice(0, 10);
    byMonth.set(d.slice(0, 7), (byMonth.get(d.slice(0, 7)) ?? 0) + 1);
    byDay.set(d, (byDay.get(d) ?? 0) + 1);
  }
  const m = (k: string) => byMonth.get(k) ?? 0;
  expect(m('2024-03')).toBeGreaterThan(1.2 * m('2024-04'));
  expect(m('2024-11')).toBeGreaterThan(1.2 * m('2024-10'));
  // 春节 2024-02-10: the week from 02-09 to 02-16 against the same weekdays two weeks later.
  const sum = (from: number, to: number, month: string) => {
    let s = 0;
    for (let d = from; d <= to; d++) s += byDay.get(`${month}-${String(d).padStart(2, '0')}`) ?? 0;
    return s;
  };
  expect(sum(9, 16, '2024-02')).toBeLessThan(0.6 * sum(23, 29, '2024-02') * (8 / 7));
});

test('a 直辖市 (北京 110000): cases spread over its districts, codes known, no city level besides the groupings', () => {
  const rows = [...generateCases({ ...OPTS, rows: 3000, provinceCode: '110000', dirtyShare: 0 })].map((c) => c.row);
  const codes = rows.map((r) => r.承办单位代码 as string);
  expect(codes.every((c) => c.startsWith('11') && isKnownHandlingUnitCode(c))).toBe(true);
  const districts = new Set(codes.filter((c) => c !== '110000').map((c) => c.slice(0, 6)));
  expect(districts.size).toBeGreaterThanOrEqual(10);
  expect(codes.some((c) => c === '110100')).toBe(false);
});

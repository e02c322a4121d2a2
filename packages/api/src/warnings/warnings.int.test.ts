/**
 * 消费预警 on real chdb and a real metadata store (issue 15 §2). A generated data set — a steady background over
 * 17 months plus injected rises — must give exactly the injected rises, with their figures, and not the seasonal ones
 * the same month last year explains (which do rise against the trailing months: with the seasonal baseline switched
 * off they are flagged). Month M = 2026-07: trailing months 2026-04..06, last year 2025-07 and 2025-04..06.
 *
 * Background (杭州市上城区 330102): 30 complaints a month, 2025-03..2026-08, problem 质量, industry 52, channel
 * 12315热线, no operator — large enough that the injected cases, which carry these values in their other dimensions,
 * never make a background group rise (July 质量 89 < 3 × 38, industry 52 72 < 3 × 36, 12315热线 99 < 3 × 38).
 */
import { type CaseRecord, usccCheckChar } from '@c12315/domain';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { AuditEntry } from '@c12315/store';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { metadataBackends } from '../../test-support/metadata-backends';
import { contextFor, errorCode, execute, openTestStores, type TestStores, testUser } from '../../test-support/test-stores';
import { ReportsResolver } from '../reports/reports.resolver';
import { WarningsResolver } from './warnings.resolver';

const USCC_A = '91330102MA2B3C4D5'.concat(usccCheckChar('91330102MA2B3C4D5'));

let seq = 0;
function make(month: string, i: number, fields: Partial<CaseRecord> = {}, unit = '330102'): CaseRecord {
  seq += 1;
  return caseRecord({
    caseId: `W${String(seq).padStart(5, '0')}`,
    kind: 'COMPLAINT',
    registeredAt: `${month}-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`,
    handlingUnitCode: unit,
    problemCategory: '质量',
    industryCode: '5211',
    ...fields,
  });
}
/** n cases of `month` with these fields. */
const cases = (month: string, n: number, fields: Partial<CaseRecord> = {}, unit = '330102') =>
  Array.from({ length: n }, (_, i) => make(month, i, fields, unit));
/** Per month: how many cases. */
const series = (counts: Record<string, number>, fields: Partial<CaseRecord>, unit = '330102') =>
  Object.entries(counts).flatMap(([month, n]) => cases(month, n, fields, unit));

const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const index = 2025 * 12 + 2 + i; // 2025-03 .. 2026-08
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
});
const TRAILING = ['2026-04', '2026-05', '2026-06'];
const LY_TRAILING = ['2025-04', '2025-05', '2025-06'];
const each = (months: string[], n: number) => Object.fromEntries(months.map((m) => [m, n]));

const DATA: CaseRecord[] = [
  ...MONTHS.flatMap((m) => cases(m, 30)),
  // Rises (flagged):
  // 1. problem 虚假宣传: 2/month, July 12 (6 × the mean); last year July 2 with 2/month before.
  ...series({ ...each(TRAILING, 2), '2026-07': 12, ...each(LY_TRAILING, 2), '2025-07': 2 }, { problemCategory: '虚假宣传' }),
  // 2. industry 61 (住宿业): 1/month, July 8; nothing last year.
  ...series({ ...each(TRAILING, 1), '2026-07': 8 }, { industryCode: '6110' }),
  // 3. operator 甲 (by USCC): nothing before, July 6 reports.
  ...cases('2026-07', 6, { kind: 'REPORT', respondentUscc: USCC_A, respondentName: '甲电器有限公司' }),
  // 4. channel 全国12315平台: 3/month, July 15; last year July 4 with 3/month before (seasonal baseline 4, × 3 = 12).
  ...series({ ...each(TRAILING, 3), '2026-07': 15, ...each(LY_TRAILING, 3), '2025-07': 4 }, { channel: '全国12315平台' }),
  // Seasonal (above 3 × the trailing mean, explained by last July):
  // 5. problem 安装维修: 1/month, July 9; last year the same: 1/month, July 8.
  ...series({ ...each(TRAILING, 1), '2026-07': 9, ...each(LY_TRAILING, 1), '2025-07': 8 }, { problemCategory: '安装维修' }),
  // 6. industry 72: 4/month, July 30 (≥ 3 × 4); last year 2/month, July 8. Unscaled, 30 ≥ 3 × 8 would flag it; grown by
  //    the trailing months' growth (12 / 6) the seasonal baseline is 16 and 30 < 48.
  ...series({ ...each(TRAILING, 4), '2026-07': 30, ...each(LY_TRAILING, 2), '2025-07': 8 }, { industryCode: '7211' }),
  // Never flagged: operator 乙 4 in July (below 5); consultations; another city (宁波); a rise in August.
  ...cases('2026-07', 4, { respondentName: '乙商店' }),
  ...cases('2026-07', 10, { kind: 'CONSULTATION', problemCategory: '价格' }),
  ...cases('2026-07', 12, { problemCategory: '合同' }, '330203'),
  ...cases('2026-08', 12, { problemCategory: '售后服务' }),
];

const RISES_Q = `query($month: String!, $regionCode: String) {
  consumerWarnings(month: $month, regionCode: $regionCode) {
    month regionCode regionName
    rule { version minCount ratio baselineMonths seasonal maxPerDimension description }
    rises { dimension code label count trailingSum trailingBaseline lastYearCount lastYearTrailingSum seasonalBaseline baseline threshold ratio }
    seasonal { dimension code label count baseline threshold }
    draftTitle draftText
    notices { id status title author publishedAt publishedBy }
  }
}`;

interface Rise {
  dimension: string;
  code: string;
  label: string;
  count: number;
  baseline: number;
  threshold: number;
  [k: string]: unknown;
}
interface Warnings {
  regionCode: string;
  rule: { version: number; seasonal: boolean; description: string };
  rises: Rise[];
  seasonal: Rise[];
  draftTitle: string;
  draftText: string;
  notices: {
    id: string;
    status: string;
    title: string;
    author: string;
    publishedAt: string | null;
    publishedBy: string | null;
  }[];
}

const keys = (rows: Rise[]) => rows.map((r) => `${r.dimension}:${r.code}`).sort();

describe.each(metadataBackends())('consumer warnings, %s metadata', (backend) => {
  let stores: TestStores;
  let schema: GraphQLSchema;
  const admin = testUser('PROVINCE_ADMIN', '330000', 1);
  const chief = testUser('CITY_CHIEF', '330100', 2);
  const analyst = testUser('ANALYST', '330100', 3);
  const supervisor = testUser('SUPERVISOR', '330100', 4);
  const ningbo = testUser('CITY_CHIEF', '330200', 5);
  const countyAnalyst = testUser('ANALYST', '330102', 6);

  async function run<T>(source: string, vars: Record<string, unknown>, user = chief): Promise<T> {
    const r = await execute(schema, contextFor(stores, user), source, vars);
    if (r.errors) throw new Error(r.errors.map((e) => e.message).join('; '));
    return r.data as T;
  }
  const rises = async (user = chief, regionCode: string | null = '330100') =>
    (await run<{ consumerWarnings: Warnings }>(RISES_Q, { month: '2026-07', regionCode }, user)).consumerWarnings;

  beforeAll(async () => {
    stores = await openTestStores(`warnings-${backend}-`, backend);
    schema = await buildSchema({ resolvers: [WarningsResolver, ReportsResolver], validate: false });
    if (backend === 'SQLite') await insertCases(stores.ch, DATA);
  });
  afterAll(async () => {
    await stores?.close();
  });

  if (backend === 'SQLite') {
    test('finds exactly the injected rises, with their figures, and not the seasonal ones', async () => {
      const w = await rises();
      expect(w.rule).toMatchObject({ version: 1, seasonal: true });
      expect(keys(w.rises)).toEqual(['CHANNEL:全国12315平台', 'INDUSTRY:61', `OPERATOR:${USCC_A}`, 'PROBLEM_CATEGORY:虚假宣传']);
      expect(keys(w.seasonal)).toEqual(['INDUSTRY:72', 'PROBLEM_CATEGORY:安装维修']);
      const by = (code: string) => w.rises.find((r) => r.code === code);
      expect(by('虚假宣传')).toEqual({
        dimension: 'PROBLEM_CATEGORY',
        code: '虚假宣传',
        label: '虚假宣传',
        count: 12,
        trailingSum: 6,
        trailingBaseline: 2,
        lastYearCount: 2,
        lastYearTrailingSum: 6,
        seasonalBaseline: 2,
        baseline: 2,
        threshold: 6,
        ratio: 6,
      });
      expect(by('61')).toMatchObject({ label: '住宿业', count: 8, trailingSum: 3, lastYearCount: 0, baseline: 1, threshold: 5 });
      expect(by(USCC_A)).toMatchObject({
        label: '甲电器有限公司',
        count: 6,
        trailingSum: 0,
        baseline: 0,
        threshold: 5,
        ratio: null,
      });
      expect(by('全国12315平台')).toMatchObject({
        count: 15,
        trailingBaseline: 3,
        seasonalBaseline: 4,
        baseline: 4,
        threshold: 12,
      });
      const seasonal72 = w.seasonal.find((r) => r.code === '72');
      expect(seasonal72).toMatchObject({ count: 30, baseline: 16, threshold: 48 });
      // The draft names every flagged group with its count, and no seasonal one.
      expect(w.draftTitle).toBe('杭州市2026年7月消费提示');
      for (const phrase of [
        '“虚假宣传”的投诉举报12件',
        '前3个月月均（2件）的6.0倍',
        '“住宿业”',
        '“甲电器有限公司”',
        '“全国12315平台”渠道',
      ]) {
        expect(w.draftText).toContain(phrase);
      }
      expect(w.draftText).not.toContain('安装维修');
    });

    test('a county sees its own rises; the default region is the user’s; outside the scope is refused', async () => {
      const county = await rises(countyAnalyst, null);
      expect(county.regionCode).toBe('330102');
      expect(keys(county.rises)).toContain('PROBLEM_CATEGORY:虚假宣传');
      const nb = await rises(ningbo, null);
      expect(nb.regionCode).toBe('330200');
      // 宁波's 12 合同 cases have no history: its own rise; 杭州's are not counted there.
      expect(keys(nb.rises)).toEqual(['CHANNEL:12315热线', 'INDUSTRY:52', 'PROBLEM_CATEGORY:合同']);
      for (const [user, region] of [
        [ningbo, '330100'],
        [countyAnalyst, '330100'],
        [chief, '330000'],
      ] as const) {
        const r = await execute(schema, contextFor(stores, user), RISES_Q, { month: '2026-07', regionCode: region });
        expect(errorCode(r)).toBe('FORBIDDEN');
      }
      const bad = await execute(schema, contextFor(stores, chief), RISES_Q, { month: '2026-13', regionCode: null });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    });

    test('the rule is configurable: without the seasonal baseline the seasonal rises are flagged too; a higher ratio drops some', async () => {
      const update = `mutation($i: WarningRuleInput!) { updateWarningRule(input: $i) { version ratio seasonal description } }`;
      const refused = await execute(schema, contextFor(stores, chief), update, {
        i: { minCount: 5, ratio: 3, baselineMonths: 3, seasonal: false, maxPerDimension: 10 },
      });
      expect(errorCode(refused)).toBe('FORBIDDEN');
      const off = await run<{ updateWarningRule: { version: number; seasonal: boolean } }>(
        update,
        { i: { minCount: 5, ratio: 3, baselineMonths: 3, seasonal: false, maxPerDimension: 10, baseVersion: 1 } },
        admin,
      );
      expect(off.updateWarningRule).toMatchObject({ version: 2, seasonal: false });
      const w = await rises();
      expect(keys(w.rises)).toEqual([
        'CHANNEL:全国12315平台',
        'INDUSTRY:61',
        'INDUSTRY:72',
        `OPERATOR:${USCC_A}`,
        'PROBLEM_CATEGORY:安装维修',
        'PROBLEM_CATEGORY:虚假宣传',
      ]);
      expect(w.seasonal).toEqual([]);
      // Ratio 6.5: only 虚假宣传 (12 = 6 × 2) falls out; the operator and 住宿业 (8 ≥ 6.5 × 1) stay.
      await run(update, { i: { minCount: 5, ratio: 6.5, baselineMonths: 3, seasonal: true, maxPerDimension: 10 } }, admin);
      expect(keys((await rises()).rises)).toEqual(['INDUSTRY:61', `OPERATOR:${USCC_A}`]);
      const stale = await execute(schema, contextFor(stores, admin), update, {
        i: { minCount: 5, ratio: 3, baselineMonths: 3, seasonal: true, maxPerDimension: 10, baseVersion: 1 },
      });
      expect(errorCode(stale)).toBe('CONFLICT');
      const fine = await execute(schema, contextFor(stores, admin), update, {
        i: { minCount: 5, ratio: 3.05, baselineMonths: 3, seasonal: true, maxPerDimension: 10 },
      });
      expect(errorCode(fine)).toBe('BAD_USER_INPUT');
      await run(update, { i: { minCount: 5, ratio: 3, baselineMonths: 3, seasonal: true, maxPerDimension: 10 } }, admin);
      const changes = await stores.orm.em.fork().find(AuditEntry, { action: 'WARNING_RULE_CHANGED' });
      expect(changes.map((c) => c.actor)).toEqual([admin.username, admin.username, admin.username]);
    });
  }

  test('drafts are saved and edited by staff, published by chiefs and admins, audited, then final', async () => {
    const save = `mutation($i: ConsumerWarningInput!) {
      saveConsumerWarning(input: $i) { id month regionCode status title text author publishedAt publishedBy ruleVersion }
    }`;
    type Saved = {
      saveConsumerWarning: {
        id: string;
        status: string;
        author: string;
        text: string;
        publishedAt: string | null;
        publishedBy: string | null;
      };
    };
    const draft = await run<Saved>(save, { i: { month: '2026-07', title: '杭州市2026年7月消费提示', text: '初稿' } }, analyst);
    expect(draft.saveConsumerWarning).toMatchObject({ status: 'DRAFT', author: analyst.username, publishedAt: null });
    const id = draft.saveConsumerWarning.id;

    // SUPERVISOR may not write; an ANALYST may not publish; nobody outside the region sees the draft.
    expect(
      errorCode(await execute(schema, contextFor(stores, supervisor), save, { i: { month: '2026-07', title: 't', text: 'x' } })),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await execute(schema, contextFor(stores, analyst), save, {
          i: { id, month: '2026-07', title: 't', text: 'x', publish: true },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await execute(schema, contextFor(stores, ningbo), save, { i: { id, month: '2026-07', title: 't', text: 'x' } })),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await execute(schema, contextFor(stores, analyst), save, {
          i: { month: '2026-07', regionCode: '330200', title: 't', text: 'x' },
        }),
      ),
    ).toBe('FORBIDDEN');

    const edited = await run<Saved>(
      save,
      { i: { id, month: '2026-07', title: '杭州市2026年7月消费提示', text: '修改稿' } },
      analyst,
    );
    expect(edited.saveConsumerWarning).toMatchObject({ id, text: '修改稿', status: 'DRAFT' });
    const published = await run<Saved>(save, {
      i: { id, month: '2026-07', title: '杭州市2026年7月消费提示', text: '定稿', publish: true },
    });
    expect(published.saveConsumerWarning).toMatchObject({ id, status: 'PUBLISHED', text: '定稿', publishedBy: chief.username });
    expect(published.saveConsumerWarning.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const again = await execute(schema, contextFor(stores, chief), save, { i: { id, month: '2026-07', title: 't', text: '改' } });
    expect(errorCode(again)).toBe('CONFLICT');

    const audit = await stores.orm.em
      .fork()
      .find(AuditEntry, { action: { $in: ['WARNING_DRAFT_SAVED', 'WARNING_PUBLISHED'] } }, { orderBy: { id: 'ASC' } });
    expect(audit.map((a) => [a.action, a.actor, a.target])).toEqual([
      ['WARNING_DRAFT_SAVED', analyst.username, '330100 2026-07'],
      ['WARNING_DRAFT_SAVED', analyst.username, '330100 2026-07'],
      ['WARNING_PUBLISHED', chief.username, '330100 2026-07'],
    ]);

    // Listed with date and author: for the city, its counties and the province; not for 宁波.
    const list = `query($m: String) { publishedConsumerWarnings(month: $m) { id title publishedAt publishedBy author regionName } }`;
    for (const user of [chief, countyAnalyst, admin]) {
      const l = await run<{ publishedConsumerWarnings: { id: string; publishedBy: string; regionName: string }[] }>(
        list,
        { m: null },
        user,
      );
      expect(l.publishedConsumerWarnings).toEqual([
        expect.objectContaining({ id, publishedBy: chief.username, author: chief.username, regionName: '杭州市' }),
      ]);
    }
    expect((await run<{ publishedConsumerWarnings: unknown[] }>(list, { m: null }, ningbo)).publishedConsumerWarnings).toEqual(
      [],
    );
    expect(
      (await run<{ publishedConsumerWarnings: unknown[] }>(list, { m: '2026-06' }, chief)).publishedConsumerWarnings,
    ).toEqual([]);
    // …and in the month's report.
    const report = await run<{ reports: { month: string; consumerWarnings: { id: string; text: string }[] }[] }>(
      `query { reports(through: "2026-07") { month consumerWarnings { id text } } }`,
      {},
      countyAnalyst,
    );
    expect(report.reports.find((r) => r.month === '2026-07')?.consumerWarnings).toEqual([{ id, text: '定稿' }]);
    expect(report.reports.find((r) => r.month === '2026-06')?.consumerWarnings).toEqual([]);
  });

  test('a subscriber sees the warnings published after they last looked as new', async () => {
    const state = `query { warningSubscription { subscribed regionCode unseenCount } }`;
    const sub = `mutation($s: Boolean!) { setWarningSubscription(subscribed: $s) { subscribed unseenCount } }`;
    const seen = `mutation { markWarningsSeen { subscribed unseenCount } }`;
    const save = `mutation($i: ConsumerWarningInput!) { saveConsumerWarning(input: $i) { id } }`;
    type State = { subscribed: boolean; unseenCount: number };
    const unseen = async (user = countyAnalyst) =>
      (await run<{ warningSubscription: State }>(state, {}, user)).warningSubscription;

    expect(await unseen()).toMatchObject({ subscribed: false, unseenCount: 0 });
    expect((await run<{ setWarningSubscription: State }>(sub, { s: true }, countyAnalyst)).setWarningSubscription).toEqual({
      subscribed: true,
      unseenCount: 0,
    });
    await run(sub, { s: true }, ningbo);
    await new Promise((r) => setTimeout(r, 5));
    // Published for the city (concerns the county), for 宁波 (does not), and a draft (not published): one new.
    await run(save, { i: { month: '2026-08', title: 'A', text: 'a', publish: true } }, chief);
    await run(save, { i: { month: '2026-08', title: 'B', text: 'b', publish: true } }, ningbo);
    await run(save, { i: { month: '2026-08', title: 'C', text: 'c' } }, analyst);
    expect(await unseen()).toMatchObject({ subscribed: true, unseenCount: 1 });
    expect(await unseen(ningbo)).toMatchObject({ unseenCount: 1 });
    expect((await run<{ markWarningsSeen: State }>(seen, {}, countyAnalyst)).markWarningsSeen.unseenCount).toBe(0);
    expect(await unseen(ningbo)).toMatchObject({ unseenCount: 1 });
    await run(sub, { s: false }, countyAnalyst);
    await run(save, { i: { month: '2026-08', title: 'D', text: 'd', publish: true } }, admin);
    expect(await unseen()).toMatchObject({ subscribed: false, unseenCount: 0 });
    expect(await unseen(ningbo)).toMatchObject({ unseenCount: 2 });
  });
});

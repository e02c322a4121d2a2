/**
 * The authorization matrix as data: who the test users are (one per role, each bound to a region), what "inside" and
 * "outside" their scope means for each kind of request, and — per operation — the outcome every role must get.
 * Expected outcomes follow the scope rules of the contract header (../shared/contract/schema.graphql):
 *  - case-level data (overdue list, 督办, hotspot operators, red/black list, disclosure, their CSV and .xlsx exports):
 *    inside R only;
 *  - aggregates (metrics, rankings): R and everything below it, plus R's peers at R's level under the same parent;
 *  - PROVINCE_ADMIN alone manages users, publishes rankings (and changes the ranking configuration) and reads the
 *    audit log (its province's entries and those bound to no region);
 *  - 督办 (superviseCase): SUPERVISOR, CITY_CHIEF or PROVINCE_ADMIN (schema description), on a case inside R;
 *  - the 通报 inbox (noticeInbox, unreadNoticeCount, signNotice): CITY_CHIEF alone, for the 通报 delivered to its own
 *    unit; the 签收 overview (noticeReceipts): users bound to a province, for their province.
 *  - the command-centre screen (`screen`, issue 15): every role, inside R only (it lists hotspot operators);
 *  - SCREEN (the wall display, bound to 杭州 here) reads `me` and `screen` inside R and nothing else: every other
 *    query, mutation and export is FORBIDDEN whatever the region (auth/screen-role.ts).
 * Reference data (me, indicators, the region tree, the ranking configuration) has no region: every signed-in role.
 */
import ExcelJS from 'exceljs';
import { defaultRankingParams } from '../src/ranking/ranking-config.service';

export type RoleName = 'PROVINCE_ADMIN' | 'CITY_CHIEF' | 'SUPERVISOR' | 'FOOD_SAFETY' | 'ANALYST' | 'SCREEN';
export const ROLES: readonly RoleName[] = ['PROVINCE_ADMIN', 'CITY_CHIEF', 'SUPERVISOR', 'FOOD_SAFETY', 'ANALYST', 'SCREEN'];
export type Scope = 'inside' | 'outside';
export type Outcome = 'data' | 'FORBIDDEN' | 'UNAUTHENTICATED';

export const AS_OF = '2025-10-13';
export const MONTH = '2025-09';

/** Fixture cases (all complaints registered 2025-09-19, not accepted: acceptance due 09-29, overdue as of AS_OF). */
export const FIXTURE_CASES = [
  { caseId: 'H1', unit: '330102' }, // 杭州市上城区
  { caseId: 'H2', unit: '330106' }, // 杭州市西湖区
  { caseId: 'N1', unit: '330203' }, // 宁波市海曙区
  { caseId: 'J1', unit: '320102' }, // 南京市玄武区 (another province)
] as const;

interface RegionRequest {
  regionCode: string;
  caseId: string;
}
interface RankingArgs {
  level: 'CITY' | 'COUNTY';
  parentCode: string;
  /** A unit the inside ranking must list (the user's own unit, or one below R). */
  expectRow?: string;
}
interface MetricsArgs {
  regionCode: string;
  groupBy: string[];
}

export interface Profile {
  role: RoleName;
  username: string;
  region: string;
  cases: Record<Scope, RegionRequest>;
  ranking: Record<Scope, RankingArgs>;
  metrics: Record<Scope, MetricsArgs>;
  /** Region for createUser: inside the admin's province, or not. */
  newUserRegion: Record<Scope, string>;
  /** Account for disableUser / resetPassword. */
  manageTarget: Record<Scope, { disable: string; reset: string }>;
}

const MANAGE = {
  inside: { disable: 'zj-target-1', reset: 'zj-target-2' },
  outside: { disable: 'js-analyst', reset: 'js-analyst' },
};

/** A city-bound role (杭州 330100): its peers are the other cities of 浙江. */
function cityProfile(role: RoleName, username: string): Profile {
  return {
    role,
    username,
    region: '330100',
    cases: { inside: { regionCode: '330100', caseId: 'H1' }, outside: { regionCode: '330200', caseId: 'N1' } },
    ranking: {
      inside: { level: 'CITY', parentCode: '330000', expectRow: '330100' }, // the ranking it takes part in
      outside: { level: 'COUNTY', parentCode: '330200' }, // another city's counties
    },
    metrics: {
      inside: { regionCode: '330200', groupBy: [] }, // a peer's totals
      outside: { regionCode: '330200', groupBy: ['COUNTY'] }, // a peer's counties
    },
    newUserRegion: { inside: '330100', outside: '320100' },
    manageTarget: MANAGE,
  };
}

export const PROFILES: Record<RoleName, Profile> = {
  PROVINCE_ADMIN: {
    role: 'PROVINCE_ADMIN',
    username: 'zj-admin',
    region: '330000',
    cases: { inside: { regionCode: '330000', caseId: 'N1' }, outside: { regionCode: '320000', caseId: 'J1' } },
    ranking: {
      inside: { level: 'COUNTY', parentCode: '330200', expectRow: '330203' },
      outside: { level: 'CITY', parentCode: '320000' },
    },
    metrics: { inside: { regionCode: '330000', groupBy: ['CITY'] }, outside: { regionCode: '320000', groupBy: [] } },
    newUserRegion: { inside: '330100', outside: '320100' },
    manageTarget: MANAGE,
  },
  CITY_CHIEF: cityProfile('CITY_CHIEF', 'hz-chief'),
  SCREEN: cityProfile('SCREEN', 'hz-wall'),
  SUPERVISOR: cityProfile('SUPERVISOR', 'hz-supervisor'),
  FOOD_SAFETY: cityProfile('FOOD_SAFETY', 'hz-foodsafety'),
  // County-bound (上城区 330102): its peers are the other counties of 杭州, its parent's totals are not its own.
  ANALYST: {
    role: 'ANALYST',
    username: 'sc-analyst',
    region: '330102',
    cases: { inside: { regionCode: '330102', caseId: 'H1' }, outside: { regionCode: '330106', caseId: 'H2' } },
    ranking: {
      inside: { level: 'COUNTY', parentCode: '330100', expectRow: '330102' },
      outside: { level: 'CITY', parentCode: '330000' },
    },
    metrics: { inside: { regionCode: '330106', groupBy: [] }, outside: { regionCode: '330100', groupBy: [] } },
    newUserRegion: { inside: '330100', outside: '320100' },
    manageTarget: MANAGE,
  },
};

export type Request = { kind: 'graphql'; query: string; variables: Record<string, unknown> } | { kind: 'csv'; route: string };

export interface Operation {
  name: string;
  scopes: readonly Scope[];
  /** Expected outcome per role, in the order of `scopes`. */
  expect: Record<RoleName, readonly Outcome[]>;
  request(p: Profile, scope: Scope): Request;
  /** Checks a 'data' answer really carries the data (never a silently empty answer). */
  check?(data: Record<string, unknown>, p: Profile, scope: Scope): void;
  /** Checks a file answer other than the overdue CSV (the CSV's own checks are the test's). */
  checkFile?(bytes: Buffer, p: Profile, scope: Scope): Promise<void>;
}

/** An .xlsx answer: a workbook whose row 1 names the region asked about. */
function xlsxNames(region: (p: Profile, s: Scope) => string) {
  return async (bytes: Buffer, p: Profile, s: Scope): Promise<void> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const title = String(wb.worksheets[0]?.getCell(1, 1).value ?? '');
    assert(title.includes(region(p, s)), `row 1 does not name ${region(p, s)}: ${title}`);
  };
}

const gql = (query: string, variables: Record<string, unknown> = {}): Request => ({ kind: 'graphql', query, variables });

const D = 'data' as const;
const F = 'FORBIDDEN' as const;
/** Every role, inside → data, outside → FORBIDDEN. */
const SCOPED = {
  PROVINCE_ADMIN: [D, F],
  CITY_CHIEF: [D, F],
  SUPERVISOR: [D, F],
  FOOD_SAFETY: [D, F],
  ANALYST: [D, F],
  SCREEN: [F, F],
};
/** No region involved: every signed-in role but the wall display gets the data. */
const ANY_ROLE = { PROVINCE_ADMIN: [D], CITY_CHIEF: [D], SUPERVISOR: [D], FOOD_SAFETY: [D], ANALYST: [D], SCREEN: [F] };
/** PROVINCE_ADMIN only, inside its province; every other role is refused whatever the region. */
const ADMIN_SCOPED = {
  PROVINCE_ADMIN: [D, F],
  CITY_CHIEF: [F, F],
  SUPERVISOR: [F, F],
  FOOD_SAFETY: [F, F],
  ANALYST: [F, F],
  SCREEN: [F, F],
};
const ADMIN_ONLY = { PROVINCE_ADMIN: [D], CITY_CHIEF: [F], SUPERVISOR: [F], FOOD_SAFETY: [F], ANALYST: [F], SCREEN: [F] };

function list(data: Record<string, unknown>, ...keys: string[]): unknown[] {
  let v: unknown = data;
  for (const k of keys) v = (v as Record<string, unknown>)[k];
  if (!Array.isArray(v)) throw new Error(`${keys.join('.')} is not a list`);
  return v;
}

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const RANKING_FIELDS = 'parentCode published rows { region { code } rank score }';

/**
 * Fixture for the 通报 rows: 浙江's city ranking of MONTH published (by PROVINCE_ADMIN, before the matrix runs), which
 * delivers a 通报 to each of its 11 cities. NOTICE_DELIVERY_IDS: the delivery to 杭州 (inside a 杭州 chief's scope) and
 * to 宁波 (outside it), filled in by the test from the metadata store once published.
 */
export const NOTICE_PUBLICATION = `mutation { publishRanking(month: "${MONTH}", level: CITY, parentCode: "330000", asOf: "${AS_OF}") { published } }`;
export const NOTICE_RECIPIENTS: Record<Scope, string> = { inside: '330100', outside: '330200' };
export const NOTICE_DELIVERY_IDS: Partial<Record<Scope, string>> = {};
const CHIEF_ONLY = { PROVINCE_ADMIN: [F], CITY_CHIEF: [D], SUPERVISOR: [F], FOOD_SAFETY: [F], ANALYST: [F], SCREEN: [F] };

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'me',
    scopes: ['inside'],
    expect: { ...ANY_ROLE, SCREEN: [D] },
    request: () => gql('{ me { username role regionCode } }'),
    check: (d, p) =>
      assert(JSON.stringify(d.me) === JSON.stringify({ username: p.username, role: p.role, regionCode: p.region }), 'me'),
  },
  {
    name: 'indicators',
    scopes: ['inside'],
    expect: ANY_ROLE,
    request: () => gql('{ indicators { id } }'),
    check: (d) => assert(list(d, 'indicators').length > 0, 'no indicators'),
  },
  {
    // Region names and codes are public reference data (GB/T 2260): the tree of another province is not "data".
    name: 'regions',
    scopes: ['inside', 'outside'],
    expect: {
      PROVINCE_ADMIN: [D, D],
      CITY_CHIEF: [D, D],
      SUPERVISOR: [D, D],
      FOOD_SAFETY: [D, D],
      ANALYST: [D, D],
      SCREEN: [F, F],
    },
    request: (_p, s) =>
      gql('query($p: String) { regions(parentCode: $p) { code } }', { p: s === 'inside' ? '330000' : '320000' }),
    check: (d) => assert(list(d, 'regions').length === 11 || list(d, 'regions').length === 13, 'cities of 浙江 (11) / 江苏 (13)'),
  },
  {
    name: 'ranking',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) =>
      gql(
        `query($m: String!, $l: RegionLevel, $p: String, $a: Date) { ranking(month: $m, level: $l, parentCode: $p, asOf: $a) { ${RANKING_FIELDS} } }`,
        { m: MONTH, l: p.ranking[s].level, p: p.ranking[s].parentCode, a: AS_OF },
      ),
    check: (d, p, s) => {
      const codes = list(d, 'ranking', 'rows').map((r) => (r as { region: { code: string } }).region.code);
      assert(codes.includes(p.ranking[s].expectRow ?? '?'), `ranking lacks ${p.ranking[s].expectRow}: ${codes}`);
    },
  },
  {
    name: 'publishRanking',
    scopes: ['inside', 'outside'],
    expect: ADMIN_SCOPED,
    request: (p, s) =>
      gql(
        `mutation($m: String!, $l: RegionLevel, $p: String, $a: Date) { publishRanking(month: $m, level: $l, parentCode: $p, asOf: $a) { ${RANKING_FIELDS} } }`,
        { m: MONTH, l: p.ranking[s].level, p: p.ranking[s].parentCode, a: AS_OF },
      ),
    check: (d) => assert((d.publishRanking as { published: boolean }).published === true, 'not published'),
  },
  {
    name: 'rankingConfig',
    scopes: ['inside'],
    expect: ANY_ROLE,
    request: () => gql('{ rankingConfig { version indicators { id weight } } }'),
    check: (d) => assert(list(d, 'rankingConfig', 'indicators').length > 0, 'empty configuration'),
  },
  {
    name: 'updateRankingConfig',
    scopes: ['inside'],
    expect: ADMIN_ONLY,
    request: () =>
      gql(
        'mutation($i: [RankingIndicatorParamsInput!]!) { updateRankingConfig(indicators: $i, note: "matrix") { version createdBy } }',
        { i: defaultRankingParams() },
      ),
    check: (d) => assert((d.updateRankingConfig as { createdBy: string }).createdBy === 'zj-admin', 'createdBy'),
  },
  {
    name: 'metrics',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) =>
      gql(
        'query($g: [Dimension!]!, $f: CaseFilter!) { metrics(indicatorIds: ["complaints"], groupBy: $g, filter: $f, asOf: "2025-10-13") { keys { code } values { value } } }',
        { g: p.metrics[s].groupBy, f: { from: '2025-09-01', to: '2025-09-30', regionCode: p.metrics[s].regionCode } },
      ),
    check: (d) => assert(list(d, 'metrics').length > 0, 'no metric rows'),
  },
  {
    name: 'overdueCases',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) =>
      gql('query($r: String) { overdueCases(asOf: "2025-10-13", regionCode: $r) { totalCount nodes { caseId } } }', {
        r: p.cases[s].regionCode,
      }),
    check: (d, p, s) => {
      const ids = list(d, 'overdueCases', 'nodes').map((n) => (n as { caseId: string }).caseId);
      assert(ids.includes(p.cases[s].caseId), `overdue list lacks ${p.cases[s].caseId}: ${ids}`);
    },
  },
  {
    name: 'superviseCase',
    scopes: ['inside', 'outside'],
    expect: {
      PROVINCE_ADMIN: [D, F],
      CITY_CHIEF: [D, F],
      SUPERVISOR: [D, F],
      FOOD_SAFETY: [F, F],
      ANALYST: [F, F],
      SCREEN: [F, F],
    },
    request: (p, s) =>
      gql('mutation($c: ID!) { superviseCase(caseId: $c, note: "请加快处理", deadline: "2099-12-31") { caseId supervisedBy } }', {
        c: p.cases[s].caseId,
      }),
    check: (d, p) => assert((d.superviseCase as { supervisedBy: string }).supervisedBy === p.username, 'supervisedBy'),
  },
  {
    name: 'foodSafetyHotspots',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) =>
      gql('query($r: String) { foodSafetyHotspots(month: "2025-09", regionCode: $r) { regionCode operators { operatorKey } } }', {
        r: p.cases[s].regionCode,
      }),
    check: (d, p, s) => assert((d.foodSafetyHotspots as { regionCode: string }).regionCode === p.cases[s].regionCode, 'region'),
  },
  {
    name: 'operatorRedBlackList',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) =>
      gql(
        'query($r: String) { operatorRedBlackList(from: "2025-09-01", to: "2025-09-30", asOf: "2025-10-13", regionCode: $r) { regionCode red { operatorKey } } }',
        { r: p.cases[s].regionCode },
      ),
    check: (d, p, s) => assert((d.operatorRedBlackList as { regionCode: string }).regionCode === p.cases[s].regionCode, 'region'),
  },
  {
    name: 'complaintDisclosure',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) =>
      gql(
        'query($r: String) { complaintDisclosure(from: "2025-09-01", to: "2025-09-30", asOf: "2025-10-13", regionCode: $r) { totalCount } }',
        { r: p.cases[s].regionCode },
      ),
    check: (d) => assert(typeof (d.complaintDisclosure as { totalCount: unknown }).totalCount === 'number', 'totalCount'),
  },
  // 通报 inbox: unreadNoticeCount runs before signNotice signs 杭州's one delivery.
  {
    name: 'noticeInbox',
    scopes: ['inside'],
    expect: CHIEF_ONLY,
    request: () => gql('{ noticeInbox { id month recipient { code } parent { code } } }'),
    check: (d, p) => {
      const items = list(d, 'noticeInbox') as { id: string; month: string; recipient: { code: string } }[];
      assert(
        JSON.stringify(items.map((i) => [i.id, i.month, i.recipient.code])) ===
          JSON.stringify([[NOTICE_DELIVERY_IDS.inside, MONTH, p.region]]),
        `the inbox holds the own unit's 通报 only: ${JSON.stringify(items)}`,
      );
    },
  },
  {
    name: 'unreadNoticeCount',
    scopes: ['inside'],
    expect: CHIEF_ONLY,
    request: () => gql('{ unreadNoticeCount }'),
    check: (d) => assert(d.unreadNoticeCount === 1, `unread: ${JSON.stringify(d.unreadNoticeCount)}`),
  },
  {
    name: 'signNotice',
    scopes: ['inside', 'outside'],
    expect: {
      PROVINCE_ADMIN: [F, F],
      CITY_CHIEF: [D, F],
      SUPERVISOR: [F, F],
      FOOD_SAFETY: [F, F],
      ANALYST: [F, F],
      SCREEN: [F, F],
    },
    request: (_p, s) =>
      gql('mutation($id: ID!) { signNotice(id: $id) { id recipient { code } read signedBy } }', {
        id: NOTICE_DELIVERY_IDS[s] ?? 'unset',
      }),
    check: (d, p) => {
      const item = d.signNotice as { recipient: { code: string }; read: boolean; signedBy: string };
      assert(item.recipient.code === p.region && item.read && item.signedBy === p.username, `signed: ${JSON.stringify(item)}`);
    },
  },
  {
    name: 'noticeReceipts',
    scopes: ['inside', 'outside'],
    expect: ADMIN_SCOPED,
    request: (_p, s) =>
      gql(
        'query($m: String!, $p: String) { noticeReceipts(month: $m, parentCode: $p) { parent { code } published rows { recipient { code } } } }',
        {
          m: MONTH,
          p: s === 'inside' ? '330000' : '320000',
        },
      ),
    check: (d) => {
      const r = d.noticeReceipts as { parent: { code: string }; published: boolean; rows: { recipient: { code: string } }[] };
      const codes = r.rows.map((row) => row.recipient.code);
      assert(
        r.parent.code === '330000' && r.published && codes.length === 11 && codes.includes(NOTICE_RECIPIENTS.inside),
        `receipts of 浙江's 11 cities: ${JSON.stringify(r)}`,
      );
    },
  },
  {
    // The command-centre wall view: inside R only (hotspot operators are case-level), SCREEN included.
    name: 'screen',
    scopes: ['inside', 'outside'],
    expect: { ...SCOPED, SCREEN: [D, F] },
    request: (p, s) =>
      gql(
        'query($r: String) { screen(regionCode: $r, date: "2025-10-13") { regionCode unitRegions { code } ranking { rows { region { code } } } } }',
        {
          r: p.cases[s].regionCode,
        },
      ),
    check: (d, p, s) =>
      assert((d.screen as { regionCode: string }).regionCode === p.cases[s].regionCode, `screen of ${p.cases[s].regionCode}`),
  },
  // 消费预警 (issue 15 §2): the rises name operators (case-level: inside R only); drafts are saved by every role but
  // SUPERVISOR and published by CITY_CHIEF and PROVINCE_ADMIN, for a region inside their own; the rule is the admin's.
  {
    name: 'consumerWarnings',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) =>
      gql('query($r: String) { consumerWarnings(month: "2025-09", regionCode: $r) { regionCode rises { code } draftText } }', {
        r: p.cases[s].regionCode,
      }),
    check: (d, p, s) => assert((d.consumerWarnings as { regionCode: string }).regionCode === p.cases[s].regionCode, 'region'),
  },
  {
    name: 'saveConsumerWarning (draft)',
    scopes: ['inside', 'outside'],
    expect: {
      PROVINCE_ADMIN: [D, F],
      CITY_CHIEF: [D, F],
      SUPERVISOR: [F, F],
      FOOD_SAFETY: [D, F],
      ANALYST: [D, F],
      SCREEN: [F, F],
    },
    request: (p, s) =>
      gql(
        'mutation($r: String) { saveConsumerWarning(input: { month: "2025-09", regionCode: $r, title: "消费提示", text: "草稿" }) { status author } }',
        { r: p.cases[s].regionCode },
      ),
    check: (d, p) => assert((d.saveConsumerWarning as { author: string }).author === p.username, 'author'),
  },
  {
    name: 'saveConsumerWarning (publish)',
    scopes: ['inside', 'outside'],
    expect: {
      PROVINCE_ADMIN: [D, F],
      CITY_CHIEF: [D, F],
      SUPERVISOR: [F, F],
      FOOD_SAFETY: [F, F],
      ANALYST: [F, F],
      SCREEN: [F, F],
    },
    request: (p, s) =>
      gql(
        'mutation($r: String) { saveConsumerWarning(input: { month: "2025-09", regionCode: $r, title: "消费提示", text: "定稿", publish: true }) { status publishedBy } }',
        { r: p.cases[s].regionCode },
      ),
    check: (d, p) => assert((d.saveConsumerWarning as { publishedBy: string }).publishedBy === p.username, 'publishedBy'),
  },
  {
    name: 'publishedConsumerWarnings',
    scopes: ['inside'],
    expect: ANY_ROLE,
    request: () => gql('{ publishedConsumerWarnings { regionCode publishedBy } }'),
    // Whatever was published in the run so far: only warnings of regions related to the user's (inside 浙江).
    check: (d) =>
      assert(
        list(d, 'publishedConsumerWarnings').every((w) => (w as { regionCode: string }).regionCode.startsWith('33')),
        'a warning outside 浙江',
      ),
  },
  {
    name: 'warningRule',
    scopes: ['inside'],
    expect: ANY_ROLE,
    request: () => gql('{ warningRule { version minCount ratio seasonal } }'),
  },
  {
    name: 'updateWarningRule',
    scopes: ['inside'],
    expect: ADMIN_ONLY,
    request: () =>
      gql(
        'mutation { updateWarningRule(input: { minCount: 5, ratio: 3, baselineMonths: 3, seasonal: true, maxPerDimension: 10 }) { version } }',
      ),
  },
  {
    name: 'warningSubscription',
    scopes: ['inside'],
    expect: ANY_ROLE,
    request: () => gql('{ warningSubscription { subscribed regionCode unseenCount } }'),
    check: (d, p) => assert((d.warningSubscription as { regionCode: string }).regionCode === p.region, 'region'),
  },
  {
    name: 'setWarningSubscription',
    scopes: ['inside'],
    expect: ANY_ROLE,
    request: () => gql('mutation { setWarningSubscription(subscribed: true) { subscribed } }'),
    check: (d) => assert((d.setWarningSubscription as { subscribed: boolean }).subscribed === true, 'not subscribed'),
  },
  {
    name: 'markWarningsSeen',
    scopes: ['inside'],
    expect: ANY_ROLE,
    request: () => gql('mutation { markWarningsSeen { unseenCount } }'),
  },
  {
    name: 'users',
    scopes: ['inside'],
    expect: ADMIN_ONLY,
    request: () => gql('{ users { username regionCode } }'),
    check: (d) => {
      const names = list(d, 'users').map((u) => (u as { username: string }).username);
      assert(names.includes('hz-chief') && !names.includes('js-analyst'), `users of 浙江 only: ${names}`);
    },
  },
  {
    name: 'createUser',
    scopes: ['inside', 'outside'],
    expect: ADMIN_SCOPED,
    request: (p, s) =>
      gql(
        'mutation($u: String!, $r: String!) { createUser(username: $u, password: "Matrix2025pw", role: ANALYST, regionCode: $r) { username } }',
        {
          u: `new-${p.role.toLowerCase().replace('_', '-')}-${s}`,
          r: p.newUserRegion[s],
        },
      ),
  },
  {
    name: 'disableUser',
    scopes: ['inside', 'outside'],
    expect: ADMIN_SCOPED,
    request: (p, s) =>
      gql('mutation($u: String!) { disableUser(username: $u) { username disabled } }', { u: p.manageTarget[s].disable }),
    check: (d) => assert((d.disableUser as { disabled: boolean }).disabled === true, 'not disabled'),
  },
  {
    name: 'resetPassword',
    scopes: ['inside', 'outside'],
    expect: ADMIN_SCOPED,
    request: (p, s) =>
      gql('mutation($u: String!) { resetPassword(username: $u, password: "Reset2025pass") { username } }', {
        u: p.manageTarget[s].reset,
      }),
  },
  {
    name: 'auditLog',
    scopes: ['inside'],
    expect: ADMIN_ONLY,
    request: () => gql('{ auditLog(first: 500) { totalCount nodes { action actor regionCode } } }'),
    check: (d) => {
      const nodes = list(d, 'auditLog', 'nodes') as { action: string; actor: string; regionCode: string | null }[];
      assert(
        nodes.some((n) => n.action === 'LOGIN_OK' && n.actor === 'zj-admin'),
        `the admin's own sign-in: ${JSON.stringify(nodes)}`,
      );
      // js-analyst (江苏 320100) was created and signed in nowhere here but exists: nothing of 江苏 shows.
      const outside = nodes.filter((n) => n.regionCode !== null && !n.regionCode.startsWith('33'));
      assert(outside.length === 0, `entries outside 浙江: ${JSON.stringify(outside)}`);
    },
  },
  {
    name: '/export/overdue.csv',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) => ({ kind: 'csv', route: `/export/overdue.csv?asOf=${AS_OF}&regionCode=${p.cases[s].regionCode}` }),
  },
  // The .xlsx exports: each scoped as its GraphQL field.
  {
    name: '/export/ranking.xlsx',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) => ({
      kind: 'csv',
      route: `/export/ranking.xlsx?month=${MONTH}&level=${p.ranking[s].level}&parentCode=${p.ranking[s].parentCode}&asOf=${AS_OF}`,
    }),
    checkFile: xlsxNames((p, s) => p.ranking[s].parentCode),
  },
  {
    name: '/export/metrics.xlsx',
    scopes: ['inside', 'outside'],
    expect: SCOPED,
    request: (p, s) => ({
      kind: 'csv',
      route: `/export/metrics.xlsx?indicatorIds=complaints&groupBy=${p.metrics[s].groupBy.join(',')}&from=2025-09-01&to=2025-09-30&regionCode=${p.metrics[s].regionCode}&asOf=${AS_OF}`,
    }),
    checkFile: xlsxNames((p, s) => p.metrics[s].regionCode),
  },
  ...(
    [
      'overdue.xlsx?asOf=2025-10-13',
      'hotspots.xlsx?month=2025-09',
      'disclosure.xlsx?from=2025-09-01&to=2025-09-30',
      'red-black.xlsx?from=2025-09-01&to=2025-09-30',
    ] as const
  ).map(
    (route): Operation => ({
      name: `/export/${route.split('?')[0]}`,
      scopes: ['inside', 'outside'],
      expect: SCOPED,
      request: (p, s) => ({ kind: 'csv', route: `/export/${route}&regionCode=${p.cases[s].regionCode}` }),
      checkFile: xlsxNames((p, s) => p.cases[s].regionCode),
    }),
  ),
];

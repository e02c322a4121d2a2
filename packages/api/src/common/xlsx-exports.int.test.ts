/**
 * The .xlsx exports over the real HTTP app (wireApp: authentication, scope, exports) on real chdb + SQLite, read back
 * with exceljs: the ranking equals the GraphQL `ranking` answer number for number (computed, then published: the
 * snapshot), percent cells carry 0.0%, rows 1–2 frozen; the overdue sheet of a few thousand rows equals the overdue
 * CSV row for row; metrics, hotspots, disclosure and red/black lists equal their GraphQL fields; scope (403) and bad
 * parameters (400 naming the parameter); one audit-log entry per file.
 */
import { indicatorById } from '@c12315/domain';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { AuditEntry } from '@c12315/store';
import ExcelJS from 'exceljs';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { createUserAccount } from '../auth/user-accounts.service';
import { XLSX_NUMBER_FORMATS } from './xlsx-sheet';

jest.setTimeout(120_000);

const PASSWORD = 'Xlsx2026export';
let server: TestServer;
const tokens: Record<string, string> = {};

// Overdue list: 3,000 open complaints of 杭州 (330100) registered in September 2025, overdue as of 2025-10-13.
const OVERDUE_AS_OF = '2025-10-13';
const UNITS = ['330102', '330105', '330106', '330108', '330110'];
const OVERDUE_CASES = Array.from({ length: 3000 }, (_, i) =>
  caseRecord({
    caseId: `X${String(i).padStart(5, '0')}`,
    kind: i % 7 === 0 ? 'REPORT' : 'COMPLAINT',
    registeredAt: `2025-09-${String(1 + (i % 20)).padStart(2, '0')} ${String(8 + (i % 9)).padStart(2, '0')}:15:00`,
    handlingUnitCode: UNITS[i % UNITS.length]!,
    respondentName: i % 3 === 0 ? null : `经营者${i % 50}号`,
    objectCategory: i % 2 === 0 ? '商品-食品-乳制品' : null,
    problemCategory: i % 5 === 0 ? '质量' : null,
  }),
);

// Food-safety complaints in 太原 (140105), January 2026: six against one operator (a spike: ≥ 5, none before), five
// against another, all accepted, closed and disclosed (red/black list: ≥ 5 accepted complaints; disclosure table).
const FOOD_CASES = Array.from({ length: 11 }, (_, i) =>
  caseRecord({
    caseId: `F${String(i).padStart(2, '0')}`,
    kind: 'COMPLAINT',
    registeredAt: `2026-01-${String(5 + i).padStart(2, '0')} 10:00:00`,
    handlingUnitCode: '140105',
    respondentName: i < 6 ? '甲乳业有限公司' : '乙食品商行',
    objectCategory: '商品-食品-乳制品',
    problemCategory: '食品安全',
    industryCode: '14',
    acceptance: '受理',
    decidedAt: `2026-01-${String(6 + i).padStart(2, '0')} 10:00:00`,
    closedAt: `2026-01-${String(20 + (i % 5)).padStart(2, '0')} 10:00:00`,
    outcome: i % 3 === 0 ? '调解不成功' : '调解成功',
    disclosed: true,
  }),
);

const RANKING_QUERY = `query($month: String!, $asOf: Date) {
  ranking(month: $month, asOf: $asOf) {
    month asOf published publishedAt configVersion
    rows { region { code name } rank previousRank score noScore values { indicatorId value numerator denominator points } }
  }
}`;

interface RankingAnswer {
  month: string;
  asOf: string;
  published: boolean;
  configVersion: number;
  rows: {
    region: { code: string; name: string };
    rank: number | null;
    previousRank: number | null;
    score: number | null;
    noScore: boolean;
    values: {
      indicatorId: string;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      points: number | null;
    }[];
  }[];
}

async function sheetOf(bytes: Buffer, index = 0): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[index];
  if (!ws) throw new Error(`no sheet ${index}`);
  return ws;
}

function headerIndex(ws: ExcelJS.Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  ws.getRow(2).eachCell((cell, col) => map.set(String(cell.value), col));
  return map;
}

/** A cell as the CSV writes it: dates back to their text, numbers as written, empty as ''. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return cell.numFmt === XLSX_NUMBER_FORMATS.date ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  return String(v);
}

/** The CSV's rows (csv-stringify quotes a field only when it holds a comma, quote or line end: none here). */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

async function errorOf(route: string, token?: string) {
  const res = await server.get(route, token);
  return {
    status: res.status,
    ...(JSON.parse(res.text) as { error: { code: string; message: string; argument?: string } }).error,
  };
}

beforeAll(async () => {
  server = await startTestServer('xlsx-exports-');
  await loadGoldenFixture(server.stores.ch);
  await insertCases(server.stores.ch, OVERDUE_CASES, 'overdue-bulk');
  await insertCases(server.stores.ch, FOOD_CASES, 'food');
  const accounts: [string, string, string][] = [
    ['sx-admin', 'PROVINCE_ADMIN', '140000'],
    ['ty-chief', 'CITY_CHIEF', '140100'],
    ['hz-supervisor', 'SUPERVISOR', '330100'],
  ];
  for (const [username, role, regionCode] of accounts) {
    await createUserAccount(server.stores.orm, { username, password: PASSWORD, role, regionCode }, { actor: 'xlsx-test' });
    const res = await server.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: username,
      p: PASSWORD,
    });
    tokens[username] = (res.body.data?.login as { token: string }).token;
  }
});

afterAll(async () => {
  await server?.close();
});

async function expectRankingSheetEquals(bytes: Buffer, answer: RankingAnswer) {
  const ws = await sheetOf(bytes);
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  const title = String(ws.getCell(1, 1).value);
  expect(title).toContain(`效能评价排名 ${answer.month}`);
  expect(title).toContain('140000');
  expect(title).toContain(`数据截至 ${answer.asOf}`);
  expect(title).toContain(answer.published ? '已发布' : '未发布');
  expect(title).toContain(`排名配置第 ${answer.configVersion} 版`);
  const col = headerIndex(ws);
  expect(ws.rowCount).toBe(2 + answer.rows.length);
  expect(answer.rows.length).toBeGreaterThanOrEqual(4);
  let percentCells = 0;
  answer.rows.forEach((row, i) => {
    const r = ws.getRow(3 + i);
    const at = (header: string) => {
      const c = col.get(header);
      if (!c) throw new Error(`no column ${header}`);
      return r.getCell(c);
    };
    expect(at('排名').value ?? null).toBe(row.rank);
    expect(at('区划代码').value).toBe(row.region.code);
    expect(at('单位').value).toBe(row.region.name);
    expect(at('综合得分').value).toBe(row.noScore ? '无评分' : row.score);
    expect(at('上月排名').value ?? null).toBe(row.previousRank);
    for (const v of row.values) {
      const name = indicatorById(v.indicatorId)?.nameZh;
      // value (with its unit), ·分子, ·分母, ·得分
      const headers = [...col.keys()].filter((h) => h.replace(/（[^）]*）$/, '').split('·')[0] === name);
      expect(headers.length).toBe(4);
      const [valueHeader, numHeader, denHeader, pointsHeader] = headers as [string, string, string, string];
      const cell = at(valueHeader);
      if (v.value === null) expect(cell.value ?? null).toBeNull();
      else if (cell.numFmt === '0.0%') {
        percentCells++;
        expect(cell.value as number).toBeCloseTo(v.value / 100, 12);
      } else expect(cell.value).toBe(v.value);
      expect(at(numHeader).value ?? null).toBe(v.numerator);
      expect(at(denHeader).value ?? null).toBe(v.denominator);
      expect(at(pointsHeader).value ?? null).toBe(v.points);
    }
  });
  // every rate of the catalogue (12 of them) is a percent cell where it has a value
  expect(percentCells).toBeGreaterThan(answer.rows.length);
  const rateHeader = col.get('按时办结率');
  if (!rateHeader) throw new Error('no 按时办结率 column');
  for (let i = 0; i < answer.rows.length; i++) expect(ws.getRow(3 + i).getCell(rateHeader).numFmt).toBe('0.0%');
  const money = col.get('挽回经济损失（元）');
  if (!money) throw new Error('no money column');
  expect(ws.getRow(3).getCell(money).numFmt).toBe('#,##0.00');
}

describe('GET /export/ranking.xlsx', () => {
  it('equals the GraphQL ranking number for number, computed and then published (the snapshot)', async () => {
    const token = tokens['sx-admin']!;
    const vars = { month: '2026-01', asOf: '2026-02-20' };
    const computed = (await server.gql(RANKING_QUERY, vars, token)).body.data?.ranking as RankingAnswer;
    expect(computed.published).toBe(false);
    const res = await server.get('/export/ranking.xlsx?month=2026-01&parentCode=140000&asOf=2026-02-20', token);
    expect(res.status).toBe(200);
    await expectRankingSheetEquals(res.bytes, computed);

    const publish = await server.gql(
      'mutation { publishRanking(month: "2026-01", asOf: "2026-02-20") { published } }',
      {},
      token,
    );
    expect(publish.body.errors).toBeUndefined();
    const snapshot = (await server.gql(RANKING_QUERY, { month: '2026-01' }, token)).body.data?.ranking as RankingAnswer;
    expect(snapshot.published).toBe(true);
    const published = await server.get('/export/ranking.xlsx?month=2026-01', tokens['ty-chief']);
    expect(published.status).toBe(200);
    await expectRankingSheetEquals(published.bytes, snapshot);
  });

  it('refuses another city’s county ranking (403) and names a bad parameter (400)', async () => {
    const chief = tokens['ty-chief']!;
    expect((await errorOf('/export/ranking.xlsx?month=2026-01&parentCode=140200', chief)).status).toBe(403);
    expect(await errorOf('/export/ranking.xlsx?month=2026-13', chief)).toMatchObject({ status: 400, argument: 'month' });
    expect(await errorOf('/export/ranking.xlsx?parentCode=140000', chief)).toMatchObject({ status: 400, argument: 'month' });
    expect(await errorOf('/export/ranking.xlsx?month=2026-01&asOf=2026-02-30', chief)).toMatchObject({
      status: 400,
      argument: 'asOf',
    });
    expect(await errorOf('/export/ranking.xlsx?month=2026-01&parentCode=999999', chief)).toMatchObject({
      status: 400,
      argument: 'parentCode',
    });
    expect(await errorOf('/export/ranking.xlsx?month=2026-01&level=PROVINCE', chief)).toMatchObject({
      status: 400,
      argument: 'level',
    });
    expect(await errorOf('/export/ranking.xlsx?month=2026-01&sort=x', chief)).toMatchObject({ status: 400, argument: 'sort' });
    expect((await server.get('/export/ranking.xlsx?month=2026-01')).status).toBe(401);
  });

  it('words the export’s own refusals in Chinese and English, the parameter named first', async () => {
    const chief = tokens['ty-chief']!;
    expect(await errorOf('/export/ranking.xlsx?month=2026-01&sort=x', chief)).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      argument: 'sort',
      message:
        'sort: 未知参数（可用：month、parentCode、asOf、level）/ unknown parameter (known: month, parentCode, asOf, level)',
    });
    expect(await errorOf('/export/ranking.xlsx?parentCode=140000', chief)).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      argument: 'month',
      message: 'month: 必填，格式为 YYYY-MM / required, written YYYY-MM',
    });
    expect(await errorOf('/export/disclosure.xlsx?from=2026-01-01', chief)).toMatchObject({
      argument: 'to',
      message: 'to: 必填，日期，格式为 YYYY-MM-DD / required, a date written YYYY-MM-DD',
    });
    expect(await errorOf('/export/ranking.xlsx?month=2026-01&month=2026-02', chief)).toMatchObject({
      argument: 'month',
      message: 'month: 只能给出一次，且为文本 / give it once, as text',
    });
    expect(await errorOf('/export/ranking.xlsx?month=2026-01')).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: '请先登录 / sign in required',
    });
    expect(await errorOf('/export/ranking.xlsx?month=2026-01', 'not.a.jwt')).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: '登录已失效或无效，请重新登录 / the sign-in has expired or is not valid: sign in again',
    });
  });
});

describe('GET /export/overdue.xlsx', () => {
  it('equals the overdue CSV row for row over a few thousand rows, with real dates and frozen headers', async () => {
    const token = tokens['hz-supervisor']!;
    const query = `asOf=${OVERDUE_AS_OF}&regionCode=330100&sort=DUE_DATE`;
    const csv = await server.get(`/export/overdue.csv?${query}`, token);
    const xlsx = await server.get(`/export/overdue.xlsx?${query}`, token);
    expect(xlsx.status).toBe(200);
    const expected = csvRows(csv.text);
    expect(expected.length).toBeGreaterThan(2500);
    const ws = await sheetOf(xlsx.bytes);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(String(ws.getCell(1, 1).value)).toContain(`截至 ${OVERDUE_AS_OF}`);
    expect(ws.rowCount).toBe(1 + expected.length);
    const actual: string[][] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      actual.push(Array.from({ length: expected[0]!.length }, (_, c) => cellText(row.getCell(c + 1))));
    }
    expect(actual).toEqual(expected);
    const col = headerIndex(ws);
    const due = ws.getRow(3).getCell(col.get('到期日')!);
    expect(due.value).toBeInstanceOf(Date);
    expect(due.numFmt).toBe('yyyy-mm-dd');
    expect(ws.getRow(3).getCell(col.get('登记时间')!).value).toBeInstanceOf(Date);
    expect(typeof ws.getRow(3).getCell(col.get('超期工作日')!).value).toBe('number');
  });

  it('takes the CSV’s filters: scope and bad parameters as the CSV', async () => {
    const token = tokens['hz-supervisor']!;
    const filtered = await server.get(`/export/overdue.xlsx?asOf=${OVERDUE_AS_OF}&kinds=REPORT&unitCodes=330102`, token);
    const csv = await server.get(`/export/overdue.csv?asOf=${OVERDUE_AS_OF}&kinds=REPORT&unitCodes=330102`, token);
    expect((await sheetOf(filtered.bytes)).rowCount).toBe(1 + csvRows(csv.text).length);
    expect(String((await sheetOf(filtered.bytes)).getCell(1, 1).value)).toContain('类型：REPORT');
    expect((await errorOf(`/export/overdue.xlsx?asOf=${OVERDUE_AS_OF}&regionCode=330200`, token)).status).toBe(403);
    expect(await errorOf('/export/overdue.xlsx?sort=NAME', token)).toMatchObject({ status: 400, argument: 'sort' });
    expect(await errorOf('/export/overdue.xlsx?stages=NONE', token)).toMatchObject({ status: 400, argument: 'stages' });
  });
});

describe('GET /export/metrics.xlsx', () => {
  it('equals the metrics query, with its filters in row 1; checks and scope as the query', async () => {
    const token = tokens['sx-admin']!;
    const gql = await server.gql(
      `query { metrics(indicatorIds: ["received", "on_time_completion_rate", "recovered_amount"], groupBy: [CITY],
        filter: { from: "2026-01-01", to: "2026-01-31", kinds: [COMPLAINT, REPORT] }, asOf: "2026-02-20") {
        keys { code label } values { value numerator denominator } } }`,
      {},
      token,
    );
    const rows = gql.body.data?.metrics as {
      keys: { code: string; label: string }[];
      values: { value: number | null; numerator: number | null; denominator: number | null }[];
    }[];
    const res = await server.get(
      '/export/metrics.xlsx?indicatorIds=received,on_time_completion_rate,recovered_amount&groupBy=CITY' +
        '&from=2026-01-01&to=2026-01-31&kinds=COMPLAINT&kinds=REPORT&asOf=2026-02-20',
      token,
    );
    expect(res.status).toBe(200);
    const ws = await sheetOf(res.bytes);
    const title = String(ws.getCell(1, 1).value);
    expect(title).toContain('期间 2026-01-01 至 2026-01-31');
    expect(title).toContain('类型：COMPLAINT、REPORT');
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '市代码',
      '市',
      '登记量',
      '按时办结率',
      '按时办结率·分子',
      '按时办结率·分母',
      '挽回经济损失（元）',
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(ws.rowCount).toBe(2 + rows.length);
    rows.forEach((row, i) => {
      const r = ws.getRow(3 + i);
      // '' (the province's own units) is an empty cell
      expect([r.getCell(1).value ?? '', r.getCell(2).value]).toEqual([row.keys[0]!.code, row.keys[0]!.label]);
      expect(r.getCell(3).value ?? null).toBe(row.values[0]!.value);
      const rate = row.values[1]!;
      if (rate.value === null) expect(r.getCell(4).value ?? null).toBeNull();
      else expect(r.getCell(4).value as number).toBeCloseTo(rate.value / 100, 12);
      expect(r.getCell(4).numFmt).toBe('0.0%');
      expect([r.getCell(5).value ?? null, r.getCell(6).value ?? null]).toEqual([rate.numerator, rate.denominator]);
      expect(r.getCell(7).value ?? null).toBe(row.values[2]!.value);
      expect(r.getCell(7).numFmt).toBe('#,##0.00');
    });
    const chief = tokens['ty-chief']!;
    const base = '/export/metrics.xlsx?indicatorIds=received&from=2026-01-01&to=2026-01-31';
    expect((await errorOf(`${base}&regionCode=140200&groupBy=COUNTY`, chief)).status).toBe(403);
    expect(await errorOf(`${base}&groupBy=STREET`, chief)).toMatchObject({ status: 400, argument: 'groupBy' });
    expect(await errorOf(`${base}&kinds=LETTER`, chief)).toMatchObject({ status: 400, argument: 'kinds' });
    expect(await errorOf(`${base}&foodRelated=yes`, chief)).toMatchObject({ status: 400, argument: 'foodRelated' });
    expect(await errorOf(`${base}&regionCode=12`, chief)).toMatchObject({ status: 400, argument: 'regionCode' });
    expect(await errorOf(`${base.replace('2026-01-01', '2026-02-01')}`, chief)).toMatchObject({
      status: 400,
      argument: 'from',
    });
    expect(await errorOf('/export/metrics.xlsx?indicatorIds=nope&from=2026-01-01&to=2026-01-31', chief)).toMatchObject({
      status: 400,
      argument: 'indicatorIds',
    });
  });
});

describe('hotspots, disclosure and red/black lists', () => {
  it('equal their GraphQL fields; case scope and parameters as the fields', async () => {
    const token = tokens['ty-chief']!;
    const gql = await server.gql(
      `query {
        foodSafetyHotspots(month: "2026-01") { operators { operatorName count } industries { keys { code } } counties { keys { code } } }
        operatorRedBlackList(from: "2025-12-01", to: "2026-01-31", asOf: "2026-02-20") { red { operatorName } black { operatorName } }
        complaintDisclosure(from: "2025-12-01", to: "2026-01-31", asOf: "2026-02-20", first: 500) { totalCount nodes { operatorName complaints closed } }
      }`,
      {},
      token,
    );
    expect(gql.body.errors).toBeUndefined();
    const data = gql.body.data as {
      foodSafetyHotspots: { operators: { operatorName: string; count: number }[]; industries: unknown[]; counties: unknown[] };
      operatorRedBlackList: { red: { operatorName: string }[]; black: { operatorName: string }[] };
      complaintDisclosure: { totalCount: number; nodes: { operatorName: string; complaints: number; closed: number }[] };
    };
    expect(data.foodSafetyHotspots.operators.length).toBeGreaterThanOrEqual(2);
    expect(data.complaintDisclosure.totalCount).toBeGreaterThanOrEqual(2);
    expect(data.operatorRedBlackList.red.length).toBeGreaterThanOrEqual(2);
    const hot = await server.get('/export/hotspots.xlsx?month=2026-01', token);
    expect(hot.status).toBe(200);
    const [ops, industries, counties] = await Promise.all([0, 1, 2].map((i) => sheetOf(hot.bytes, i)));
    expect([ops!.name, industries!.name, counties!.name]).toEqual(['经营者', '行业', '县区']);
    expect(ops!.rowCount - 2).toBe(data.foodSafetyHotspots.operators.length);
    data.foodSafetyHotspots.operators.forEach((o, i) => {
      expect([ops!.getRow(3 + i).getCell(1).value, ops!.getRow(3 + i).getCell(3).value]).toEqual([o.operatorName, o.count]);
    });
    expect(industries!.rowCount - 2).toBe(data.foodSafetyHotspots.industries.length);
    expect(counties!.rowCount - 2).toBe(data.foodSafetyHotspots.counties.length);

    const disclosure = await sheetOf(
      (await server.get('/export/disclosure.xlsx?from=2025-12-01&to=2026-01-31&asOf=2026-02-20', token)).bytes,
    );
    expect(disclosure.rowCount - 2).toBe(data.complaintDisclosure.totalCount);
    data.complaintDisclosure.nodes.forEach((n, i) => {
      const r = disclosure.getRow(3 + i);
      expect([r.getCell(1).value, r.getCell(3).value, r.getCell(4).value]).toEqual([n.operatorName, n.complaints, n.closed]);
      expect(r.getCell(5).numFmt).toBe('0.0%');
    });

    const redBlack = await sheetOf(
      (await server.get('/export/red-black.xlsx?from=2025-12-01&to=2026-01-31&asOf=2026-02-20', token)).bytes,
    );
    const listed = [
      ...data.operatorRedBlackList.red.map((o) => ['红榜', o.operatorName]),
      ...data.operatorRedBlackList.black.map((o) => ['黑榜', o.operatorName]),
    ];
    expect(redBlack.rowCount - 2).toBe(listed.length);
    listed.forEach((l, i) => {
      expect([redBlack.getRow(3 + i).getCell(1).value, redBlack.getRow(3 + i).getCell(3).value]).toEqual(l);
    });

    for (const route of [
      'hotspots.xlsx?month=2026-01',
      'disclosure.xlsx?from=2026-01-01&to=2026-01-31',
      'red-black.xlsx?from=2026-01-01&to=2026-01-31',
    ]) {
      expect((await errorOf(`/export/${route}&regionCode=140200`, token)).status).toBe(403);
    }
    expect(await errorOf('/export/hotspots.xlsx?month=2026-01&top=1000', token)).toMatchObject({ status: 400, argument: 'top' });
    expect(await errorOf('/export/disclosure.xlsx?from=2026-01-01', token)).toMatchObject({ status: 400, argument: 'to' });
    expect(await errorOf('/export/red-black.xlsx?from=2026-01-01&to=2026-01-31&asOf=x', token)).toMatchObject({
      status: 400,
      argument: 'asOf',
    });
  });
});

describe('audit log', () => {
  it('records one EXPORT_XLSX entry per file handed out, naming the table and the file, none for a refusal', async () => {
    const entries = await server.stores.orm.em.fork().find(AuditEntry, { action: 'EXPORT_XLSX' }, { orderBy: { id: 'asc' } });
    const tables = entries.map((e) => (e.params as { table: string }).table);
    expect(tables.filter((t) => t === 'ranking')).toHaveLength(2);
    expect(tables.filter((t) => t === 'overdue')).toHaveLength(2);
    expect(tables.filter((t) => t === 'metrics')).toHaveLength(1);
    expect(tables.filter((t) => t === 'hotspots')).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'sx-admin', actorRole: 'PROVINCE_ADMIN', target: 'ranking_140000_2026-01.xlsx' });
    expect(entries[0]!.params).toMatchObject({ month: '2026-01', parentCode: '140000', asOf: '2026-02-20', level: 'CITY' });
  });
});

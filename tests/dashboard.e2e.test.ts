/**
 * End to end (issue "Dashboard" §Quality): the whole stack from a clean DATA_DIR as a user starts it, in Debian's
 * headless Chromium.
 *
 * Data: tests/fixtures/golden-shanxi-{1,2}.csv — the golden ranking fixture of the api
 * (packages/api/test-support/golden-fixture.ts) written as the platform's CSV export, loaded through the
 * real ETL CLI: file 1 before the server starts, file 2 (C2's newer, closed version) while it runs (handed to it).
 * One case is added for the drill-down: E1, an open 建议 at station 140105001 (小店区坞城所). A suggestion has no
 * stage, no due date and no closing, so it enters no scored indicator (only received / completion_rate).
 *
 * Hand-computed January 2026 city ranking of Shanxi (indicators.md §5 weights/floors/targets; every figure as in
 * packages/api/src/ranking/ranking.int.test.ts — no event of the fixture falls after 2026-02-02, so any later asOf,
 * e.g. today, gives the same figures):
 *  太原 140100: acceptance 0/2 (A1 decided 01-13 > due 01-12; A4 due 01-14, never) → 0 of 15; completion 1/1 → 20;
 *    mediation 1/1 → 15; satisfaction 1/1 → 15; 诉转案 0/1 → 0 of 5; disclosure 1/1 → 5; completeness 1/1 → 5;
 *    dispatch, verification, notification 0/0 (null, weight redistributed) → 100 × 60 / 80 = 75.00
 *  大同 140200: dispatch 1/1 → 5; verification 1/1 → 10; completion 0/1 (B1 closed 01-09, due 01-08) → 0 of 20;
 *    mediation → 15; satisfaction → 15; 诉转案 1/1 → 5; disclosure → 5; completeness → 5; acceptance,
 *    notification null → 100 × 60 / 80 = 75.00 → ties with 太原: both rank 1
 *  阳泉 140300: acceptance 1/1 → 15; verification 1/1 → 10; completion 1/1 → 20; notification 1/1 → 5; mediation
 *    0/1 (C2 终止调解) → 0 of 15; satisfaction 3/4 = 75 % → 15 × (75−70)/30 = 2.5; 诉转案 0/1 → 0 of 5; disclosure
 *    0/1 → 0 of 5; completeness 3/4 = 75 % → 5 × (75−50)/50 = 2.5; dispatch null → 100 × 55 / 95 = 57.89 → rank 3
 *  长治 140400 (one open consultation) and the other cities: no score, no rank.
 *  previousRank from December 2025: 太原 93.75 → 1, 大同 81.25 → 2, 阳泉 none.
 * After January is published (issue 14): 阳泉's chief (yq-chief, added with `pnpm api users add`) has one unread 通报;
 * opening it signs for it; its PDF and Word files name the 文号 (晋市监〔this year〕1号: the data dir's first), the title,
 * the 主送 line (the bureau of every unit of the ranking) and 阳泉's own page with the API's rank and score; the province
 * sees that one 签收 out of the ranking's units. The published ranking.xlsx equals the GraphQL ranking cell for cell.
 * Overdue as of today: A4 (complaint, acceptance due 2026-01-14, never decided) is overdue; every other complaint or
 * report completed its current stage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { indicatorById } from '../packages/domain/src';
import {
  ARTIFACTS,
  byTestId,
  download,
  launchChromium,
  newContext,
  screenshots,
  signIn,
  textOf,
  waitForText,
} from './support/browser';
import {
  addUser,
  docxText,
  ensureDashboardBuilt,
  etl,
  gql,
  login,
  pdfText,
  ROOT,
  type Stack,
  startStack,
  zipPart,
} from './support/stack';

const FIXTURE_1 = path.join(ROOT, 'tests/fixtures/golden-shanxi-1.csv');
const FIXTURE_2 = path.join(ROOT, 'tests/fixtures/golden-shanxi-2.csv');
const MONTH = '2026-01';

/** The hand-computed ranking above: [code, name, rank, previous rank, score]. */
const HAND_RANKING: [string, string, number | null, number | null, number | null][] = [
  ['140100', '太原市', 1, 1, 75],
  ['140200', '大同市', 1, 2, 75],
  ['140300', '阳泉市', 3, null, 57.89],
  ['140400', '长治市', null, null, null],
];

const firstInteger = (text: string): number | null => {
  const m = /\d+/.exec(text);
  return m ? Number(m[0]) : null;
};
/** Does some line of `text` name `name` together with `value` as a standalone number? */
const lineWith = (text: string, name: string, value: string) =>
  text
    .split('\n')
    .some((line) => line.includes(name) && new RegExp(`(^|[^\\d.])${value.replace('.', '\\.')}([^\\d.]|$)`).test(line));

const todayShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

let dataDir: string;
let stack: Stack | undefined;
let buildError: unknown = null;
let adminToken: string;
let secondLoad: { stdout: string; stderr: string };
/** The chief of 阳泉 (rank 3, 57.89), added with `pnpm api users add`: the demo chief's city is not in the fixture. */
const YQ_CHIEF = {
  username: 'yq-chief',
  password: `e2e-${Math.random().toString(36).slice(2)}-Pw9!`,
  role: 'CITY_CHIEF',
  regionCode: '140300',
};

interface RankingAnswer {
  asOf: string;
  published: boolean;
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
const RANKING_QUERY = `query($m: String!) { ranking(month: $m) { asOf published rows { region { code name } rank previousRank score noScore
  values { indicatorId value numerator denominator points } } } }`;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c12315-e2e-'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  etl(dataDir, ['load', FIXTURE_1]);
  // The server serves the dashboard once dist/index.html exists (before that, a page saying how to build it): build
  // first. A failed build is kept for the browser tests to report; the API-level tests still run.
  try {
    ensureDashboardBuilt();
  } catch (error) {
    buildError = error;
  }
  stack = await startStack({ dataDir });
  secondLoad = etl(dataDir, ['load', FIXTURE_2]);
  adminToken = await login(stack.baseUrl, 'admin', stack.passwords.admin ?? '');
  addUser(dataDir, YQ_CHIEF);
}, 900_000);

afterAll(async () => {
  try {
    await stack?.stop();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

const base = () => (stack as Stack).baseUrl;

describe('the stack, through HTTP', () => {
  it('printed one demo password per role; the second load was handed to the running server', () => {
    expect(Object.keys(stack?.passwords ?? {}).sort()).toEqual(['admin', 'analyst', 'chief', 'foodsafety', 'supervisor']);
    expect(secondLoad.stderr).toMatch(/handing the load to it/);
    expect(secondLoad.stdout).toMatch(/replaced by newer:\s+1/);
  });

  it('ranks January 2026 as computed by hand', async () => {
    const data = await gql<{
      ranking: {
        rows: {
          region: { code: string; name: string };
          rank: number | null;
          previousRank: number | null;
          score: number | null;
        }[];
      };
    }>(
      base(),
      'query($m: String!) { ranking(month: $m) { rows { region { code name } rank previousRank score } } }',
      { m: MONTH },
      adminToken,
    );
    expect(data.ranking.rows.slice(0, 4).map((r) => [r.region.code, r.region.name, r.rank, r.previousRank, r.score])).toEqual(
      HAND_RANKING,
    );
  });

  it('lists the station’s cases and shows one case', async () => {
    const data = await gql<{
      cases: { totalCount: number; nodes: { caseId: string }[] };
      case: { caseId: string; acceptanceDue: string; status: string };
    }>(
      base(),
      `{ cases(filter: { from: "2026-01-01", to: "2026-01-31", regionCode: "140105001" }) { totalCount nodes { caseId } }
         case(caseId: "A4") { caseId acceptanceDue status } }`,
      {},
      adminToken,
    );
    expect(data.cases).toEqual({ totalCount: 1, nodes: [{ caseId: 'E1' }] });
    // A4: registered 01-05, acceptance due = addWorkdays(01-05, 7) = 01-14
    expect(data.case).toEqual({ caseId: 'A4', acceptanceDue: '2026-01-14', status: '待受理' });
  });

  it('exports the overdue list as CSV: BOM, Chinese header, A4', async () => {
    const res = await fetch(`${base()}/export/overdue.csv?regionCode=140000`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^案件编号,类型,登记时间,承办单位代码/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['A4']);
  });

  it('refuses the report PDF without a token', async () => {
    expect((await fetch(`${base()}/export/report.pdf?month=${MONTH}`)).status).toBe(401);
  });
});

describe('the dashboard, in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (buildError) throw buildError;
    browser = await launchChromium();
    context = await newContext(browser, base());
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A browser step: on failure the page as it stood goes to artifacts/e2e/FAILED-<slug>.png. */
  const step = (name: string, fn: () => Promise<void>, timeout?: number) =>
    it(
      name,
      async () => {
        try {
          await fn();
        } catch (error) {
          const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
          await page?.screenshot({ path: path.join(ARTIFACTS, `FAILED-${slug}.png`), fullPage: true }).catch(() => undefined);
          throw error;
        }
      },
      timeout,
    );

  step('signs in and shows the user, role and region in the header', async () => {
    await page.goto('/login');
    await page.waitForSelector(byTestId('login-submit'));
    await screenshots(page, 'login');
    await signIn(page, 'admin', stack?.passwords.admin ?? '');
    expect(await textOf(page, 'header-role')).not.toBe('');
    expect(await textOf(page, 'header-region')).toContain('山西');
  });

  step('shows the January ranking with the hand-computed ranks', async () => {
    await page.goto(`/ranking?month=${MONTH}&level=CITY&parent=140000`);
    await page.waitForSelector(byTestId('ranking-row-140300'));
    const order = await page.$$eval('[data-testid^="ranking-row-"]', (rows) =>
      rows.map((r) => r.getAttribute('data-testid')?.replace('ranking-row-', '')),
    );
    expect(order.slice(0, 3)).toEqual(['140100', '140200', '140300']);
    for (const [code, name, rank, previous, score] of HAND_RANKING) {
      expect([code, firstInteger(await textOf(page, `ranking-rank-${code}`))]).toEqual([code, rank]);
      expect([code, firstInteger(await textOf(page, `ranking-prev-${code}`))]).toEqual([code, previous]);
      // 57.89 as such; 75 may be printed 75 or 75.00
      if (score !== null)
        expect(await textOf(page, `ranking-score-${code}`)).toContain(Number.isInteger(score) ? String(score) : score.toFixed(2));
      expect(await textOf(page, `ranking-row-${code}`)).toContain(name);
    }
    for (const name of ['太原市', '大同市', '阳泉市']) expect(await textOf(page, 'red-list')).toContain(name);
    await page.waitForSelector(byTestId('score-chart'));
    await screenshots(page, 'ranking');
    await page.goto(`/ranking/unit/140300?month=${MONTH}`);
    await page.waitForSelector(byTestId('unit-breakdown'));
    await page.waitForSelector(byTestId('trend-chart'));
    await screenshots(page, 'unit-breakdown');
  });

  step('opens on the latest month with data, and says when a chosen month has none', async () => {
    // Cases were received in 2025-11 … 2026-01 only: opened without a month, the page shows the last complete month
    // when it is one of those, else moves to January 2026.
    const [year, month] = todayShanghai().split('-').map(Number) as [number, number];
    const lastFullMonth = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
    const expected = ['2025-11', '2025-12', '2026-01'].includes(lastFullMonth) ? lastFullMonth : MONTH;
    await page.goto('/ranking');
    await page.waitForURL(new RegExp(`[?&]month=${expected}`));
    await page.waitForSelector(byTestId('ranking-row-140100'));
    expect(await page.$eval(byTestId('month-picker'), (el) => (el as HTMLSelectElement).value)).toBe(expected);
    expect(await page.$(byTestId('ranking-no-data'))).toBeNull();
    await page.goto('/ranking?month=2026-06&level=CITY&parent=140000');
    await waitForText(page, 'ranking-no-data', '2026年6月没有登记的案件');
    expect(await textOf(page, 'ranking-no-data')).toContain('有数据的最近月份是2026年1月');
    expect(await page.$(byTestId('score-chart'))).toBeNull();
    await screenshots(page, 'ranking-no-data');
    await page.click(byTestId('ranking-open-latest'));
    await page.waitForURL(/[?&]month=2026-01/);
    await page.waitForSelector(byTestId('ranking-row-140300'));
  });

  step('drills province → city → county → station → case, records a 督办 and shows it in the history', async () => {
    await page.goto('/drill/140000?from=2026-01-01&to=2026-01-31');
    await page.waitForSelector(byTestId('drill-row-140100'));
    await screenshots(page, 'drill');
    for (const code of ['140100', '140105', '140105001']) {
      await page.click(byTestId(`drill-row-${code}`));
      await page.waitForURL(new RegExp(`/drill/${code}\\?`));
    }
    await page.waitForSelector(byTestId('case-row-E1'));
    expect(page.url()).toContain('from=2026-01-01');
    await screenshots(page, 'case-list');
    await page.click(byTestId('case-row-E1'));
    await waitForText(page, 'case-detail', 'E1');
    const note = `e2e 督办 ${Date.now()}`;
    const deadline = daysFromToday(7);
    await page.fill(byTestId('supervise-note'), note);
    await page.fill(byTestId('supervise-deadline'), deadline);
    await page.click(byTestId('supervise-submit'));
    await waitForText(page, 'supervision-history', note);
    await screenshots(page, 'case');
    const stored = await gql<{ case: { supervisions: { note: string; deadline: string; supervisedBy: string }[] } }>(
      base(),
      '{ case(caseId: "E1") { supervisions { note deadline supervisedBy } } }',
      {},
      adminToken,
    );
    expect(stored.case.supervisions).toEqual([{ note, deadline, supervisedBy: 'admin' }]);
  });

  step('lists the overdue cases and exports them as CSV', async () => {
    await page.goto(`/overdue?asOf=${todayShanghai()}`);
    await page.waitForSelector(byTestId('overdue-row-A4'));
    await screenshots(page, 'overdue');
    const csv = await download(page, 'overdue-export-csv', 'overdue.csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\n')[0]).toContain('案件编号');
    expect(text).toMatch(/^A4,投诉,2026-01-05 11:00:00,140100,/m);
  });

  step('shows the food-safety hotspots page without an error', async () => {
    await page.goto(`/hotspots?month=${MONTH}`);
    await page.waitForSelector(`${byTestId('hotspot-operators')}, ${byTestId('state-empty')}, ${byTestId('state-error')}`);
    expect(await page.$(byTestId('state-error'))).toBeNull();
    await screenshots(page, 'hotspots');
  });

  step('预警: shows the month’s rises with the rule, publishes the edited 消费提示 and lists it with its author', async () => {
    await page.goto(`/warnings?month=${MONTH}`);
    await page.waitForSelector(`${byTestId('rise-table')}, ${byTestId('no-rises')}, ${byTestId('state-error')}`);
    expect(await page.$(byTestId('state-error'))).toBeNull();
    expect(await page.textContent(byTestId('warning-rule'))).toContain('当月投诉举报不少于5件');
    await page.click(byTestId('warning-subscribe'));
    await page.waitForSelector(`${byTestId('warning-link')}`);
    await page.fill(byTestId('warning-text'), '端到端测试发布的消费提示');
    await page.click(byTestId('warning-publish'));
    await page.waitForSelector(`${byTestId('published-warnings')} >> text=端到端测试发布的消费提示`);
    expect(await page.textContent(byTestId('published-warnings'))).toContain('admin 于');
    await screenshots(page, 'warnings');
  });

  step('lists the published month, opens the report and downloads its PDF with the cities and ranks', async () => {
    const published = await gql<{ publishRanking: { published: boolean } }>(
      base(),
      'mutation { publishRanking(month: "2026-01", asOf: "2026-02-02") { published } }',
      {},
      adminToken,
    );
    expect(published.publishRanking.published).toBe(true);
    const listed = await gql<{ reports: { month: string; published: boolean }[] }>(
      base(),
      '{ reports(through: "2026-01") { month published } }',
      {},
      adminToken,
    );
    expect(listed.reports.filter((m) => m.published).map((m) => m.month)).toEqual([MONTH]);
    await page.goto('/reports');
    await page.waitForSelector(byTestId('report-list'));
    await waitForText(page, 'report-list', '已发布');
    await screenshots(page, 'reports');
    await page.goto(`/reports/${MONTH}?parent=140000`);
    await page.waitForSelector('[data-testid="report-page"][data-ready="true"]', { timeout: 60_000 });
    for (const [code, name] of HAND_RANKING.slice(0, 3)) expect(await textOf(page, `report-city-${code}`)).toContain(name);
    await screenshots(page, 'report');
    const pdf = await download(page, 'report-pdf', 'report.pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    fs.writeFileSync(path.join(ARTIFACTS, 'report.txt'), text);
    for (const [, name, rank] of HAND_RANKING.slice(0, 3)) {
      expect([name, lineWith(text, name, String(rank))]).toEqual([name, true]);
    }
    expect(text).toContain('57.89');
  });

  step(
    'the chief of 阳泉 sees the unread 通报, opens it (签收) and downloads its PDF and Word files: 文号, title, 主送, rank and score',
    async () => {
      const ranking = (await gql<{ ranking: RankingAnswer }>(base(), RANKING_QUERY, { m: MONTH }, adminToken)).ranking;
      expect(ranking.published).toBe(true);
      const yq = ranking.rows.find((r) => r.region.code === YQ_CHIEF.regionCode);
      expect([yq?.rank, yq?.score]).toEqual([3, 57.89]);
      // 主送: the bureau of every unit of the ranking (scored or not), in the ranking's order
      const units = ranking.rows.map((r) => r.region.name);
      expect(units.slice(0, 4)).toEqual(['太原市', '大同市', '阳泉市', '长治市']);
      const docNumber = `晋市监〔${todayShanghai().slice(0, 4)}〕1号`;
      const title = '关于2026年1月全省12315投诉举报处理效能评价情况的通报';
      const mainRecipients = `${units.map((n) => `${n}市场监督管理局`).join('、')}：`;
      const ownPage = `阳泉市2026年1月12315投诉举报处理效能评价情况`;
      const ownRank = `综合得分${(yq?.score as number).toFixed(2)}分，排第${yq?.rank}名`;

      const chiefContext = await newContext(browser, base());
      const chief = await chiefContext.newPage();
      try {
        await signIn(chief, YQ_CHIEF.username, YQ_CHIEF.password);
        await waitForText(chief, 'notice-unread', /^\s*1\s*$/);
        await chief.click(byTestId('notice-link'));
        await chief.waitForURL(/\/inbox$/);
        await chief.waitForSelector('[data-testid="inbox-item-2026-01"][data-read="false"]');
        expect(await chief.$$('[data-testid^="inbox-item-"]')).toHaveLength(1);
        expect(await textOf(chief, 'inbox-item-2026-01')).toContain('2026年1月');
        await screenshots(chief, 'inbox');
        await chief.click(`${byTestId('inbox-item-2026-01')} a.report-month`);
        await waitForText(chief, 'notice-signed', YQ_CHIEF.username);
        // signing refetches the count: the badge goes
        await chief.waitForSelector(byTestId('notice-unread'), { state: 'detached' });
        await screenshots(chief, 'notice');

        const pdf = await download(chief, 'notice-pdf', 'notice.pdf');
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const pdfLines = pdfText(pdf);
        fs.writeFileSync(path.join(ARTIFACTS, 'notice.txt'), pdfLines);
        const docx = await download(chief, 'notice-docx', 'notice.docx');
        expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
        const xml = zipPart(docx, 'word/document.xml');
        const docText = docxText(xml);
        fs.writeFileSync(path.join(ARTIFACTS, 'notice-docx.txt'), docText);
        // the PDF's lines wrap and are padded with spaces: compare without white space
        const compact = (t: string) => t.replace(/\s+/g, '');
        for (const [format, text] of [
          ['pdf', compact(pdfLines)],
          ['docx', compact(docText)],
        ] as const) {
          for (const expected of [docNumber, title, mainRecipients, ownPage, ownRank]) {
            expect([format, expected, text.includes(expected)]).toEqual([format, expected, true]);
          }
        }
        // 主送 is a line of its own in the Word file; 附件 1 has 阳泉's row with the API's rank and score
        expect(docText.split('\n')).toContain(mainRecipients);
        const cells = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((m) => docxText(m[1] as string).replace(/\n/g, '|'));
        expect(cells.some((c) => c.startsWith(`${yq?.rank}|阳泉市|${(yq?.score as number).toFixed(2)}|`))).toBe(true);
        expect(pdfLines).toMatch(new RegExp(`\\n\\s*${yq?.rank}\\s+阳泉市\\s+${(yq?.score as number).toFixed(2)}\\s`));

        const chiefToken = await login(base(), YQ_CHIEF.username, YQ_CHIEF.password);
        const after = await gql<{ unreadNoticeCount: number; noticeInbox: { read: boolean; signedBy: string | null }[] }>(
          base(),
          '{ unreadNoticeCount noticeInbox { read signedBy } }',
          {},
          chiefToken,
        );
        expect(after).toEqual({ unreadNoticeCount: 0, noticeInbox: [{ read: true, signedBy: YQ_CHIEF.username }] });
        await chief.reload();
        await chief.waitForSelector(byTestId('notice-link'));
        expect(await chief.$(byTestId('notice-unread'))).toBeNull();
      } finally {
        await chiefContext.close();
      }
    },
    180_000,
  );

  step('the province sees 阳泉’s 签收 on the report page, the other cities not signed', async () => {
    await page.goto(`/reports/${MONTH}?parent=140000`);
    await waitForText(page, 'receipt-140300', YQ_CHIEF.username);
    expect(await textOf(page, 'receipt-140300')).toContain('✔');
    for (const code of ['140100', '140200']) {
      expect(await textOf(page, `receipt-${code}`)).not.toContain('✔');
    }
    // the table itself (the report page above it is long), at desktop and phone widths
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await page.locator(byTestId('notice-receipts')).screenshot({ path: path.join(ARTIFACTS, `notice-receipts-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    // every unit of the ranking received the 通报; only 阳泉 signed
    const units = (await gql<{ ranking: RankingAnswer }>(base(), RANKING_QUERY, { m: MONTH }, adminToken)).ranking.rows.map(
      (r) => r.region.code,
    );
    expect(await textOf(page, 'notice-receipts-summary')).toMatch(new RegExp(`1\\D+${units.length}$`));
    const receipts = await gql<{
      noticeReceipts: { signedCount: number; rows: { recipient: { code: string }; signed: boolean; signedBy: string | null }[] };
    }>(
      base(),
      '{ noticeReceipts(month: "2026-01", parentCode: "140000") { signedCount rows { recipient { code } signed signedBy } } }',
      {},
      adminToken,
    );
    expect(receipts.noticeReceipts.signedCount).toBe(1);
    expect(receipts.noticeReceipts.rows.map((r) => [r.recipient.code, r.signed, r.signedBy])).toEqual(
      [...units].sort().map((code) => (code === YQ_CHIEF.regionCode ? [code, true, YQ_CHIEF.username] : [code, false, null])),
    );
  });
});

describe('after publication, through HTTP', () => {
  it('the ranking .xlsx of the published month, read back with exceljs, equals the GraphQL ranking', async () => {
    const ranking = (await gql<{ ranking: RankingAnswer }>(base(), RANKING_QUERY, { m: MONTH }, adminToken)).ranking;
    expect(ranking.published).toBe(true);
    const res = await fetch(`${base()}/export/ranking.xlsx?month=${MONTH}&parentCode=140000`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    fs.writeFileSync(path.join(ARTIFACTS, 'ranking.xlsx'), bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(ws.getCell(1, 1).value)).toContain('已发布');
    const col = new Map<string, number>();
    ws.getRow(2).eachCell((cell, c) => col.set(String(cell.value), c));
    expect(ws.rowCount).toBe(2 + ranking.rows.length);
    let compared = 0;
    ranking.rows.forEach((row, i) => {
      const r = ws.getRow(3 + i);
      const at = (header: string) => {
        const c = col.get(header);
        if (!c) throw new Error(`no column ${header}`);
        return r.getCell(c).value ?? null;
      };
      expect([row.region.code, at('区划代码'), at('单位'), at('排名'), at('综合得分'), at('上月排名')]).toEqual([
        row.region.code,
        row.region.code,
        row.region.name,
        row.rank,
        row.noScore ? '无评分' : row.score,
        row.previousRank,
      ]);
      for (const v of row.values) {
        const name = indicatorById(v.indicatorId)?.nameZh;
        // value (with its unit), ·分子, ·分母, ·得分
        const headers = [...col.keys()].filter((h) => h.replace(/（[^）]*）$/, '').split('·')[0] === name);
        expect([v.indicatorId, headers.length]).toEqual([v.indicatorId, 4]);
        const [valueHeader, numHeader, denHeader, pointsHeader] = headers as [string, string, string, string];
        const cell = r.getCell(col.get(valueHeader) as number);
        const value = cell.value ?? null;
        // rates are percent cells: the API's 95.3 written as 0.953
        if (v.value !== null && cell.numFmt === '0.0%') expect(value as number).toBeCloseTo(v.value / 100, 12);
        else expect([v.indicatorId, value]).toEqual([v.indicatorId, v.value]);
        expect([v.indicatorId, at(numHeader), at(denHeader), at(pointsHeader)]).toEqual([
          v.indicatorId,
          v.numerator,
          v.denominator,
          v.points,
        ]);
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(3 * 10);
  });
});

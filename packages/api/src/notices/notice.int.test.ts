/**
 * The 通报 end to end over the real HTTP app (wireApp): golden fixture in a real chdb store, SQLite metadata, Debian's
 * Chromium for the PDF. Read back with pdftotext / pdfinfo (poppler-utils) and unzip (word/document.xml). Every
 * figure checked is the ranking API's own answer, asked over /graphql by the same user.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { AuditEntry } from '@c12315/store';
import { loadGoldenFixture } from '../../test-support/golden-fixture';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { signToken } from '../auth/tokens';
import { createUserAccount } from '../auth/user-accounts.service';
import { clearReadCache } from '../common/read-cache';
import { todayInShanghai } from '../indicators/period';

jest.setTimeout(120_000);

let server: TestServer;
let tmp: string;
const tokens: Record<string, string> = {};
const YEAR = Number(todayInShanghai().slice(0, 4));

const RANKING = `query R($month: String!) { ranking(month: $month) { published
  rows { region { code name } rank score } totals { indicatorId value } } }`;
interface RankingAnswer {
  published: boolean;
  rows: { region: { code: string; name: string }; rank: number | null; score: number | null }[];
  totals: { indicatorId: string; value: number | null }[];
}

async function ranking(month: string, token = tokens.admin): Promise<RankingAnswer> {
  const res = await server.gql(RANKING, { month }, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return (res.body.data as { ranking: RankingAnswer }).ranking;
}

function run(cmd: string, args: string[], input?: Buffer): string {
  const out = spawnSync(cmd, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`${cmd} failed: ${out.stderr.toString()}`);
  return out.stdout.toString('utf8');
}
const pdfText = (pdf: Buffer) => run('pdftotext', ['-layout', '-', '-'], pdf);

function docxPart(docx: Buffer, part: string): string {
  const file = path.join(tmp, `n-${Math.random().toString(36).slice(2)}.docx`);
  fs.writeFileSync(file, docx);
  return run('unzip', ['-p', file, part]);
}
/** The visible text of a WordprocessingML part: its w:t runs, one line per paragraph. */
const docxText = (xml: string) =>
  xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');

async function notice(format: 'pdf' | 'docx', query: string, token = tokens.admin) {
  return server.get(`/export/notice.${format}?${query}`, token);
}

beforeAll(async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-test-'));
  server = await startTestServer('notice-');
  await loadGoldenFixture(server.stores.ch);
  const orm = server.stores.orm;
  for (const [name, role, region] of [
    ['admin', 'PROVINCE_ADMIN', '140000'],
    ['chief', 'CITY_CHIEF', '140100'],
    ['zj', 'PROVINCE_ADMIN', '330000'],
  ] as const) {
    const account = await createUserAccount(
      orm,
      { username: `n-${name}`, password: 'Notice2026pass', role, regionCode: region },
      { actor: 'test' },
    );
    tokens[name] = await signToken(account, { orm, config: server.config });
  }
});
afterAll(async () => {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('GET /export/notice.pdf and .docx', () => {
  it('the PDF shows the 文号, title, 主送 line and each city’s rank and score as the ranking API gives them', async () => {
    const res = await notice('pdf', 'month=2026-01&parentCode=140000');
    expect(res.status).toBe(200);
    const text = pdfText(res.bytes);
    expect(text).toContain('山西省市场监督管理局');
    expect(text).toContain(`晋市监〔${YEAR}〕1号`);
    expect(text.replace(/\s+/g, '')).toContain('关于2026年1月全省12315投诉举报处理效能评价情况的通报');
    expect(text.replace(/\s+/g, '')).toContain('太原市市场监督管理局、大同市市场监督管理局、阳泉市市场监督管理局');
    expect(text).toContain('未发布稿');
    const api = await ranking('2026-01');
    const scored = api.rows.filter((r) => r.rank !== null);
    expect(scored.length).toBeGreaterThan(0);
    for (const row of scored) {
      expect(text).toMatch(new RegExp(`\\n\\s*${row.rank}\\s+${row.region.name}\\s+${(row.score as number).toFixed(2)}\\s`));
    }
    const received = api.totals.find((t) => t.indicatorId === 'received')?.value;
    expect(text.replace(/\s+/g, '')).toContain(`共登记投诉、举报、咨询和建议${received}件`);
    const audit = await server.stores.orm.em.fork().find(AuditEntry, { action: 'EXPORT_NOTICE_PDF' });
    expect(audit.map((a) => [a.actor, a.target, a.params])).toEqual([
      ['n-admin', 'notice_140000_2026-01.pdf', { month: '2026-01', parentCode: '140000', docNumber: `晋市监〔${YEAR}〕1号` }],
    ]);
  });

  it('layout: A4, every word inside the 版心 (28 mm / 37 mm, 156 × 225 mm), page numbers "— n —" beneath it', async () => {
    const res = await notice('pdf', 'month=2026-01&parentCode=140000');
    const file = path.join(tmp, 'layout.pdf');
    fs.writeFileSync(file, res.bytes);
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const mm = 72 / 25.4;
    const box = { left: 28 * mm, right: (28 + 156) * mm, top: 37 * mm, bottom: (37 + 225) * mm };
    const bbox = run('pdftotext', ['-bbox', file, '-']);
    const pageChunks = bbox.split('<page ').slice(1);
    expect(pageChunks).toHaveLength(pages);
    pageChunks.forEach((chunk, i) => {
      const words = [...chunk.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
        w: m[5] as string,
      }));
      // pdftotext's word boxes span the font's whole ascent and descent: a word is placed by the middle of its box.
      const mid = (w: (typeof words)[number]) => (w.y0 + w.y1) / 2;
      const inside = words.filter((w) => mid(w) <= box.bottom);
      const footer = words.filter((w) => mid(w) > box.bottom);
      for (const w of inside) {
        expect([i + 1, w.w, w.x0 >= box.left - 1, w.x1 <= box.right + 1, mid(w) >= box.top]).toEqual([
          i + 1,
          w.w,
          true,
          true,
          true,
        ]);
      }
      // the text starts at the 版心's left edge and on its first line (no wider margin either)
      expect(Math.abs(Math.min(...inside.map((w) => w.x0)) - box.left)).toBeLessThan(1);
      expect(Math.min(...inside.map(mid)) - box.top).toBeLessThan(29);
      // "— n —", 7 mm (± 1.5 mm) under the 版心, centred on the page
      expect(footer.map((w) => w.w).join(' ')).toBe(`— ${i + 1} —`);
      expect(Math.abs(mid(footer[0] as (typeof words)[number]) - (box.bottom + 7 * mm))).toBeLessThan(1.5 * mm);
    });
  });

  it('the .docx says the same (文号, title, 主送, rank and score) with the standard’s margins in twips and a PAGE footer', async () => {
    const res = await notice('docx', 'month=2026-01&parentCode=140000');
    expect(res.status).toBe(200);
    const xml = docxPart(res.bytes, 'word/document.xml');
    const text = docxText(xml);
    expect(text).toContain(`晋市监〔${YEAR}〕1号`);
    expect(text).toContain('关于2026年1月全省12315投诉举报处理效能评价情况的通报');
    expect(text).toMatch(/^太原市市场监督管理局、大同市市场监督管理局、.*市场监督管理局：$/m);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:color w:val="E60012"');
    const api = await ranking('2026-01');
    const cells = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((m) => docxText(m[1] as string).replace(/\n/g, '|'));
    for (const row of api.rows.filter((r) => r.rank !== null)) {
      expect(cells.some((c) => c.startsWith(`${row.rank}|${row.region.name}|${(row.score as number).toFixed(2)}|`))).toBe(true);
    }
    const footers = ['word/footer1.xml', 'word/footer2.xml'].map((p) => docxText(docxPart(res.bytes, p)));
    const footerXml = docxPart(res.bytes, 'word/footer1.xml');
    expect(footerXml).toMatch(/PAGE/);
    expect(footers.every((f) => f.includes('— ') && f.includes(' —'))).toBe(true);
  });

  it('a city chief gets the province document plus its own page; another city or province is refused', async () => {
    const res = await notice('docx', 'month=2026-01', tokens.chief);
    expect(res.status).toBe(200);
    const text = docxText(docxPart(res.bytes, 'word/document.xml'));
    expect(text).toContain('关于2026年1月全省12315投诉举报处理效能评价情况的通报');
    expect(text).toContain('太原市2026年1月12315投诉举报处理效能评价情况');
    const api = await ranking('2026-01', tokens.chief);
    const ty = api.rows.find((r) => r.region.code === '140100');
    expect(text).toContain(`排第${ty?.rank}名`);
    expect(text).not.toContain('大同市2026年1月12315投诉举报处理效能评价情况');
    // the admin may ask for any city's page
    const dt = await notice('docx', 'month=2026-01&parentCode=140000&city=140200');
    expect(docxText(docxPart(dt.bytes, 'word/document.xml'))).toContain('大同市2026年1月12315投诉举报处理效能评价情况');
    for (const [query, token, status, argument] of [
      ['month=2026-01&city=140200', tokens.chief, 403, undefined],
      ['month=2026-01&parentCode=330000', tokens.chief, 403, undefined],
      ['month=2026-01&parentCode=140000', tokens.zj, 403, undefined],
      ['month=2026-01&parentCode=140000&city=330100', tokens.admin, 400, 'city'],
      ['month=2026-13&parentCode=140000', tokens.admin, 400, 'month'],
      ['month=2026-01&x=1', tokens.admin, 400, 'x'],
    ] as const) {
      for (const format of ['pdf', 'docx'] as const) {
        const r = await notice(format, query, token);
        expect([format, query, r.status]).toEqual([format, query, status]);
        if (argument) expect(JSON.parse(r.text).error.argument).toBe(argument);
      }
    }
    expect((await server.get('/export/notice.pdf?month=2026-01')).status).toBe(401);
  });

  it('a published month is frozen at publication: data loaded before its first build changes nothing', async () => {
    const asOf = 'asOf: "2026-02-02"';
    const totalsQuery = (month: string, fresh: boolean) =>
      `query { ranking(month: "${month}", ${asOf}${fresh ? ', fresh: true' : ''}) { totals { indicatorId value } } }`;
    const receivedOf = async (month: string, fresh: boolean) => {
      const res = await server.gql(totalsQuery(month, fresh), {}, tokens.admin);
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return (res.body.data as { ranking: RankingAnswer }).ranking.totals.find((t) => t.indicatorId === 'received')
        ?.value as number;
    };
    // December as the January notice compares with it (unpublished: computed with the same asOf)
    const decemberBefore = await receivedOf('2025-12', false);
    const januaryBefore = await receivedOf('2026-01', true);
    const published = await server.gql(`mutation { publishRanking(month: "2026-01", ${asOf}) { published } }`, {}, tokens.admin);
    expect(published.body.errors).toBeUndefined();
    // Between publication and the notice's first build: late cases of December, and of January a food-safety run on
    // one operator that would lead the hotspot paragraph.
    await insertCases(
      server.stores.ch,
      [
        ...['140105', '140200', '140200'].map((unit, i) =>
          caseRecord({ caseId: `LATEDEC${i}`, kind: 'COMPLAINT', handlingUnitCode: unit, registeredAt: '2025-12-20 10:00:00' }),
        ),
        ...Array.from({ length: 12 }, (_, i) =>
          caseRecord({
            caseId: `LATEJAN${i}`,
            kind: 'COMPLAINT',
            handlingUnitCode: '140105',
            registeredAt: '2026-01-20 10:00:00',
            respondentName: '迟到乳业有限公司',
            objectCategory: '商品-食品-乳制品',
            industryCode: '14',
          }),
        ),
      ],
      'late',
    );
    clearReadCache();
    // the months computed anew see the late cases…
    expect(await receivedOf('2025-12', false)).toBe(decemberBefore + 3);
    expect(await receivedOf('2026-01', true)).toBe(januaryBefore + 12);
    // …the published notice, built for the first time now, says what was known at publication
    const first = await notice('docx', 'month=2026-01&parentCode=140000');
    const firstPdf = pdfText((await notice('pdf', 'month=2026-01&parentCode=140000')).bytes);
    const before = docxText(docxPart(first.bytes, 'word/document.xml'));
    expect(before).toContain(`晋市监〔${YEAR}〕1号`);
    expect(before).not.toContain('未发布稿');
    expect(before).toContain(`（上月${decemberBefore}件）`);
    expect(before).not.toContain('迟到乳业');
    expect(firstPdf.replace(/\s+/g, '')).toContain(`（上月${decemberBefore}件）`);
    // and stays so, in either format
    const again = await notice('docx', 'month=2026-01&parentCode=140000');
    expect(docxPart(again.bytes, 'word/document.xml')).toBe(docxPart(first.bytes, 'word/document.xml'));
    expect(pdfText((await notice('pdf', 'month=2026-01&parentCode=140000')).bytes)).toBe(firstPdf);
    // the next notice of the year takes the next number
    const dec = docxText(docxPart((await notice('docx', 'month=2025-12&parentCode=140000')).bytes, 'word/document.xml'));
    expect(dec).toContain(`晋市监〔${YEAR}〕2号`);
  });
});

/**
 * The loader on the real engines (chdb + SQLite): idempotent re-loads, newer / older / conflicting versions, a case
 * whose sorting key moves, rejects and dropped personal data, and the ledger.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadLedgerEntry, loadConfig } from '@c12315/store';
import { openTestClickHouse, type TestClickHouse } from '@c12315/store/test-support/clickhouse-test-path';
import { openStores, type Stores } from '../runtime';
import { loadFile } from './file-loader';

const HEADER =
  '登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,受理决定,受理决定时间,办结时间,办结结果,联系电话,更新时间';

let dir: string;
let stores: Stores;
let clickhouse: TestClickHouse;

function writeCsv(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`);
  return file;
}

async function current(): Promise<
  { case_id: string; handling_unit_code: string; county_code: string; status: string; outcome: string | null }[]
> {
  const r = await stores.ch.query({
    query: 'SELECT case_id, handling_unit_code, county_code, status, outcome FROM cases FINAL ORDER BY case_id',
    format: 'JSONEachRow',
  });
  return r.json();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-loader-'));
  // The embedded store, or the server path when the run asks for it (CLICKHOUSE_TEST_PATH=http, CLICKHOUSE_TEST_URL).
  clickhouse = await openTestClickHouse(dir);
  stores = await openStores({ ...loadConfig({ DATA_DIR: dir }), clickhouseUrl: clickhouse.url });
  clickhouse.assertTaken(stores.ch);
});

afterAll(async () => {
  await stores.close();
  await clickhouse.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const loadTime = new Date('2026-06-30T12:00:00+08:00');

test('first load inserts valid cases, rejects bad rows, drops the phone column, keeps the newest row per case', async () => {
  const file = writeCsv('march.csv', [
    'T001,投诉,2026-03-02 09:00,12315热线,小店区市场监督管理局,140105,处理中,受理,2026-03-03 10:00,,,13800000000,2026-03-03 10:00',
    'C002,咨询,2026-03-02 11:00,微信,太原市12315,140100,已办结,,,2026-03-02 15:00,已答复,13900000000,2026-03-02 15:00',
    'X003,表扬,2026-03-02 12:00,微信,太原市12315,140100,处理中,,,,,,2026-03-02 12:00',
    'D004,举报,2026-03-04 09:00,12315热线,迎泽区市场监督管理局,140106,处理中,,,,,,2026-03-04 09:00',
    'D004,举报,2026-03-04 09:00,12315热线,迎泽区市场监督管理局,140106,已办结,,,2026-03-10 09:00,立案,,2026-03-10 09:00',
  ]);
  const summary = await loadFile(stores, file, { runBy: 'test', loadTime });
  expect(summary).toMatchObject({ rowsRead: 5, inserted: 3, replaced: 0, unchanged: 0, rejected: 1, conflicts: 0 });
  expect(summary.droppedColumns).toEqual(['联系电话']);
  expect(await current()).toEqual([
    { case_id: 'C002', handling_unit_code: '140100', county_code: '', status: '已办结', outcome: '已答复' },
    { case_id: 'D004', handling_unit_code: '140106', county_code: '140106', status: '已办结', outcome: '立案' },
    { case_id: 'T001', handling_unit_code: '140105', county_code: '140105', status: '处理中', outcome: null },
  ]);
  // The reject file names row 4 (header = row 1), the case id and the column; never the phone numbers.
  const rejects = fs.readFileSync(summary.rejectFile as string, 'utf8');
  expect(rejects).toContain('4,X003,业务类型');
  expect(rejects).not.toMatch(/1[3-9]\d{9}/);
});

test('the same file again changes nothing', async () => {
  const before = await current();
  const summary = await loadFile(stores, path.join(dir, 'march.csv'), { runBy: 'test', loadTime });
  expect(summary).toMatchObject({ rowsRead: 5, inserted: 0, replaced: 0, unchanged: 3, rejected: 1 });
  expect(await current()).toEqual(before);
  const raw = await stores.ch.query({ query: 'SELECT toUInt32(count()) AS n FROM cases FINAL', format: 'JSONEachRow' });
  expect(await raw.json()).toEqual([{ n: 3 }]);
});

test('a newer version replaces (even when its unit moves), an older one is ignored, an equal one with other content wins as a conflict', async () => {
  const file = writeCsv('april.csv', [
    // T001 re-assigned to 迎泽区 and closed: the row moves to another sorting key; the old one must disappear.
    'T001,投诉,2026-03-02 09:00,12315热线,迎泽区市场监督管理局,140106,已办结,受理,2026-03-03 10:00,2026-04-01 16:00,调解成功,,2026-04-01 16:00',
    // An older C002 (updated before the stored 15:00 version): ignored.
    'C002,咨询,2026-03-02 11:00,微信,太原市12315,140100,处理中,,,,,,2026-03-02 12:00',
    // D004 with the stored 更新时间 but another outcome: a conflict, the incoming row wins.
    'D004,举报,2026-03-04 09:00,12315热线,迎泽区市场监督管理局,140106,已办结,,,2026-03-10 09:00,不予立案,,2026-03-10 09:00',
  ]);
  const summary = await loadFile(stores, file, { runBy: 'test', loadTime });
  expect(summary).toMatchObject({
    rowsRead: 3,
    inserted: 0,
    replaced: 2,
    unchanged: 0,
    olderIgnored: 1,
    conflicts: 1,
    rejected: 0,
  });
  expect(summary.rejectFile).toBeNull();
  expect(await current()).toEqual([
    { case_id: 'C002', handling_unit_code: '140100', county_code: '', status: '已办结', outcome: '已答复' },
    { case_id: 'D004', handling_unit_code: '140106', county_code: '140106', status: '已办结', outcome: '不予立案' },
    { case_id: 'T001', handling_unit_code: '140106', county_code: '140106', status: '已办结', outcome: '调解成功' },
  ]);
  // Loading the older file again now finds the newer T001 and D004's conflict winner… and changes nothing but D004,
  // whose equal 更新时间 with other content is a conflict again (the later load wins, reported).
  const again = await loadFile(stores, path.join(dir, 'march.csv'), { runBy: 'test', loadTime });
  expect(again).toMatchObject({ inserted: 0, olderIgnored: 1, unchanged: 1, replaced: 1, conflicts: 1 });
});

test('the ledger records every load with its counts and who ran it', async () => {
  const em = stores.orm.em.fork();
  const entries = await em.find(LoadLedgerEntry, {}, { orderBy: { id: 'asc' } });
  expect(
    entries.map((e) => [path.basename(e.fileName), e.status, e.inserted, e.replaced, e.unchanged, e.rejected, e.runBy]),
  ).toEqual([
    ['march.csv', 'SUCCEEDED', 3, 0, 0, 1, 'test'],
    ['march.csv', 'SUCCEEDED', 0, 0, 3, 1, 'test'],
    ['april.csv', 'SUCCEEDED', 0, 2, 0, 0, 'test'],
    ['march.csv', 'SUCCEEDED', 0, 1, 1, 1, 'test'],
  ]);
  expect(entries[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(entries[0]?.droppedColumns).toEqual(['联系电话']);
});

test('a file that cannot be read fails before anything is recorded', async () => {
  await expect(loadFile(stores, path.join(dir, 'missing.csv'), { runBy: 'test', loadTime })).rejects.toMatchObject({
    code: 'NOT_FOUND',
  });
  const em = stores.orm.em.fork();
  expect(await em.count(LoadLedgerEntry, {})).toBe(4);
});

test('a case whose due dates run past the provisional years is rejected naming the year; one in a provisional year loads, marked', async () => {
  const file = writeCsv('year-end.csv', [
    // Thu 2028-12-28, no decision yet: 7 working days run into 2029, past the provisional 2027–2028.
    'Y001,投诉,2028-12-28 09:00,12315热线,小店区市场监督管理局,140105,处理中,,,,,,2028-12-28 09:00',
    'Y002,咨询,2028-12-28 09:00,12315热线,小店区市场监督管理局,140105,已办结,,,2028-12-28 10:00,已答复,,2028-12-28 10:00',
    // Wed 2026-12-30: 12-31 (1), 01-01 off (provisional 2027), 01-04 … 01-08 (6), Mon 2027-01-11 (7)
    'Y003,投诉,2026-12-30 09:00,12315热线,小店区市场监督管理局,140105,处理中,,,,,,2026-12-30 09:00',
  ]);
  const summary = await loadFile(stores, file, { runBy: 'test', loadTime: new Date('2028-12-31T12:00:00+08:00') });
  expect(summary).toMatchObject({ rowsRead: 3, inserted: 2, rejected: 1 });
  const rejects = fs.readFileSync(summary.rejectFile as string, 'utf8');
  expect(rejects).toContain('2,Y001,登记时间');
  expect(rejects).toContain('no data for 2029');
  const r = await stores.ch.query({
    query: `SELECT case_id, acceptance_due, due_provisional_from FROM cases FINAL WHERE case_id IN ('Y002', 'Y003') ORDER BY case_id`,
    format: 'JSONEachRow',
  });
  expect(await r.json()).toEqual([
    { case_id: 'Y002', acceptance_due: null, due_provisional_from: 2027 },
    { case_id: 'Y003', acceptance_due: '2027-01-11', due_provisional_from: 2027 },
  ]);
});

test('the read model is rebuilt before the ledger says SUCCEEDED (the api caches nothing while a load is RUNNING)', async () => {
  const file = writeCsv('read-model.csv', [
    'R001,投诉,2026-05-06 09:00,12315热线,小店区市场监督管理局,140105,处理中,受理,2026-05-07 10:00,,,,2026-05-07 10:00',
  ]);
  const rebuilt: { phase: string; at: number }[] = [];
  const summary = await loadFile(stores, file, {
    runBy: 'test',
    loadTime,
    onProgress: (p) => {
      if (p.phase?.startsWith('read model')) rebuilt.push({ phase: p.phase, at: Date.now() });
    },
  });
  expect(summary.readModelMonths).toBeGreaterThanOrEqual(1);
  // The phase is reported as it begins (0 months done), then after each month.
  const total = summary.readModelMonths;
  expect(rebuilt.map((r) => r.phase)).toEqual(Array.from({ length: total + 1 }, (_, done) => `read model ${done}/${total}`));
  const [entry] = await stores.orm.em.fork().find(LoadLedgerEntry, {}, { orderBy: { id: 'desc' }, limit: 1 });
  expect(entry?.status).toBe('SUCCEEDED');
  // Every month was rebuilt before the entry was finished (finishedAt is set with SUCCEEDED).
  expect(Math.max(...rebuilt.map((r) => r.at))).toBeLessThanOrEqual(entry?.finishedAt?.getTime() ?? 0);
  const [facts] = await (
    await stores.ch.query({
      query: "SELECT count() AS n FROM indicator_facts WHERE reg_month = 202605 AND fact = 'REGISTERED'",
      format: 'JSONEachRow',
    })
  ).json<{ n: string }>();
  expect(Number(facts?.n)).toBeGreaterThanOrEqual(1);
});

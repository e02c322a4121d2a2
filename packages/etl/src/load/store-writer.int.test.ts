/**
 * The insert path on the real embedded engine: TabSeparated rows read back as the values they carried (escaping,
 * NULLs, decimals, booleans), and "latest row wins" across batches while the writes of one batch overlap the reading
 * of the next.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@c12315/store';
import { caseRecord } from '../../test-support/test-cases';
import { openStores, type Stores } from '../runtime';
import { loadFile } from './file-loader';
import { pendingCase, writeBatch } from './store-writer';

let dir: string;
let stores: Stores;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-writer-'));
  stores = await openStores(loadConfig({ DATA_DIR: dir }));
});

afterAll(async () => {
  await stores.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function rows<T>(query: string): Promise<T[]> {
  return (await stores.ch.query({ query, format: 'JSONEachRow' })).json<T>();
}

test('text with tabs, line breaks and backslashes, NULLs, decimals and booleans arrive as written', async () => {
  const record = caseRecord({
    caseId: 'W-1',
    kind: 'COMPLAINT',
    registeredAt: '2026-03-02 09:00:00',
    handlingUnitCode: '140105',
    respondentName: '某某\t"牌"\\酒\r\n二行',
    platformName: null,
    amountInvolved: '1234.50',
    onlinePurchase: false,
    pausedDays: 0,
    status: '处理中',
    updatedAt: '2026-03-03 10:00:00',
  });
  const outcome = await writeBatch(stores.ch, new Map([['W-1', pendingCase(record, 2)]]), { loadId: '9', loadSeq: 9 });
  expect(outcome.inserted).toBe(1);
  expect(
    await rows(`SELECT respondent_name, platform_name, toString(amount_involved) AS amount, online_purchase, paused_days,
                       toString(registered_at) AS registered_at, registered_date, source_row, load_id
                FROM cases FINAL WHERE case_id = 'W-1'`),
  ).toEqual([
    {
      respondent_name: '某某\t"牌"\\酒\r\n二行',
      platform_name: null,
      amount: '1234.5',
      online_purchase: false,
      paused_days: 0,
      registered_at: '2026-03-02 09:00:00',
      registered_date: '2026-03-02',
      source_row: 2,
      load_id: '9',
    },
  ]);
  expect(await rows(`SELECT toString(updated_at) AS u FROM case_versions FINAL WHERE case_id = 'W-1'`)).toEqual([
    { u: '2026-03-03 10:00:00' },
  ]);
});

test('several rows of one case in different batches: the newest wins, whatever the order', async () => {
  const header = '登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,办结时间,办结结果,更新时间';
  const row = (status: string, closed: string, outcome: string, updated: string) =>
    `M-1,咨询,2026-03-02 11:00,微信,太原市12315,140100,${status},${closed},${outcome},${updated}`;
  const file = path.join(dir, 'versions.csv');
  fs.writeFileSync(
    file,
    [
      header,
      row('处理中', '', '', '2026-03-02 12:00'),
      row('已办结', '2026-03-05 15:00', '已答复', '2026-03-05 15:00'), // newest
      row('处理中', '', '', '2026-03-03 12:00'), // older than the stored one by then
    ].join('\n'),
  );
  // One row per batch: each lookup must see the previous batch's case_versions, written while this row was read.
  const summary = await loadFile(stores, file, {
    runBy: 'test',
    batchSize: 1,
    rowByRow: true,
    loadTime: new Date('2026-06-30T12:00:00+08:00'),
  });
  expect(summary).toMatchObject({ rowsRead: 3, inserted: 1, replaced: 1, olderIgnored: 1, rejected: 0 });
  expect(await rows(`SELECT status, toString(updated_at) AS u FROM cases FINAL WHERE case_id = 'M-1'`)).toEqual([
    { status: '已办结', u: '2026-03-05 15:00:00' },
  ]);
});

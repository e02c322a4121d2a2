/**
 * Golden fixtures through the real loader into the real store: the stored rows, with their derived columns
 * (hierarchy, due dates, handling working days, food flag, operator key), written out by hand. The record-level
 * expectations of the same files are in validate/golden-fixtures.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@c12315/store';
import { openTestClickHouse, type TestClickHouse } from '@c12315/store/test-support/clickhouse-test-path';
import { openStores, type Stores } from '../runtime';
import { loadFile } from './file-loader';

const GOLDEN = path.resolve(__dirname, '../../test-fixtures/golden');
const loadTime = new Date('2024-07-01T12:00:00+08:00');
let dir: string;
let stores: Stores;
let clickhouse: TestClickHouse;

const COLUMNS = `case_id, kind, province_code, city_code, county_code, station_code, rule_set,
  toString(acceptance_due) AS acceptance_due, toString(closing_due) AS closing_due, toString(dispatch_due) AS dispatch_due,
  handling_workdays, food_related, operator_key, industry_division, toString(amount_involved) AS amount_involved, satisfaction`;

async function stored(caseId: string): Promise<Record<string, unknown> | undefined> {
  const r = await stores.ch.query({
    query: `SELECT ${COLUMNS} FROM cases FINAL WHERE case_id = {id:String}`,
    query_params: { id: caseId },
    format: 'JSONEachRow',
  });
  return (await r.json<Record<string, unknown>>())[0];
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-golden-store-'));
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

test('UTF-8 CSV with BOM: a closed complaint across the 2024 清明 holiday and its make-up Sunday', async () => {
  const summary = await loadFile(stores, path.join(GOLDEN, 'cases-utf8-bom.csv'), { runBy: 'golden', loadTime, rejectsDir: dir });
  expect(summary).toMatchObject({ inserted: 3, replaced: 0, unchanged: 0 });
  // Registered Mon 2024-04-01. Working days after it: 04-02 (1), 04-03 (2), 04-04..06 清明 off, Sun 04-07 make-up
  // day (3), 04-08 (4), 04-09 (5), 04-10 (6), 04-11 (7) → acceptance due 2024-04-11. No decision → no closing stage;
  // no 分送时间 and not 待分派 → no dispatch stage. Handling days (04-01, 04-10]: 04-02, 03, 07, 08, 09, 10 = 6.
  expect(await stored('C2024040100001')).toEqual({
    case_id: 'C2024040100001',
    kind: 'COMPLAINT',
    province_code: '440000',
    city_code: '440300',
    county_code: '440305',
    station_code: '',
    rule_set: 'SAMR20',
    acceptance_due: '2024-04-11',
    closing_due: null,
    dispatch_due: null,
    handling_workdays: 6,
    food_related: false,
    operator_key: '9144030071526726XG',
    industry_division: '',
    amount_involved: '1234.5',
    satisfaction: '满意',
  });
  // Registered Tue 2024-04-02, still open: 04-03 (1), 04-07 (2), 04-08..12 (3..7) → due 2024-04-12. 食品安全 → food;
  // no USCC → the name is the operator key (its quotes and comma kept as written).
  expect(await stored('C2024040200002')).toMatchObject({
    acceptance_due: '2024-04-12',
    handling_workdays: null,
    food_related: true,
    operator_key: '深圳"好味"餐饮, 有限公司',
  });
});

test('GB18030 CSV: a case registered on a Saturday; full-width brackets folded in the operator key; 4-byte 𠮷 intact', async () => {
  const summary = await loadFile(stores, path.join(GOLDEN, 'cases-gbk.csv'), { runBy: 'golden', loadTime, rejectsDir: dir });
  expect(summary.encoding).toBe('gb18030');
  // Registered Sat 2024-06-01: 06-03..06-07 (1..5), weekend, Mon 06-10 端午 off, 06-11 (6), 06-12 (7) → 2024-06-12.
  // Closed 06-05: handling days (06-01, 06-05] = 06-03, 04, 05 = 3. H62 → 大类 62 (餐饮业); no food category → not food.
  expect(await stored('GD-001')).toMatchObject({
    acceptance_due: '2024-06-12',
    handling_workdays: 3,
    food_related: false,
    industry_division: '62',
    operator_key: '𠮷野家餐饮(深圳)有限公司',
  });
});

test('every golden file loaded twice changes nothing the second time', async () => {
  for (const file of [
    'cases-golden.xlsx',
    'cases-utf8-bom.csv',
    'cases-utf8-shuffled.csv',
    'cases-gbk.csv',
    'cases-english.jsonl',
  ]) {
    const full = path.join(GOLDEN, file);
    await loadFile(stores, full, { runBy: 'golden', loadTime, rejectsDir: dir });
    const again = await loadFile(stores, full, { runBy: 'golden', loadTime, rejectsDir: dir });
    expect({ file, inserted: again.inserted, replaced: again.replaced }).toEqual({ file, inserted: 0, replaced: 0 });
  }
  const r = await stores.ch.query({
    query: 'SELECT toUInt32(count()) AS rows, toUInt32(uniqExact(case_id)) AS cases FROM cases FINAL',
    format: 'JSONEachRow',
  });
  const [{ rows, cases }] = (await r.json<{ rows: number; cases: number }>()) as [{ rows: number; cases: number }];
  expect(rows).toBe(cases);
});

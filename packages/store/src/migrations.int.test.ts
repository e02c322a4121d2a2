/**
 * ClickHouse migrations on the real embedded engine: applied once and recorded, re-runs apply nothing, a changed
 * applied file is refused. The cluster rendering of the same files is cluster-layout.int.test.ts's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ClickHouseClient, createClickHouse } from './clickhouse';
import { migrateClickHouse, readMigrations } from './migrations';

let dir: string;
let ch: ClickHouseClient;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-migrations-'));
  ch = createClickHouse({ dataDir: dir, clickhouseUrl: null, queryTimeoutSeconds: 30 });
});

afterAll(async () => {
  await ch.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('applies every migration once, in order, and records it', async () => {
  const all = readMigrations().map((m) => m.version);
  expect(all.slice(0, 2)).toEqual(['0001_cases', '0002_case_versions']);
  expect(await migrateClickHouse(ch)).toEqual(all);
  expect(await migrateClickHouse(ch)).toEqual([]);
  const tables = await (
    await ch.query({
      query: 'SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name',
      format: 'JSONEachRow',
    })
  ).json<{ name: string }>();
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['case_versions', 'cases', 'schema_migrations']));
});

test('an applied migration that changed is refused', async () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'store-migrations-copy-'));
  for (const m of readMigrations()) fs.writeFileSync(path.join(copy, `${m.version}.sql`), m.sql);
  fs.appendFileSync(path.join(copy, '0001_cases.sql'), '\n-- edited after the fact\n');
  await expect(migrateClickHouse(ch, { cluster: null }, copy)).rejects.toThrow(/0001_cases changed after it was applied/);
  fs.rmSync(copy, { recursive: true, force: true });
});

test('the cases table keeps one current version per case under FINAL, tombstones included', async () => {
  const base = {
    kind: 'COMPLAINT',
    registered_at: '2026-03-02 09:00:00',
    registered_date: '2026-03-02',
    province_code: '140000',
    city_code: '140100',
    status: '处理中',
    updated_at: '2026-03-02 09:00:00',
    food_related: false,
    operator_key: '',
    rule_set: 'SAMR20',
    content_hash: 'h',
    load_id: '1',
    source_row: 2,
  };
  await ch.insert({
    table: 'cases',
    format: 'JSONEachRow',
    values: [
      { ...base, case_id: 'A', county_code: '140105', version: '1' },
      { ...base, case_id: 'A', county_code: '140105', version: '2', is_deleted: 1 }, // tombstone of the old key
      { ...base, case_id: 'A', county_code: '140106', version: '2' }, // the case moved to another county
      { ...base, case_id: 'B', county_code: '140105', version: '1' },
      { ...base, case_id: 'B', county_code: '140105', version: '1' }, // a re-run writes the identical row again
    ],
  });
  const rows = await (
    await ch.query({ query: 'SELECT case_id, county_code FROM cases FINAL ORDER BY case_id', format: 'JSONEachRow' })
  ).json();
  expect(rows).toEqual([
    { case_id: 'A', county_code: '140106' },
    { case_id: 'B', county_code: '140105' },
  ]);
});

/**
 * The read model against the reference (issue "Scale" §3): a generated province-year (across the SAMR20 → SAMR121
 * change on 2026-04-15, and a December → January boundary) loaded by the real loader, then re-versioned cases — a
 * unit moved to another county, a registration date corrected into the month before, a later version closing a case,
 * an older version arriving late — loaded on top; then 600 random questions asked of both sources must agree number
 * for number. A tampered read model must be caught, naming the question.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { regionsUnder } from '@c12315/domain';
import { generateExport, loadFile, openStores, type Stores } from '@c12315/etl';
import {
  caseTermsSql,
  dirtyMonths,
  indicatorTerms,
  loadConfig,
  markMonthsDirtyFrom,
  READ_MODEL_TABLES,
  refreshReadModel,
  STAGES,
} from '@c12315/store';
import { reconcileReadModel } from './reconcile';

let dir: string;
let stores: Stores;
const loadTime = new Date('2026-11-20T12:00:00+08:00');

type Line = Record<string, string | number | null>;

const shift = (dateTime: string, hours: number): string => {
  const t = new Date(`${dateTime.replace(' ', 'T')}+08:00`).getTime() + hours * 3_600_000;
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
};

/** Later (and one older) versions of some generated cases, written as the national platform would export them. */
function reversioned(lines: Line[]): Line[] {
  const counties = regionsUnder('140000', 'COUNTY').map((r) => r.code);
  const out: Line[] = [];
  lines.forEach((line, i) => {
    const updated = String(line.更新时间 ?? '');
    const registered = String(line.登记时间 ?? '');
    if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(updated) || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(registered)) return;
    const unit = String(line.承办单位代码 ?? '');
    if (i % 41 === 0 && /^\d{6}$/.test(unit) && !unit.endsWith('00')) {
      // Moved to another county (its sorting key changes: the old one is tombstoned).
      out.push({
        ...line,
        承办单位代码: counties[(counties.indexOf(unit) + 7) % counties.length] ?? unit,
        更新时间: shift(updated, 24),
      });
    } else if (i % 43 === 0) {
      // Registration corrected 20 days earlier: often into the month before, another partition.
      out.push({ ...line, 登记时间: shift(registered, -20 * 24), 更新时间: shift(updated, 24) });
    } else if (i % 47 === 0 && line.处理状态 !== '已办结') {
      // Closed by a later version.
      const closedAt = shift(updated, 2);
      out.push({
        ...line,
        处理状态: '已办结',
        办结时间: closedAt,
        办结结果: line.业务类型 === '投诉' ? '调解成功' : (line.办结结果 ?? null),
        更新时间: closedAt,
      });
    } else if (i % 53 === 0) {
      // An older version arriving late: ignored by the loader, so nothing may change.
      out.push({ ...line, 处理状态: '处理中', 办结时间: null, 更新时间: shift(updated, -1) });
    }
  });
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reconcile-'));
  stores = await openStores(loadConfig({ DATA_DIR: path.join(dir, 'data') }));
  const first = path.join(dir, 'year.jsonl');
  const later = path.join(dir, 'later.jsonl');
  await generateExport({
    rows: 6000,
    seed: 'reconcile',
    from: '2025-11',
    to: '2026-10',
    provinceCode: '140000',
    format: 'jsonl',
    out: first,
    versionsOut: later,
  });
  await loadFile(stores, first, { runBy: 'test', loadTime });
  await loadFile(stores, later, { runBy: 'test', loadTime });
  const lines = fs
    .readFileSync(first, 'utf8')
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
  const edits = path.join(dir, 'edits.jsonl');
  fs.writeFileSync(
    edits,
    `${reversioned(lines)
      .map((l) => JSON.stringify(l))
      .join('\n')}\n`,
  );
  const summary = await loadFile(stores, edits, { runBy: 'test', loadTime });
  // The edits really moved, replaced and ignored cases.
  expect(summary.replaced).toBeGreaterThan(150);
  expect(summary.olderIgnored).toBeGreaterThan(20);
}, 180_000);

afterAll(async () => {
  await stores.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the loads leave no month dirty', async () => {
  expect(await dirtyMonths(stores.ch)).toEqual([]);
});

test('600 random questions: the read model answers exactly as the case table, also from asOf profiles', async () => {
  const result = await reconcileReadModel(stores.ch, { questions: 600, seed: 12315 });
  expect(result.difference).toBeNull();
  expect(result.checked).toBe(600);
  // The metrics and ranking questions asked after their period were answered from their asOf profile too.
  expect(result.profiles).toBeGreaterThan(100);
  // Overdue first pages from their month's profile: print the count, then require it.
  process.stderr.write(`page profiles: ${result.pageProfiles}\n`);
  expect(result.pageProfiles).toBeGreaterThan(0);
}, 600_000);

test('the read model built in batches of months (as the loads built it) equals one built month by month', async () => {
  const tables = async () => {
    const out: Record<string, unknown> = {};
    for (const t of READ_MODEL_TABLES) {
      const result = await stores.ch.query({
        query: `SELECT count() AS n, uniqExact(reg_month) AS months, toString(groupBitXor(cityHash64(*))) AS h FROM ${t}`,
        format: 'JSONEachRow',
      });
      out[t] = (await result.json())[0];
    }
    return out;
  };
  const batched = await tables();
  await markMonthsDirtyFrom(stores.ch, 'SELECT DISTINCT toYYYYMM(registered_date) AS month FROM cases');
  const rebuilt = await refreshReadModel(stores.ch, undefined, { batchCases: 1 });
  expect(rebuilt.length).toBeGreaterThanOrEqual(12);
  expect(await tables()).toEqual(batched);
  expect(await dirtyMonths(stores.ch)).toEqual([]);
}, 120_000);

test("the timeliness cohorts on one date equal the contract's wording (§4), stage by stage, on 60 periods", async () => {
  const ids = [
    'timely_dispatch_rate',
    'on_time_acceptance_rate',
    'on_time_report_verification_rate',
    'on_time_completion_rate',
    'on_time_notification_rate',
  ];
  const p = { from: '{from:Date}', to: '{to:Date}', asOf: '{asOf:Date}' };
  const select = STAGES.flatMap((stage, i) => {
    // indicators.md §4, as written: on time = completed before asOf and on or before the due date; numerator: on-time
    // completions dated in P; denominator: those plus the misses whose due date is in P and before asOf.
    const onTime = `(ifNull(${stage.done} < {asOf:Date}, 0) AND ifNull(${stage.done} <= ${stage.due}, 0))`;
    const num = `(${onTime} AND ifNull(${stage.done} BETWEEN {from:Date} AND {to:Date}, 0))`;
    const missed = `(ifNull(${stage.due} BETWEEN {from:Date} AND {to:Date}, 0) AND ifNull(${stage.due} < {asOf:Date}, 0) AND NOT ${onTime})`;
    const def = indicatorTerms(ids[i] as string);
    return [
      `countIf(${num}) AS worded_num_${i}`,
      `countIf(${num} OR ${missed}) AS worded_den_${i}`,
      `${caseTermsSql(def.numerator, p)} AS num_${i}`,
      `${caseTermsSql(def.denominator ?? [], p)} AS den_${i}`,
    ];
  });
  let nonEmpty = 0;
  for (let k = 0; k < 60; k++) {
    const from = new Date(Date.UTC(2025, 9, 1 + k * 7)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(2025, 9, 1 + k * 7 + (k % 5) * 13)).toISOString().slice(0, 10);
    const asOf = new Date(Date.UTC(2025, 9, 1 + k * 7 + ((k * 11) % 40))).toISOString().slice(0, 10);
    const [row] = await (
      await stores.ch.query({
        query: `SELECT ${select.join(', ')} FROM cases FINAL`,
        query_params: { from, to, asOf },
        format: 'JSONEachRow',
      })
    ).json<Record<string, string>>();
    for (let i = 0; i < STAGES.length; i++) {
      expect([row?.[`num_${i}`], row?.[`den_${i}`]]).toEqual([row?.[`worded_num_${i}`], row?.[`worded_den_${i}`]]);
      if (Number(row?.[`den_${i}`]) > 0) nonEmpty++;
    }
  }
  expect(nonEmpty).toBeGreaterThan(150);
});

test('a read model that lost a month is caught, naming the question', async () => {
  const [month] = await (
    await stores.ch.query({
      query: `SELECT reg_month FROM indicator_facts GROUP BY reg_month ORDER BY count() DESC LIMIT 1`,
      format: 'JSONEachRow',
    })
  ).json<{ reg_month: number }>();
  await stores.ch.command({ query: `ALTER TABLE indicator_facts DROP PARTITION ${Number(month?.reg_month)}` });
  await stores.ch.command({ query: `ALTER TABLE overdue_spans DROP PARTITION ${Number(month?.reg_month)}` });
  const result = await reconcileReadModel(stores.ch, { questions: 200, seed: 7 });
  expect(result.difference?.question).toMatch(/^(metrics|ranking|overdue) \{/);
  expect(result.difference?.readModel).not.toEqual(result.difference?.reference);
}, 300_000);

/**
 * Provisional due dates across the publication of their year (indicators.md §1). The built-in calendar ends with
 * 2026, so 2027 is provisional (weekends and the statutory holidays only). Cases reaching into 2027 are loaded and
 * marked; then a 2027 calendar file arrives that differs from the guess — Mon 01-04 an extra holiday, Sat 01-09 and
 * Sat 02-27 make-up working days — and reopening the store recomputes them: the cases, case_versions and every
 * read-model table then equal a fresh load of the same file with the full calendar, by both load paths. A recompute
 * killed after its case_versions write is finished by the next open; a later export still replaces a recomputed case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knownCalendarYears } from '@c12315/domain';
import { loadConfig, READ_MODEL_TABLES } from '@c12315/store';
import { openStores, type Stores } from '../runtime';
import { loadFile } from './file-loader';

const HEADER =
  '登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,受理决定,受理决定时间,办结时间,办结结果,更新时间';
const ROWS = [
  // Mon 2026-12-28, no decision: acceptance 7 WD → provisional Thu 2027-01-07 (01-01 off); published: Fri 01-08
  'T001,投诉,2026-12-28 09:00,12315热线,小店区市场监督管理局,140105,待受理,,,,,2026-12-28 09:00',
  // decided Tue 12-29: closing 12-29 + 60 = Sat 2027-02-27 → provisional Mon 03-01; published: 02-27 (make-up day)
  'T005,投诉,2026-12-28 10:00,12315热线,小店区市场监督管理局,140105,处理中,受理,2026-12-29 10:00,,,2026-12-29 10:00',
  // Mon 2026-12-21 report: verification 15 WD reaches into January
  'D002,举报,2026-12-21 09:00,12315热线,迎泽区市场监督管理局,140106,处理中,,,,,2026-12-21 09:00',
  // closed Wed 2027-01-06: handling_workdays count 2027 days (01-04 off in the published year)
  'C003,投诉,2026-11-02 09:00,12315热线,迎泽区市场监督管理局,140106,已办结,不予受理,2026-11-03 09:00,2027-01-06 09:00,不予受理,2027-01-06 09:00',
  // all in 2026: never provisional
  'T004,投诉,2026-06-01 09:00,12315热线,小店区市场监督管理局,140105,已办结,不予受理,2026-06-02 09:00,2026-06-05 09:00,不予受理,2026-06-05 09:00',
];
const CALENDAR_2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-02-06', '2027-02-07', '2027-02-08'],
  makeupWorkdays: ['2027-01-09', '2027-02-27'],
  source: 'test fixture: differs from the provisional guess',
};
const loadTime = new Date('2027-01-20T12:00:00+08:00');

let dir: string;
let stores: Stores;

function writeCsv(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
  return file;
}

async function rows<T>(query: string): Promise<T[]> {
  const r = await stores.ch.query({ query, format: 'JSONEachRow' });
  return r.json<T>();
}

interface DueRow {
  case_id: string;
  acceptance_due: string | null;
  closing_due: string | null;
  verification_due: string | null;
  handling_workdays: number | null;
  due_provisional_from: number;
}
const DUE_SQL = `SELECT case_id, acceptance_due, closing_due, verification_due, handling_workdays, due_provisional_from
  FROM cases FINAL ORDER BY case_id`;

const due = (
  case_id: string,
  acceptance_due: string | null,
  closing_due: string | null,
  verification_due: string | null,
  handling_workdays: number | null,
  due_provisional_from: number,
): DueRow => ({ case_id, acceptance_due, closing_due, verification_due, handling_workdays, due_provisional_from });

/** Everything a reader sees: the current cases (version and load aside) and every read-model table. */
async function snapshot(): Promise<Record<string, string>> {
  const text = async (query: string) => (await stores.ch.query({ query, format: 'TabSeparated' })).text();
  const out: Record<string, string> = {
    cases: await text('SELECT * EXCEPT (version, load_id) FROM cases FINAL ORDER BY case_id'),
  };
  for (const table of READ_MODEL_TABLES) {
    // finalizeAggregation: the aggregate states' bytes are not comparable text; their values are.
    const columns = (await rows<{ name: string; type: string }>(`DESCRIBE TABLE ${table}`)).map((c) =>
      c.type.startsWith('AggregateFunction') ? `toString(finalizeAggregation(${c.name}))` : c.name,
    );
    out[table] = await text(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${columns.join(', ')}`);
  }
  return out;
}

async function emptyStore(): Promise<void> {
  for (const table of ['cases', 'case_versions', ...READ_MODEL_TABLES]) {
    await stores.ch.command({ query: `TRUNCATE TABLE ${table}` });
  }
}

const open = async () => {
  stores = await openStores(loadConfig({ DATA_DIR: dir }), () => undefined);
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-provisional-'));
  await open();
});

afterAll(async () => {
  await stores.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The steps run in order on one store; a slow shared machine needs more than the default time per step.
const STEP_MS = 300_000;
let file: string;
let recomputed: Record<string, string>;

test(
  'both load paths store provisional due dates, marked with the year they guessed',
  async () => {
    expect(knownCalendarYears().to).toBe(2026);
    file = writeCsv('export.csv', ROWS);
    // The provisional guess: 2027-01-01 off, no make-up days.
    const provisional = [
      due('C003', '2026-11-11', null, null, 46, 2027),
      due('D002', null, null, '2027-01-12', null, 2027),
      due('T001', '2027-01-07', null, null, null, 2027),
      due('T004', '2026-06-10', null, null, 4, 0),
      due('T005', '2027-01-07', '2027-03-01', null, null, 2027),
    ];
    expect(await loadFile(stores, file, { runBy: 'test', loadTime, rowByRow: true })).toMatchObject({ inserted: 5, rejected: 0 });
    expect(await rows<DueRow>(DUE_SQL)).toEqual(provisional);
    const rowByRow = await snapshot();
    await emptyStore();
    expect(await loadFile(stores, file, { runBy: 'test', loadTime })).toMatchObject({ inserted: 5, rejected: 0, inEngine: true });
    expect(await snapshot()).toEqual(rowByRow);

    // What a recompute killed after its case_versions write leaves: T001's next version indexed, the case not written.
    await stores.ch.command({
      query: `INSERT INTO case_versions SELECT * REPLACE (version + 1 AS version) FROM case_versions FINAL WHERE case_id = 'T001'`,
    });
    await stores.close();
  },
  STEP_MS,
);

test(
  'reopened with the 2027 file, the store recomputes them, finishing a recompute killed half-way',
  async () => {
    // 2027 is published, unlike the guess: Mon 01-04 off, Sat 01-09 and Sat 02-27 working days.
    fs.mkdirSync(path.join(dir, 'calendar'));
    fs.writeFileSync(path.join(dir, 'calendar', '2027.json'), JSON.stringify(CALENDAR_2027));
    await open();
    expect(knownCalendarYears().to).toBe(2027);
    expect(await rows<DueRow>(DUE_SQL)).toEqual([
      due('C003', '2026-11-11', null, null, 45, 0),
      due('D002', null, null, '2027-01-12', null, 0),
      due('T001', '2027-01-08', null, null, null, 0),
      due('T004', '2026-06-10', null, null, 4, 0),
      due('T005', '2027-01-08', '2027-02-27', null, null, 0),
    ]);
    // One current version per case, indexed with the version FINAL keeps; the recompute moved the tie-break by one.
    expect(
      await rows(`SELECT c.case_id, c.version - v.version AS d FROM (SELECT case_id, version FROM cases FINAL) AS c
      LEFT JOIN (SELECT case_id, version FROM case_versions FINAL) AS v ON c.case_id = v.case_id WHERE d != 0`),
    ).toEqual([]);
    expect(
      await rows(`SELECT case_id, bitAnd(version, 0xffffff) AS tie FROM cases FINAL WHERE tie != 0 ORDER BY case_id`),
    ).toEqual(['C003', 'D002', 'T001', 'T005'].map((case_id) => ({ case_id, tie: 1 })));
    recomputed = await snapshot();
  },
  STEP_MS,
);

test(
  'a recomputed case is the same export version to the loader, a later one replaces it; a fresh load equals it',
  async () => {
    // The same export again changes nothing; a newer 更新时间 replaces a recomputed case.
    expect(await loadFile(stores, file, { runBy: 'test', loadTime })).toMatchObject({ unchanged: 5, inserted: 0, replaced: 0 });
    expect(await snapshot()).toEqual(recomputed);
    const newer = writeCsv('newer.csv', [
      'T001,投诉,2026-12-28 09:00,12315热线,小店区市场监督管理局,140105,处理中,受理,2027-01-05 09:00,,,2027-01-05 09:00',
    ]);
    expect(await loadFile(stores, newer, { runBy: 'test', loadTime })).toMatchObject({ replaced: 1 });
    // decided Tue 01-05 + 60 = Sun 03-07 → Mon 03-08
    expect(await rows(`SELECT status, closing_due FROM cases FINAL WHERE case_id = 'T001'`)).toEqual([
      { status: '处理中', closing_due: '2027-03-08' },
    ]);

    // A fresh load of the same file with the published calendar, by each path: exactly the recomputed store.
    for (const rowByRow of [false, true]) {
      await emptyStore();
      await loadFile(stores, file, { runBy: 'test', loadTime, rowByRow });
      expect(await snapshot()).toEqual(recomputed);
    }
  },
  STEP_MS,
);

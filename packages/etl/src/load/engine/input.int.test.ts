/**
 * The engine-side load's inputs (input.ts) on both stores: the embedded engine reading the file itself, and a server
 * (the HTTP test server in front of chdb, or CLICKHOUSE_TEST_URL's) staging the rows as the body arrives (input()).
 * Every row of the file must come through, the last ones too, numbered in file order whatever the blocks: the stage
 * takes its source row numbers from `_row_number`, and a reject file names them. And the local folder of a server
 * load killed part-way (its XLSX parts) is removed by the next load, never that of a load still running.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ClickHouseClient, createClickHouse, loadConfig } from '@c12315/store';
import { clickHouseTestPath, openTestClickHouse, type TestClickHouse } from '@c12315/store/test-support/clickhouse-test-path';
import iconv from 'iconv-lite';
import { engineInput, type InputBytes, removeStaleLocalDirs } from './input';
import { CSV_INPUT, settingsSql } from './settings';

const ROWS = 60_000;
let dir: string;
let server: TestClickHouse;
const stores: { name: string; ch: ClickHouseClient }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etl-engine-input-'));
  // The server path whatever the run's path: over HTTP, or the real server the run names.
  server = await openTestClickHouse(
    path.join(dir, 'server'),
    clickHouseTestPath() === 'server' ? process.env : { CLICKHOUSE_TEST_PATH: 'http' },
  );
  const config = (name: string, url: string | null) => ({
    ...loadConfig({ DATA_DIR: path.join(dir, name) }),
    clickhouseUrl: url,
  });
  stores.push({ name: 'embedded', ch: createClickHouse(config('embedded', null)) });
  stores.push({ name: 'server', ch: createClickHouse(config('server', server.url)) });
  server.assertTaken((stores[1] as { ch: ClickHouseClient }).ch);
});

afterAll(async () => {
  for (const { ch } of stores) await ch.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A CSV export of ROWS rows after its header: row i holds i, a Chinese text, and every 997th row a quoted cell with a
 * line break and doubled quotes (a record of two lines), so that bytes, lines and records do not line up.
 */
function csvText(): string {
  const lines = ['序号,内容'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(i % 997 === 0 ? `${i},"第${i}行，""引号""\n续行"` : `${i},投诉举报第${i}行：某某市场监督管理局`);
  }
  return `${lines.join('\n')}\n`;
}

/** The file through `insert` into a Log table in blocks of 1,000 rows, written by two threads; the table's rows. */
async function numbered(ch: ClickHouseClient, bytes: InputBytes): Promise<{ n: number; c0: string; c1: string }[]> {
  const input = engineInput(ch, {}, () => undefined);
  try {
    await ch.command({ query: 'DROP TABLE IF EXISTS etl_input_test' });
    await input.insert(
      'etl_upload_test',
      bytes,
      { format: 'CSV', structure: 'c0 String, c1 String', settings: CSV_INPUT },
      {
        into: 'etl_input_test',
        engine: 'Log',
        select: (rows) => `SELECT _row_number AS n, c0, c1 FROM ${rows}`,
        settings: `SETTINGS ${settingsSql(CSV_INPUT)}, max_block_size = 1000, max_insert_threads = 2`,
      },
    );
  } finally {
    await input.close();
  }
  const result = await ch.query({ query: 'SELECT n, c0, c1 FROM etl_input_test ORDER BY n', format: 'JSONEachRow' });
  return result.json();
}

function expectEveryRowInOrder(rows: { n: number; c0: string; c1: string }[]): void {
  expect(rows.length).toBe(ROWS);
  // Each row's number is its place in the file: the cell written there says which row it is.
  expect(rows.filter((r, i) => Number(r.n) !== i || r.c0 !== String(i))).toEqual([]);
  expect(rows[997]?.c1).toBe('第997行，"引号"\n续行');
  expect(rows[ROWS - 1]?.c1).toBe(`投诉举报第${ROWS - 1}行：某某市场监督管理局`);
}

test.each(['embedded', 'server'])(
  'a UTF-8 CSV file (multi-line records, %s store): every row, numbered in file order through the last',
  async (name) => {
    const file = path.join(dir, 'utf8.csv');
    fs.writeFileSync(file, csvText());
    const { ch } = stores.find((s) => s.name === name) as { ch: ClickHouseClient };
    expectEveryRowInOrder(await numbered(ch, { file, encoding: 'utf-8' }));
  },
  120_000,
);

test.each(['embedded', 'server'])(
  'a GB18030 CSV file, decoded as it is read (%s store), and bytes in memory: the same',
  async (name) => {
    const file = path.join(dir, 'gbk.csv');
    fs.writeFileSync(file, iconv.encode(csvText(), 'gb18030'));
    const { ch } = stores.find((s) => s.name === name) as { ch: ClickHouseClient };
    expectEveryRowInOrder(await numbered(ch, { file, encoding: 'gb18030' }));
    expectEveryRowInOrder(await numbered(ch, { data: Buffer.from(csvText(), 'utf8') }));
  },
  120_000,
);

/** A server load in a process of its own, its TMPDIR `tmp`: its local folder, with a part in it, once written. */
async function loadProcess(tmp: string): Promise<{ localDir: string; pid: number; kill(): Promise<unknown> }> {
  const root = path.resolve(__dirname, '../../../../..');
  const script = `const { engineInput } = require(${JSON.stringify(path.join(__dirname, 'input'))});
    const { createClickHouse } = require(${JSON.stringify(path.join(root, 'packages/store/src'))});
    const ch = createClickHouse({ dataDir: ${JSON.stringify(dir)}, clickhouseUrl: ${JSON.stringify(server.url)}, queryTimeoutSeconds: 30 });
    const input = engineInput(ch, {}, () => undefined);
    require('node:fs').writeFileSync(input.localDir + '/etl_stage_1.sheet.0.tsv', 'part');
    process.stdout.write(input.localDir + '\\n');
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const localDir = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.endsWith('\n')) resolve(out.trim());
    });
    child.once('exit', () => reject(new Error(`the load process exited: ${out}`)));
  });
  return {
    localDir,
    pid: child.pid as number,
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

test('the local folder of a server load killed -9 is removed by the next load; a running load keeps its own', async () => {
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  const [killed, running] = await Promise.all([loadProcess(tmp), loadProcess(tmp)]);
  try {
    for (const load of [killed, running]) {
      expect(path.dirname(load.localDir)).toBe(tmp);
      expect(path.basename(load.localDir)).toMatch(new RegExp(`^c12315-load-${load.pid}-`));
    }
    await killed.kill();
    expect(fs.readdirSync(killed.localDir)).toEqual(['etl_stage_1.sheet.0.tsv']);
    // Folders of others' that look alike stay too.
    const others = ['c12315-load-x1Y2z3', `c12315-loads-${killed.pid}-a`].map((name) => path.join(tmp, name));
    for (const other of others) fs.mkdirSync(other);

    await removeStaleLocalDirs(tmp);
    expect(fs.existsSync(killed.localDir)).toBe(false);
    expect(fs.readdirSync(running.localDir)).toEqual(['etl_stage_1.sheet.0.tsv']);
    for (const other of others) expect(fs.existsSync(other)).toBe(true);
  } finally {
    await running.kill();
    await killed.kill();
  }
}, 60_000);

/**
 * `pnpm run store backup DIR` / `restore DIR` end to end, every store in a child process (chdb: one store per
 * process): a generated export loaded, the api server running, a ranking published, a second load handed to the
 * server and a backup handed to it while that load runs; then a restore into a fresh DATA_DIR must answer every
 * question exactly as the original (GraphQL answers, every metadata row, the store digest), and a backup taken
 * without a server must describe the same content. Bad targets and damaged backups are refused by name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateExport } from '@c12315/etl';
import type { BackupManifest } from '@c12315/store';
import { startTestPostgres, type TestPostgres } from '@c12315/store/test-support';
import { finished, freePort, postGraphql, printed, run, runOk, start } from '../../test-support/cli-process';

const PROVINCE = '140000';
const MONTHS = ['2026-08', '2026-09', '2026-10'];
const AS_OF = '2026-11-16';
const PASSWORD = 'Backup-2026-pass';

let root: string;
let postgres: TestPostgres | undefined;
const dirs = () => ({
  a: path.join(root, 'A'),
  b: path.join(root, 'B'),
  c: path.join(root, 'C'),
  backup: path.join(root, 'backup'),
  backup2: path.join(root, 'backup-no-server'),
});

const answers = (dataDir: string) => runOk('answers', [PROVINCE, AS_OF, ...MONTHS], { DATA_DIR: dataDir });
const digest = (dataDir: string) => runOk('digest', [], { DATA_DIR: dataDir });

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-restore-'));
});
afterAll(() => {
  postgres?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

test('a backup taken while the server runs and loads restores into a fresh DATA_DIR that answers exactly as the original', async () => {
  const { a, b, c, backup, backup2 } = dirs();
  const first = path.join(root, 'first.csv');
  const second = path.join(root, 'second.csv');
  const common = { from: MONTHS[0] as string, to: MONTHS.at(-1) as string, provinceCode: PROVINCE, format: 'csv' as const };
  await generateExport({ ...common, rows: 600, seed: '7', encoding: 'utf-8', out: first });
  await generateExport({ ...common, rows: 600, seed: '8', encoding: 'utf-8', out: second });
  await runOk(
    'api',
    ['users', 'add', '--username', 'sx-admin', '--password', PASSWORD, '--role', 'PROVINCE_ADMIN', '--region', PROVINCE],
    {
      DATA_DIR: a,
    },
  );
  await runOk('etl', ['load', first], { DATA_DIR: a });

  const port = await freePort();
  const server = start('server', [], { DATA_DIR: a, PORT: String(port) });
  const serverDone = finished(server);
  try {
    await printed(server, 'stdout', /listening/);
    const login = (await postGraphql(port, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: 'sx-admin',
      p: PASSWORD,
    })) as { login: { token: string } };
    await postGraphql(
      port,
      'mutation($m: String!, $p: String, $a: Date) { publishRanking(month: $m, level: CITY, parentCode: $p, asOf: $a) { published } }',
      { m: '2026-09', p: PROVINCE, a: AS_OF },
      login.login.token,
    );
    // A load handed to the server, and a backup handed to it while the load runs: the backup waits for the load.
    const load = start('etl', ['load', second], { DATA_DIR: a });
    const loadDone = finished(load);
    await printed(load, 'stderr', /handing the load/);
    const backedUp = await run('store', ['backup', backup], { DATA_DIR: a });
    expect(backedUp.stderr).toContain('handing the backup to it');
    expect(backedUp.code).toBe(0);
    expect((await loadDone).code).toBe(0);
  } finally {
    server.kill('SIGTERM');
    await serverDone;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8')) as BackupManifest;
  // Both loads whole in the backup (the second was running when the backup was asked for): cases and ledger.
  expect(manifest.clickhouse.tables.cases?.rows).toBeGreaterThan(1100);
  expect(manifest.metadata.tables.load_ledger).toBe(2);
  expect(manifest.metadata.tables.ranking_snapshot).toBeGreaterThan(0);
  expect(manifest.clickhouse.migrations.length).toBeGreaterThan(0);
  expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['metadata.sqlite', 'auth-secret']));

  const original = { answers: await answers(a), digest: await digest(a) };
  expect(JSON.parse(original.answers).metadata.load_ledger.map((l: { status: string }) => l.status)).toEqual([
    'SUCCEEDED',
    'SUCCEEDED',
  ]);

  // Refusals: a DATA_DIR that holds a store; a backup whose file changed.
  const intoFull = await run('store', ['restore', backup], { DATA_DIR: a });
  expect(intoFull.code).toBe(1);
  expect(intoFull.stderr).toMatch(/不是空目录.*is not empty.*--force/s);
  const damaged = path.join(root, 'damaged');
  fs.cpSync(backup, damaged, { recursive: true });
  fs.appendFileSync(path.join(damaged, 'calendar-or-secret-probe'), 'x');
  const extraFile = await run('store', ['restore', damaged], { DATA_DIR: c });
  expect(extraFile.code).toBe(1);
  expect(extraFile.stderr).toContain('backup file not in the manifest: calendar-or-secret-probe');
  fs.rmSync(path.join(damaged, 'calendar-or-secret-probe'));
  const sqlite = path.join(damaged, 'metadata.sqlite');
  const bytes = fs.readFileSync(sqlite);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
  fs.writeFileSync(sqlite, bytes);
  const tampered = await run('store', ['restore', damaged], { DATA_DIR: c });
  expect(tampered.code).toBe(1);
  expect(tampered.stderr).toContain('backup file metadata.sqlite: checksum differs from the manifest');
  expect(fs.existsSync(c) ? fs.readdirSync(c) : []).toEqual([]);

  const restored = await run('store', ['restore', backup], { DATA_DIR: b });
  expect(restored.stderr).toContain(`restore: checking ${manifest.files.length} files against the manifest`);
  expect(restored.code).toBe(0);
  expect(restored.stdout).toContain("every table's figures equal the manifest's");
  expect(fs.readFileSync(path.join(b, 'auth-secret'))).toEqual(fs.readFileSync(path.join(a, 'auth-secret')));
  expect(await answers(b)).toBe(original.answers);
  expect(JSON.parse(await digest(b))).toEqual(JSON.parse(original.digest));

  // Without a server the CLI opens the store itself: the same content, table by table.
  const second2 = await run('store', ['backup', backup2], { DATA_DIR: b });
  expect(second2.code).toBe(0);
  expect(second2.stderr).not.toContain('handing');
  const manifest2 = JSON.parse(fs.readFileSync(path.join(backup2, 'manifest.json'), 'utf8')) as BackupManifest;
  expect(manifest2.clickhouse.tables).toEqual(manifest.clickhouse.tables);
  expect(manifest2.metadata.tables).toEqual(manifest.metadata.tables);
}, 600_000);

test('on PostgreSQL metadata (DATABASE_URL) the backup holds a pg_dump archive that restores into an empty database and answers exactly as the original', async () => {
  postgres = await startTestPostgres();
  const source = postgres.createDatabase();
  const target = postgres.createDatabase();
  const a = path.join(root, 'pg-A');
  const b = path.join(root, 'pg-B');
  const backup = path.join(root, 'pg-backup');
  const file = path.join(root, 'pg.csv');
  await generateExport({
    from: MONTHS[0] as string,
    to: MONTHS.at(-1) as string,
    provinceCode: PROVINCE,
    format: 'csv',
    rows: 400,
    seed: '9',
    encoding: 'utf-8',
    out: file,
  });
  const onA = { DATA_DIR: a, DATABASE_URL: source };
  await runOk(
    'api',
    ['users', 'add', '--username', 'pg-admin', '--password', PASSWORD, '--role', 'PROVINCE_ADMIN', '--region', PROVINCE],
    onA,
  );
  await runOk('etl', ['load', file], onA);
  // Asked once before the backup: what the first question stores (the ranking configuration's first version) is in it.
  await answers2(onA);

  const backedUp = await run('store', ['backup', backup], onA);
  expect(backedUp.code).toBe(0);
  const manifest = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8')) as BackupManifest;
  expect(manifest.metadata.kind).toBe('postgresql');
  expect(manifest.metadata.tables.load_ledger).toBe(1);
  expect(manifest.metadata.tables.users).toBe(1);
  expect(manifest.files.map((f) => f.path)).not.toContain('metadata.sqlite');

  // A PostgreSQL backup needs a DATABASE_URL to restore into: refused by name without one, nothing written.
  const noUrl = await run('store', ['restore', backup], { DATA_DIR: b });
  expect(noUrl.code).toBe(1);
  expect(noUrl.stderr).toContain('set DATABASE_URL');
  expect(fs.existsSync(b) ? fs.readdirSync(b) : []).toEqual([]);

  const onB = { DATA_DIR: b, DATABASE_URL: target };
  const restored = await run('store', ['restore', backup], onB);
  expect(restored.code).toBe(0);
  expect(restored.stdout).toContain("every table's figures equal the manifest's");
  expect(await answers2(onB)).toBe(await answers2(onA));
  expect(JSON.parse(await runOk('digest', [], onB))).toEqual(JSON.parse(await runOk('digest', [], onA)));
  // The restored database signs in the same accounts.
  expect(JSON.parse(await answers2(onB)).metadata.users).toEqual(
    expect.arrayContaining([expect.objectContaining({ username: 'pg-admin' })]),
  );
  // A database that holds tables is refused before the DATA_DIR is touched.
  const c = path.join(root, 'pg-C');
  const intoFull = await run('store', ['restore', backup], { DATA_DIR: c, DATABASE_URL: target });
  expect(intoFull.code).toBe(1);
  expect(intoFull.stderr).toContain('the DATABASE_URL database is not empty');
  expect(fs.existsSync(c) ? fs.readdirSync(c) : []).toEqual([]);
}, 600_000);

const answers2 = (env: Record<string, string>) => runOk('answers', [PROVINCE, AS_OF, ...MONTHS], env);

/**
 * A store written by an older release opens with the current code and migrates forward. The older stores are built
 * from the migration files (the first N ClickHouse migrations — the release before the read model, and the release
 * before the newest migration — and every metadata migration but the newest) with the rows those releases wrote; the
 * current release opens them as it opens any store (openStores: migrations, read-model build) and must answer every
 * question exactly as a store loaded fresh by the current release (GraphQL answers, metadata rows, store digest). An
 * older release with a read model left it built by its own definition (older-release-store.ts): the migrations alter
 * tables that hold rows, and every month is rebuilt.
 * Generic: a new migration moves "the newest" with it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateExport } from '@c12315/etl';
import { METADATA_MIGRATIONS, readMigrations } from '@c12315/store';
import { run } from '../../test-support/cli-process';

const PROVINCE = '140000';
const MONTHS = ['2026-08', '2026-09', '2026-10'];
const AS_OF = '2026-11-16';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'upgrade-'));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function ok(script: Parameters<typeof run>[0], args: string[], dataDir: string): Promise<string> {
  const result = await run(script, args, { DATA_DIR: dataDir });
  if (result.code !== 0) throw new Error(`${script} ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-3000)}`);
  return result.stdout;
}

/**
 * Answers and metadata rows, without what differs by when and by whom it was written: the migration history's
 * timestamps, and the audit log — a record of actions, not derived state (the older release's load wrote no entry; the
 * fresh store's load wrote one).
 */
function comparable(answersJson: string): unknown {
  const parsed = JSON.parse(answersJson) as { answers: unknown; metadata: Record<string, { name?: string }[]> };
  const { mikro_orm_migrations: history, audit_log: _actions, ...rest } = parsed.metadata;
  return { answers: parsed.answers, metadata: rest, migrations: history?.map((m) => m.name) };
}

test('stores of older releases open with the current code, migrate forward and answer as a fresh store', async () => {
  const current = path.join(root, 'current');
  const exported = path.join(root, 'exported');
  const file = path.join(root, 'cases.csv');
  await generateExport({
    rows: 800,
    seed: '11',
    from: MONTHS[0] as string,
    to: MONTHS.at(-1) as string,
    provinceCode: PROVINCE,
    format: 'csv',
    encoding: 'utf-8',
    out: file,
  });
  await ok('etl', ['load', file], current);
  const expected = comparable(await ok('answers', [PROVINCE, AS_OF, ...MONTHS], current));
  const expectedDigest = JSON.parse(await ok('digest', [], current));
  expect(expectedDigest.rows).toBeGreaterThan(700);
  await ok('olderRelease', ['export', exported], current);

  const migrations = readMigrations().map((m) => m.version);
  const beforeReadModel = migrations.findIndex((v) => v.endsWith('_read_model'));
  expect(beforeReadModel).toBeGreaterThan(0);
  const cuts = [...new Set([beforeReadModel, migrations.length - 1])];
  for (const cut of cuts) {
    const older = path.join(root, `older-${cut}`);
    await ok('olderRelease', ['build', String(cut), String(METADATA_MIGRATIONS.length - 1), exported], older);
    const opened = await run('answers', [PROVINCE, AS_OF, ...MONTHS], { DATA_DIR: older });
    expect(opened.code).toBe(0);
    expect(comparable(opened.stdout)).toEqual(expected);
    const digest = JSON.parse(await ok('digest', [], older));
    expect(digest).toEqual(expectedDigest);
  }
}, 600_000);

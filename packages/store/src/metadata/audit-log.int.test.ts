/**
 * The audit log's table on both metadata engines (SQLite by default, PostgreSQL by DATABASE_URL): entries append through
 * `recordAudit`; the database itself refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL), whoever asks; a store written
 * before migration 0005 keeps its sign-in trail, moved into the audit log with the account's region.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { startTestPostgres, type TestPostgres } from '../../test-support/postgres-server';
import { recordAudit } from './audit-log';
import { AuditEntry } from './audit-log.entity';
import { openMetadataStore } from './orm';

jest.setTimeout(120_000);

let pg: TestPostgres;
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-store-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => {
  pg?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const engines: [string, () => { dataDir: string; databaseUrl: string | null }][] = [
  ['SQLite', () => ({ dataDir: tempDir(), databaseUrl: null })],
  ['PostgreSQL', () => ({ dataDir: '/nonexistent-not-used', databaseUrl: pg.url })],
];

describe.each(engines)('%s', (engine, config) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openMetadataStore(config());
  });
  afterAll(async () => {
    await orm?.close();
  });

  test('entries append and read back as written (params as JSON, long values clipped to the column)', async () => {
    const written = await recordAudit(orm.em, {
      action: 'EXPORT_OVERDUE_CSV',
      actor: 'hz-chief',
      actorRole: 'CITY_CHIEF',
      regionCode: '330100',
      target: `overdue_330100_2025-10-13.csv`,
      params: { asOf: '2025-10-13', stages: ['ACCEPTANCE'] },
      ip: '10.1.2.3',
    });
    await recordAudit(orm.em, { action: 'LOGIN_FAILED', actor: 'x'.repeat(500), target: 'x'.repeat(500) });
    const read = await orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'asc' } });
    expect(read.map((e) => [e.action, e.actor.length, e.regionCode])).toEqual([
      ['EXPORT_OVERDUE_CSV', 8, '330100'],
      ['LOGIN_FAILED', 128, null],
    ]);
    expect(read[0]).toMatchObject({ id: written.id, params: { asOf: '2025-10-13', stages: ['ACCEPTANCE'] }, ip: '10.1.2.3' });
  });

  test('the database refuses UPDATE and DELETE (raw SQL and through the ORM); the rows stay', async () => {
    // Matched by message, not toThrow: better-sqlite3's SqliteError is built once per process, in the realm of the first
    // test file that loaded it, so in a later file of the same jest worker it is not an `instanceof Error` there.
    const conn = orm.em.getConnection();
    const count = async () => Number((await conn.execute('select count(*) as n from audit_log'))[0].n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(conn.execute("update audit_log set actor = 'someone-else'")).rejects.toMatchObject({
      message: expect.stringMatching(/append-only: UPDATE refused/),
    });
    await expect(conn.execute('delete from audit_log')).rejects.toMatchObject({
      message: expect.stringMatching(/append-only: DELETE refused/),
    });
    const em = orm.em.fork();
    const entry = await em.findOneOrFail(AuditEntry, { action: 'EXPORT_OVERDUE_CSV' });
    entry.actor = 'someone-else';
    await expect(em.flush()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    const em2 = orm.em.fork();
    em2.remove(await em2.findOneOrFail(AuditEntry, { action: 'EXPORT_OVERDUE_CSV' }));
    await expect(em2.flush()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    if (engine === 'PostgreSQL') {
      await expect(conn.execute('truncate audit_log')).rejects.toMatchObject({
        message: expect.stringMatching(/append-only: TRUNCATE refused/),
      });
    }
    expect(await count()).toBe(before);
    expect((await orm.em.fork().findOneOrFail(AuditEntry, { action: 'EXPORT_OVERDUE_CSV' })).actor).toBe('hz-chief');
  });
});

test('a store written before 0005 keeps its sign-in trail, moved into the audit log with the account’s region', async () => {
  const dataDir = tempDir();
  const old = await openMetadataStore({ dataDir, databaseUrl: null });
  // Back to the previous release's schema (0004), with a trail written the old way.
  await old.getMigrator().down({ to: '0004-supervision' });
  const conn = old.em.getConnection();
  const at = new Date('2026-01-05T02:00:00Z').getTime();
  await conn.execute(
    "insert into users (username, password_hash, role, region_code, disabled, created_at, password_changed_at) values ('zj-admin', '$argon2id$x', 'PROVINCE_ADMIN', '330000', 0, ?, ?)",
    [at, at],
  );
  await conn.execute(
    "insert into auth_audit_log (at, event, username, actor, ip, detail) values (?, 'LOGIN_OK', 'zj-admin', 'zj-admin', '10.0.0.9', null), (?, 'LOGIN_FAILED', 'ghost', 'ghost', '10.0.0.9', 'unknown user')",
    [at, at + 1000],
  );
  await old.close();
  const upgraded = await openMetadataStore({ dataDir, databaseUrl: null });
  try {
    const entries = await upgraded.em.fork().find(AuditEntry, {}, { orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.action, e.actor, e.target, e.regionCode, e.ip, e.detail, e.at.toISOString()])).toEqual([
      ['LOGIN_OK', 'zj-admin', 'zj-admin', '330000', '10.0.0.9', null, '2026-01-05T02:00:00.000Z'],
      ['LOGIN_FAILED', 'ghost', 'ghost', null, '10.0.0.9', 'unknown user', '2026-01-05T02:00:01.000Z'],
    ]);
    const tables = await upgraded.em.getConnection().execute("select name from sqlite_master where type = 'table'");
    expect(tables.map((t: { name: string }) => t.name)).not.toContain('auth_audit_log');
  } finally {
    await upgraded.close();
  }
});

/**
 * 通报 deliveries and 签收 (migration 0007-notice-delivery) on both metadata engines: a delivery per (month, parent, unit) and
 * one signature per delivery, both enforced by the database; a store written before 0007 upgrades (its users gain an
 * empty e-mail column) and migrates back down.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { startTestPostgres, type TestPostgres } from '../../test-support/postgres-server';
import { NoticeDelivery, NoticeReceipt } from './notice-delivery.entity';
import { openMetadataStore } from './orm';
import { UserAccount } from './user.entity';

jest.setTimeout(120_000);

let pg: TestPostgres;
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-store-'));
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

const engines: [string, () => Promise<{ dataDir: string; databaseUrl: string | null }>][] = [
  ['SQLite', async () => ({ dataDir: tempDir(), databaseUrl: null })],
  ['PostgreSQL', async () => ({ dataDir: '/nonexistent-not-used', databaseUrl: await pg.createDatabase() })],
];

const delivery = (cityCode: string) =>
  Object.assign(new NoticeDelivery(), { month: '2026-10', parentCode: '140000', cityCode, mailStatus: 'PENDING' });

describe.each(engines)('%s', (_engine, config) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openMetadataStore(await config());
  });
  afterAll(async () => {
    await orm?.close();
  });

  test('deliveries and a receipt round-trip; a second delivery of the same unit and month is refused', async () => {
    const em = orm.em.fork();
    const taiyuan = delivery('140100');
    em.persist([taiyuan, delivery('140200')]);
    await em.flush();
    const again = orm.em.fork();
    again.persist(delivery('140100'));
    await expect(again.flush()).rejects.toMatchObject({ name: 'UniqueConstraintViolationException' });
    const receipt = Object.assign(new NoticeReceipt(), { deliveryId: taiyuan.id, userId: 7, username: 'ty-chief' });
    await orm.em.fork().persistAndFlush(receipt);
    const read = await orm.em.fork().find(NoticeDelivery, {}, { orderBy: { cityCode: 'asc' } });
    expect(read.map((d) => [d.cityCode, d.mailStatus, d.mailAttempts, d.mailError])).toEqual([
      ['140100', 'PENDING', 0, null],
      ['140200', 'PENDING', 0, null],
    ]);
    expect(await orm.em.fork().findOneOrFail(NoticeReceipt, { deliveryId: taiyuan.id })).toMatchObject({
      userId: 7,
      username: 'ty-chief',
    });
  });

  test('a second signature of the same delivery is refused by the database: the first stands', async () => {
    const first = await orm.em.fork().findOneOrFail(NoticeDelivery, { cityCode: '140100' });
    const second = Object.assign(new NoticeReceipt(), { deliveryId: first.id, userId: 8, username: 'other' });
    await expect(orm.em.fork().persistAndFlush(second)).rejects.toMatchObject({
      name: 'UniqueConstraintViolationException',
    });
    expect((await orm.em.fork().find(NoticeReceipt, {})).map((r) => r.username)).toEqual(['ty-chief']);
  });

  test('a user account keeps an optional e-mail address', async () => {
    const user = Object.assign(new UserAccount(), {
      username: 'ty-chief',
      passwordHash: '$argon2id$x',
      role: 'CITY_CHIEF',
      regionCode: '140100',
    });
    await orm.em.fork().persistAndFlush(user);
    expect((await orm.em.fork().findOneOrFail(UserAccount, { id: user.id })).email).toBeNull();
    const em = orm.em.fork();
    const loaded = await em.findOneOrFail(UserAccount, { id: user.id });
    loaded.email = 'chief@taiyuan.example.cn';
    await em.flush();
    expect((await orm.em.fork().findOneOrFail(UserAccount, { id: user.id })).email).toBe('chief@taiyuan.example.cn');
  });
});

test('a store written before 0007 upgrades with its users, and migrates back down', async () => {
  const dataDir = tempDir();
  const old = await openMetadataStore({ dataDir, databaseUrl: null });
  await old.getMigrator().down({ to: '0006-notices' });
  const conn = old.em.getConnection();
  const at = Date.now();
  await conn.execute(
    "insert into users (username, password_hash, role, region_code, disabled, created_at, password_changed_at) values ('ty-chief', '$argon2id$x', 'CITY_CHIEF', '140100', 0, ?, ?)",
    [at, at],
  );
  const tables = async (orm: MikroORM) =>
    (await orm.em.getConnection().execute("select name from sqlite_master where type = 'table'")).map(
      (t: { name: string }) => t.name,
    );
  expect(await tables(old)).not.toContain('notice_delivery');
  await old.close();
  const upgraded = await openMetadataStore({ dataDir, databaseUrl: null });
  try {
    expect(await tables(upgraded)).toEqual(expect.arrayContaining(['notice_delivery', 'notice_receipt']));
    expect(await upgraded.em.fork().findOneOrFail(UserAccount, { username: 'ty-chief' })).toMatchObject({
      regionCode: '140100',
      email: null,
    });
    await upgraded.getMigrator().down({ to: '0006-notices' });
    expect(await tables(upgraded)).not.toContain('notice_delivery');
    const columns = await upgraded.em.getConnection().execute('pragma table_info(users)');
    expect(columns.map((c: { name: string }) => c.name)).not.toContain('email');
    expect(await upgraded.em.getConnection().execute('select username from users')).toEqual([{ username: 'ty-chief' }]);
  } finally {
    await upgraded.close();
  }
});

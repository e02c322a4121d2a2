import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, openMetadataStore, UserAccount } from '@c12315/store';
import argon2 from 'argon2';
import type { AppContext } from '../context';
import { prepareAuth, seedDemoUsers } from './demo-users';
import { checkPasswordPolicy } from './password';

// argon2id (64 MiB, t=3) for real: a few hundred ms per hash on a loaded 2-core machine.
jest.setTimeout(60_000);

type Orm = AppContext['orm'];

async function freshStore(): Promise<{ orm: Orm; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-users-'));
  return { orm: await openMetadataStore(loadConfig({ DATA_DIR: dir })), dir };
}

describe('start-up users', () => {
  const opened: { orm: Orm; dir: string }[] = [];
  afterAll(async () => {
    for (const { orm, dir } of opened) {
      await orm.close(true);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('production never creates default users, and refuses to start without AUTH_SECRET', async () => {
    const store = await freshStore();
    opened.push(store);
    const demo = { provinceCode: '440000', cityCode: '440100' };
    await expect(prepareAuth({ production: true, authSecret: null }, store.orm, demo)).rejects.toThrow(/AUTH_SECRET/);
    expect(await prepareAuth({ production: true, authSecret: 'p'.repeat(40) }, store.orm, demo)).toEqual([]);
    expect(await store.orm.em.fork().count(UserAccount, {})).toBe(0);
  });

  test('demo mode seeds one user per role with random passwords, only into an empty table', async () => {
    const store = await freshStore();
    opened.push(store);
    const seeded = await prepareAuth({ production: false, authSecret: null }, store.orm, {
      provinceCode: '440000',
      cityCode: '440300',
    });
    expect(seeded.map(({ username, role, regionCode }) => ({ username, role, regionCode }))).toEqual([
      { username: 'admin', role: 'PROVINCE_ADMIN', regionCode: '440000' },
      { username: 'chief', role: 'CITY_CHIEF', regionCode: '440300' },
      { username: 'supervisor', role: 'SUPERVISOR', regionCode: '440300' },
      { username: 'foodsafety', role: 'FOOD_SAFETY', regionCode: '440300' },
      { username: 'analyst', role: 'ANALYST', regionCode: '440000' },
    ]);
    expect(new Set(seeded.map((s) => s.password)).size).toBe(5);
    for (const s of seeded) expect(() => checkPasswordPolicy(s.password)).not.toThrow();
    const stored = await store.orm.em.fork().find(UserAccount, {}, { orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(5);
    // the printed password is the one that signs in; the DB holds only its hash
    expect(await argon2.verify(stored[0]!.passwordHash, seeded[0]!.password)).toBe(true);
    expect(stored[0]!.passwordHash).not.toContain(seeded[0]!.password);
    // a second start-up keeps the existing accounts
    expect(await seedDemoUsers(store.orm, '440000', '440300')).toEqual([]);
    expect(await store.orm.em.fork().count(UserAccount, {})).toBe(5);
  });
});

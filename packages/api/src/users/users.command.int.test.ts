import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditEntry, loadConfig, openMetadataStore, UserAccount } from '@c12315/store';
import argon2 from 'argon2';
import type { AppContext } from '../context';
import { runUsersCommand } from './users.command';

// argon2id (64 MiB, t=3) for real: a few hundred ms per hash on a loaded 2-core machine.
jest.setTimeout(60_000);

type Orm = AppContext['orm'];

let dir: string;
let orm: Orm;

async function users(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUsersCommand(['users', ...argv], { orm, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-cli-'));
  orm = await openMetadataStore(loadConfig({ DATA_DIR: dir }));
});

afterAll(async () => {
  await orm.close(true);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('users CLI', () => {
  test('add, then list shows username, role, region name + code, disabled — never the hash', async () => {
    expect(
      await users('add', '--username', 'zhao', '--password', 'Zhejiang2024x', '--role', 'PROVINCE_ADMIN', '--region', '330000'),
    ).toMatchObject({
      code: 0,
      out: 'added zhao (PROVINCE_ADMIN, 浙江省 330000)',
    });
    expect((await users('add', '--username=qian', '--password=Hangzhou2024x', '--role=city_chief', '--region=330100')).code).toBe(
      0,
    );
    const list = await users('list');
    expect(list.code).toBe(0);
    const lines = list.out.split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+ROLE\s+REGION\s+DISABLED$/);
    expect(lines[1]).toMatch(/^qian\s+CITY_CHIEF\s+杭州市 330100\s+no$/);
    expect(lines[2]).toMatch(/^zhao\s+PROVINCE_ADMIN\s+浙江省 330000\s+no$/);
    expect(list.out).not.toContain('$argon2');
    const stored = await orm.em.fork().findOneOrFail(UserAccount, { username: 'qian' });
    expect(stored.role).toBe('CITY_CHIEF');
    expect(await argon2.verify(stored.passwordHash, 'Hangzhou2024x')).toBe(true);
    expect(stored.email).toBeNull();
  });

  test('--email keeps a work address on the account (where the monthly 通报 is mailed)', async () => {
    const added = await users(
      ...['add', '--username', 'wz-chief', '--password', 'Wenzhou2024x', '--role', 'CITY_CHIEF', '--region', '330300'],
      ...['--email', ' chief@wenzhou.example.cn '],
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    expect((await orm.em.fork().findOneOrFail(UserAccount, { username: 'wz-chief' })).email).toBe('chief@wenzhou.example.cn');
  });

  test('bad arguments are refused naming the argument, and nothing is written', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['add', '--username', 'sun', '--password', 'Ningbo2024xx', '--role', 'MAYOR', '--region', '330200'],
        /--role: unknown role "MAYOR"/,
      ],
      [
        ['add', '--username', 'sun', '--password', 'Ningbo2024xx', '--role', 'ANALYST', '--region', '339999'],
        /--region: unknown region code "339999"/,
      ],
      [
        ['add', '--username', 'sun', '--password', 'Ningbo2024xx', '--role', 'PROVINCE_ADMIN', '--region', '330200'],
        /--region: a PROVINCE_ADMIN must be bound to a province code/,
      ],
      [
        ['add', '--username', 'sun', '--password', 'short1', '--role', 'ANALYST', '--region', '330200'],
        /--password: must be at least 10 characters/,
      ],
      [
        ['add', '--username', 'sun', '--password', 'onlyletterspw', '--role', 'ANALYST', '--region', '330200'],
        /--password: must contain both letters and digits/,
      ],
      [['add', '--username', 'sun', '--role', 'ANALYST', '--region', '330200'], /--password: required/],
      [
        ['add', '--username', 'sun', '--password', 'Ningbo2024xx', '--role', 'ANALYST', '--region', '330200', '--colour', 'red'],
        /--colour: not an option/,
      ],
      [
        ['add', '--username', 'zhao', '--password', 'Ningbo2024xx', '--role', 'ANALYST', '--region', '330200'],
        /--username: user "zhao" already exists/,
      ],
      [['disable', '--username', 'nobody'], /--username: no user "nobody"/],
      [
        [
          'add',
          '--username',
          'sun',
          '--password',
          'Ningbo2024xx',
          '--role',
          'ANALYST',
          '--region',
          '330200',
          '--email',
          'sun at nb',
        ],
        /--email: 不是有效的电子邮件地址 \/ not an e-mail address: "sun at nb"/,
      ],
      [
        [
          'add',
          '--username',
          'sun',
          '--password',
          'Ningbo2024xx',
          '--role',
          'ANALYST',
          '--region',
          '330200',
          '--email',
          'a@b.cn, c@d.cn',
        ],
        /--email: .*not an e-mail address/,
      ],
      [['disable', '--username', 'qian', '--email', 'x@y.cn'], /--email: not an option/],
    ];
    for (const [argv, message] of cases) {
      const result = await users(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: 2 });
      expect(result.err).toMatch(message);
    }
    expect(await orm.em.fork().count(UserAccount, { username: 'sun' })).toBe(0);
    expect((await users('frobnicate')).code).toBe(2);
  });

  test('disable and reset-password', async () => {
    expect(await users('disable', '--username', 'qian')).toMatchObject({ code: 0, out: 'disabled qian' });
    expect((await users('list')).out).toMatch(/qian\s+CITY_CHIEF\s+杭州市 330100\s+yes/);
    const weak = await users('reset-password', '--username', 'zhao', '--password', '12345678901');
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('--password: must contain both letters and digits');
    expect((await users('reset-password', '--username', 'zhao', '--password', 'Wenzhou2025yy')).code).toBe(0);
    const zhao = await orm.em.fork().findOneOrFail(UserAccount, { username: 'zhao' });
    expect(await argon2.verify(zhao.passwordHash, 'Wenzhou2025yy')).toBe(true);
    expect(await argon2.verify(zhao.passwordHash, 'Zhejiang2024x')).toBe(false);
  });

  test('the audit trail names the CLI actor and never a password', async () => {
    const audit = await orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'asc' } });
    // One entry per command that changed something, in the region of the account concerned (its admins see it).
    expect(audit.map((a) => `${a.action} ${a.target} ${a.regionCode}`)).toEqual([
      'USER_ADDED zhao 330000',
      'USER_ADDED qian 330100',
      'USER_ADDED wz-chief 330300',
      'USER_DISABLED qian 330100',
      'PASSWORD_RESET zhao 330000',
    ]);
    expect(audit.every((a) => a.actor?.startsWith('cli'))).toBe(true);
    const dump = JSON.stringify(await orm.em.getConnection().execute('select * from audit_log'));
    for (const pw of ['Zhejiang2024x', 'Hangzhou2024x', 'Wenzhou2025yy', 'Ningbo2024xx']) expect(dump).not.toContain(pw);
  });
});

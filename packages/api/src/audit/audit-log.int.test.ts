/**
 * The audit log end to end (issue "Faults and abuse" §6) on the real HTTP app over chdb + SQLite: every audited action
 * — users CLI, sign-in, user management over GraphQL, ranking configuration and publication, the CSV export, a
 * standalone load and a load handed to the server — writes exactly one entry naming who, what and where; refused
 * actions write none; `auditLog` is PROVINCE_ADMIN's alone, scoped to its province, filtered and paged; the table
 * refuses UPDATE and DELETE and holds no personal data. (The PDF export's entry: reports/report-pdf.int.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFiles } from '@c12315/etl';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { AuditEntry } from '@c12315/store';
import { startTestServer, type TestServer } from '../../test-support/http-test-server';
import { defaultRankingParams } from '../ranking/ranking-config.service';
import { runUsersCommand } from '../users/users.command';

jest.setTimeout(120_000);

const GOLDEN_CSV = path.resolve(__dirname, '../../../etl/test-fixtures/golden/cases-utf8-bom.csv');
const PASSWORDS = { 'zj-admin': 'Zhejiang2025pw', 'hz-chief': 'Hangzhou2025pw', 'js-admin': 'Jiangsu2025pw' };
const RESPONDENT = '杭州某某超市有限公司';

let server: TestServer;
let tmp: string;
const tokens: Record<string, string> = {};

type Row = Pick<AuditEntry, 'action' | 'actor' | 'actorRole' | 'regionCode' | 'target' | 'detail' | 'params' | 'ip'>;
let seen = 0;

/** The entries written since the last call (each test step asserts exactly what its action wrote). */
async function newEntries(): Promise<Row[]> {
  const rows = await server.stores.orm.em.fork().find(AuditEntry, { id: { $gt: seen } }, { orderBy: { id: 'asc' } });
  seen = rows.at(-1)?.id ?? seen;
  return rows.map(({ action, actor, actorRole, regionCode, target, detail, params, ip }) => ({
    action,
    actor,
    actorRole,
    regionCode,
    target,
    detail,
    params,
    ip,
  }));
}

const users = (...args: string[]) => runUsersCommand(args, { orm: server.stores.orm, out: () => {}, err: () => {} });
const login = (username: string, password: string) =>
  server.gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: username,
    p: password,
  });
const AUDIT_QUERY = `query($from: Date, $to: Date, $user: String, $actions: [AuditAction!], $first: Int, $after: String) {
  auditLog(from: $from, to: $to, user: $user, actions: $actions, first: $first, after: $after) {
    totalCount nodes { id at action actor actorRole regionCode target detail params ip } pageInfo { hasNextPage endCursor }
  }
}`;
interface AuditPage {
  totalCount: number;
  nodes: { id: string; action: string; actor: string; regionCode: string | null; target: string | null }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
async function auditLog(token: string, variables: Record<string, unknown> = {}): Promise<AuditPage> {
  const res = await server.gql(AUDIT_QUERY, { first: 500, ...variables }, token);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data?.auditLog as AuditPage;
}

beforeAll(async () => {
  server = await startTestServer('audit-log-');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-files-'));
  await insertCases(server.stores.ch, [
    caseRecord({
      caseId: 'A1',
      kind: 'COMPLAINT',
      registeredAt: '2025-09-19 10:00:00',
      handlingUnitCode: '330102',
      respondentName: RESPONDENT,
    }),
  ]);
});

afterAll(async () => {
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('each audited action writes exactly one entry', () => {
  test('users CLI: add, disable, reset-password — the CLI actor, the account concerned and its region', async () => {
    for (const [name, role, region] of [
      ['zj-admin', 'PROVINCE_ADMIN', '330000'],
      ['hz-chief', 'CITY_CHIEF', '330100'],
      ['js-admin', 'PROVINCE_ADMIN', '320000'],
    ] as const) {
      expect(await users('add', '--username', name, '--password', PASSWORDS[name], '--role', role, '--region', region)).toBe(0);
    }
    expect(
      await users('add', '--username', 'tmp-analyst', '--password', 'Analyst2025pw', '--role', 'ANALYST', '--region', '330200'),
    ).toBe(0);
    expect(await users('disable', '--username', 'tmp-analyst')).toBe(0);
    expect(await users('reset-password', '--username', 'tmp-analyst', '--password', 'Analyst2026pw')).toBe(0);
    // Refused (unknown role): nothing recorded.
    expect(
      await users('add', '--username', 'x-user', '--password', 'Analyst2025pw', '--role', 'MAYOR', '--region', '330200'),
    ).toBe(2);
    const entries = await newEntries();
    expect(entries.map((e) => [e.action, e.target, e.regionCode, e.actorRole, e.ip])).toEqual([
      ['USER_ADDED', 'zj-admin', '330000', null, null],
      ['USER_ADDED', 'hz-chief', '330100', null, null],
      ['USER_ADDED', 'js-admin', '320000', null, null],
      ['USER_ADDED', 'tmp-analyst', '330200', null, null],
      ['USER_DISABLED', 'tmp-analyst', '330200', null, null],
      ['PASSWORD_RESET', 'tmp-analyst', '330200', null, null],
    ]);
    expect(entries.every((e) => e.actor.startsWith('cli'))).toBe(true);
  });

  test('sign-in: success and failure, in the account’s region (an unknown name: no region)', async () => {
    for (const name of ['zj-admin', 'hz-chief', 'js-admin'] as const) {
      const res = await login(name, PASSWORDS[name]);
      tokens[name] = (res.body.data?.login as { token: string }).token;
    }
    expect((await login('hz-chief', 'Wrong2025pw')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login('no-such-user', 'Wrong2025pw')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const entries = await newEntries();
    expect(entries.map((e) => [e.action, e.actor, e.actorRole, e.regionCode, e.target, e.detail])).toEqual([
      ['LOGIN_OK', 'zj-admin', 'PROVINCE_ADMIN', '330000', 'zj-admin', null],
      ['LOGIN_OK', 'hz-chief', 'CITY_CHIEF', '330100', 'hz-chief', null],
      ['LOGIN_OK', 'js-admin', 'PROVINCE_ADMIN', '320000', 'js-admin', null],
      ['LOGIN_FAILED', 'hz-chief', null, '330100', 'hz-chief', 'wrong password'],
      ['LOGIN_FAILED', 'no-such-user', null, null, 'no-such-user', 'unknown user'],
    ]);
    expect(entries.every((e) => e.ip === '127.0.0.1')).toBe(true);
  });

  test('user management over GraphQL: the admin as actor, the account concerned as target', async () => {
    const admin = tokens['zj-admin'] as string;
    const created = await server.gql(
      'mutation { createUser(username: "nb-analyst", password: "Ningbo2025pw", role: ANALYST, regionCode: "330200") { username } }',
      {},
      admin,
    );
    expect(created.body.errors).toBeUndefined();
    await server.gql('mutation { resetPassword(username: "nb-analyst", password: "Ningbo2026pw") { username } }', {}, admin);
    await server.gql('mutation { disableUser(username: "nb-analyst") { username } }', {}, admin);
    // Refused: outside the province, and by a chief.
    const foreign = await server.gql('mutation { disableUser(username: "js-admin") { username } }', {}, admin);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const chief = await server.gql('mutation { disableUser(username: "nb-analyst") { username } }', {}, tokens['hz-chief']);
    expect(chief.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await newEntries()).map((e) => [e.action, e.actor, e.actorRole, e.target, e.regionCode, e.detail])).toEqual([
      ['USER_ADDED', 'zj-admin', 'PROVINCE_ADMIN', 'nb-analyst', '330200', 'ANALYST 330200'],
      ['PASSWORD_RESET', 'zj-admin', 'PROVINCE_ADMIN', 'nb-analyst', '330200', null],
      ['USER_DISABLED', 'zj-admin', 'PROVINCE_ADMIN', 'nb-analyst', '330200', null],
    ]);
  });

  test('ranking configuration change and publication, with their parameters', async () => {
    const admin = tokens['zj-admin'] as string;
    const config = await server.gql(
      'mutation($i: [RankingIndicatorParamsInput!]!) { updateRankingConfig(indicators: $i, note: "月度调整") { version } }',
      { i: defaultRankingParams() },
      admin,
    );
    expect(config.body.errors).toBeUndefined();
    // Refused: a stale base version (CONFLICT) and a chief.
    const stale = await server.gql(
      'mutation($i: [RankingIndicatorParamsInput!]!) { updateRankingConfig(indicators: $i, baseVersion: 1) { version } }',
      { i: defaultRankingParams() },
      admin,
    );
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const published = await server.gql(
      'mutation { publishRanking(month: "2025-09", asOf: "2025-10-13") { published } }',
      {},
      admin,
    );
    expect(published.body.errors).toBeUndefined();
    const again = await server.gql('mutation { publishRanking(month: "2025-09", asOf: "2025-10-13") { published } }', {}, admin);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const entries = await newEntries();
    expect(entries.map((e) => [e.action, e.actor, e.regionCode, e.target])).toEqual([
      ['RANKING_CONFIG_CHANGED', 'zj-admin', '330000', 'version 2'],
      ['RANKING_PUBLISHED', 'zj-admin', '330000', '2025-09 CITY 330000'],
    ]);
    expect(entries[0]?.params).toMatchObject({ version: 2, previousVersion: 1 });
    expect(entries[1]?.params).toEqual({
      month: '2025-09',
      level: 'CITY',
      parentCode: '330000',
      asOf: '2025-10-13',
      configVersion: 2,
    });
  });

  test('the overdue CSV export: who, which file, which filters; a refused export writes nothing', async () => {
    const res = await server.get('/export/overdue.csv?asOf=2025-10-13&regionCode=330100&stages=ACCEPTANCE', tokens['hz-chief']);
    expect(res.status).toBe(200);
    expect(res.text).toContain('A1');
    expect((await server.get('/export/overdue.csv?asOf=2025-10-13&regionCode=330200', tokens['hz-chief'])).status).toBe(403);
    expect((await server.get('/export/overdue.csv?asOf=2025-13-01', tokens['hz-chief'])).status).toBe(400);
    expect(await newEntries()).toEqual([
      {
        action: 'EXPORT_OVERDUE_CSV',
        actor: 'hz-chief',
        actorRole: 'CITY_CHIEF',
        regionCode: '330100',
        target: 'overdue_330100_2025-10-13.csv',
        detail: null,
        params: { asOf: '2025-10-13', regionCode: '330100', stages: ['ACCEPTANCE'], sort: 'OVERDUE_WORKDAYS' },
        ip: '127.0.0.1',
      },
    ]);
  });

  test('file loads: standalone (the ledger’s user) and handed to the server, each one entry bound to no region', async () => {
    const file = path.join(tmp, 'cases.csv');
    fs.copyFileSync(GOLDEN_CSV, file);
    expect(await loadFiles(server.stores, [file], { runBy: 'data-staff', rejectsDir: tmp }, () => {})).toBe(true);
    const handed = await fetch(`${server.url}/internal/loads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Local test-local-token' },
      body: JSON.stringify({ files: [file], rejectsDir: tmp, runBy: 'hand-staff' }),
    });
    expect(await handed.text()).toContain('"type":"end","ok":true');
    const entries = await newEntries();
    expect(entries.map((e) => [e.action, e.actor, e.regionCode, e.target, e.params?.via, e.params?.format])).toEqual([
      ['FILE_LOAD', 'data-staff', null, file, 'cli', 'csv'],
      ['FILE_LOAD', 'hand-staff', null, file, 'server', 'csv'],
    ]);
    expect(entries[0]?.params?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[0]?.detail).toMatch(/^load ledger entry \d+$/);
  });
});

describe('auditLog query', () => {
  test('PROVINCE_ADMIN sees its province’s entries and those bound to no region, newest first', async () => {
    const zj = await auditLog(tokens['zj-admin'] as string);
    expect(zj.nodes.length).toBe(zj.totalCount);
    expect(zj.nodes.every((n) => n.regionCode === null || n.regionCode.startsWith('33'))).toBe(true);
    expect(zj.nodes.some((n) => n.action === 'EXPORT_OVERDUE_CSV')).toBe(true);
    expect(zj.nodes.some((n) => n.action === 'FILE_LOAD')).toBe(true);
    const ids = zj.nodes.map((n) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  test('a PROVINCE_ADMIN of another province sees none of this one’s entries', async () => {
    const js = await auditLog(tokens['js-admin'] as string);
    expect(js.nodes.filter((n) => n.regionCode !== null).map((n) => [n.action, n.target])).toEqual([
      ['LOGIN_OK', 'js-admin'],
      ['USER_ADDED', 'js-admin'],
    ]);
    expect(js.nodes.some((n) => n.actor === 'zj-admin' || n.actor === 'hz-chief')).toBe(false);
  });

  test('every other role is refused (FORBIDDEN), an anonymous caller UNAUTHENTICATED', async () => {
    const chief = await server.gql(AUDIT_QUERY, {}, tokens['hz-chief']);
    expect(chief.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(chief.body.data?.auditLog ?? null).toBeNull();
    const anonymous = await server.gql(AUDIT_QUERY, {});
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('filters: user (actor or account concerned), actions, day range (Asia/Shanghai); bad arguments named', async () => {
    const admin = tokens['zj-admin'] as string;
    const chief = await auditLog(admin, { user: 'HZ-Chief' });
    expect(new Set(chief.nodes.map((n) => n.action))).toEqual(
      new Set(['USER_ADDED', 'LOGIN_OK', 'LOGIN_FAILED', 'EXPORT_OVERDUE_CSV']),
    );
    expect(chief.nodes.every((n) => n.actor === 'hz-chief' || n.target === 'hz-chief')).toBe(true);
    const exports = await auditLog(admin, { actions: ['EXPORT_OVERDUE_CSV', 'RANKING_PUBLISHED'] });
    expect(exports.nodes.map((n) => n.action).sort()).toEqual(['EXPORT_OVERDUE_CSV', 'RANKING_PUBLISHED']);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
    expect((await auditLog(admin, { from: today, to: today })).totalCount).toBe((await auditLog(admin)).totalCount);
    expect((await auditLog(admin, { from: tomorrow })).totalCount).toBe(0);
    expect((await auditLog(admin, { to: '2020-01-01' })).totalCount).toBe(0);
    const backwards = await server.gql(AUDIT_QUERY, { from: tomorrow, to: today }, admin);
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    const tooMany = await server.gql(AUDIT_QUERY, { first: 501 }, admin);
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await server.gql(AUDIT_QUERY, { after: 'bm90IGEgY3Vyc29y' }, admin);
    expect(badCursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  test('pages: keyset cursors walk every entry once', async () => {
    const admin = tokens['zj-admin'] as string;
    const all = await auditLog(admin);
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: AuditPage = await auditLog(admin, { first: 3, after });
      expect(page.totalCount).toBe(all.totalCount);
      walked.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all.nodes.map((n) => n.id));
  });
});

describe('stored as written, and nothing personal', () => {
  test('the database refuses UPDATE and DELETE of audit entries', async () => {
    const conn = server.stores.orm.em.getConnection();
    const count = async () => Number((await conn.execute('select count(*) as n from audit_log'))[0].n);
    const before = await count();
    // Matched by message, not toThrow: better-sqlite3's SqliteError comes from the realm of the first test file of a
    // jest worker that loaded it, so after another file it is not an `instanceof Error` here.
    await expect(conn.execute("update audit_log set actor = 'someone-else'")).rejects.toMatchObject({
      message: expect.stringMatching(/append-only/),
    });
    await expect(conn.execute('delete from audit_log')).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    const entry = await server.stores.orm.em.fork().findOneOrFail(AuditEntry, { action: 'EXPORT_OVERDUE_CSV' });
    const em = server.stores.orm.em.fork();
    em.remove(em.merge(entry));
    await expect(em.flush()).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    expect(await count()).toBe(before);
    expect(Number((await conn.execute("select count(*) as n from audit_log where actor = 'someone-else'"))[0].n)).toBe(0);
  });

  test('no personal-data column; no password, token or case content in any entry', async () => {
    // Portable (SQLite and PostgreSQL runs alike): the columns of a stored row.
    const [row] = await server.stores.orm.em.getConnection().execute('select * from audit_log limit 1');
    const columns = Object.keys(row as object);
    expect(columns.sort()).toEqual(
      ['action', 'actor', 'actor_role', 'at', 'detail', 'id', 'ip', 'params', 'region_code', 'target'].sort(),
    );
    const dump = JSON.stringify(await server.stores.orm.em.getConnection().execute('select * from audit_log'));
    for (const secret of [
      ...Object.values(PASSWORDS),
      'Wrong2025pw',
      'Ningbo2025pw',
      'Analyst2025pw',
      ...Object.values(tokens),
    ]) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).not.toContain(RESPONDENT);
    expect(dump).not.toContain('$argon2');
  });
});

/**
 * Supervision (督办) and the overdue CSV export, on real chdb and each metadata store (SQLite, PostgreSQL). Cases as
 * in overdue.int.test.ts: with asOf 2025-10-13 (National Day 10-01…08 off, make-up 09-28 Sun and 10-11 Sat), a
 * complaint registered 09-19 is due 09-29 and 5 working days overdue; one registered 09-24 is due 10-10 and 2 days
 * overdue; a report registered 09-01 is due 09-22 and 11 days overdue.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { SupervisionAction } from '@c12315/store';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { metadataBackends } from '../../test-support/metadata-backends';
import { contextFor, errorCode, execute, openTestStores, type TestStores, testUser } from '../../test-support/test-stores';
import type { AuthUser } from '../context';
import { OverdueResolver } from './overdue.resolver';
import { overdueCsvHandler } from './overdue-csv';

const FIXTURE = [
  caseRecord({
    caseId: 'S1',
    kind: 'COMPLAINT',
    registeredAt: '2025-09-19 10:00:00',
    handlingUnitCode: '330102',
    respondentName: '甲, "乙" 商行',
  }),
  caseRecord({ caseId: 'S2', kind: 'COMPLAINT', registeredAt: '2025-09-24 10:00:00', handlingUnitCode: '330106' }),
  caseRecord({ caseId: 'S3', kind: 'REPORT', registeredAt: '2025-09-01 10:00:00', handlingUnitCode: '330102' }),
  caseRecord({ caseId: 'S4', kind: 'COMPLAINT', registeredAt: '2025-09-19 10:00:00', handlingUnitCode: '330102' }),
  caseRecord({ caseId: 'N1', kind: 'COMPLAINT', registeredAt: '2025-09-19 10:00:00', handlingUnitCode: '330203' }),
];

const SUPERVISE = `mutation($caseId: ID!, $note: String!, $deadline: Date!) {
  superviseCase(caseId: $caseId, note: $note, deadline: $deadline) { id caseId handlingUnitCode supervisedBy role note deadline createdAt }
}`;
const LIST = `query { overdueCases(asOf: "2025-10-13", regionCode: "330100") {
  nodes { caseId overdueWorkdays supervisions { supervisedBy role note deadline } } } }`;

let stores: TestStores;
let schema: GraphQLSchema;
const supervisor = testUser('SUPERVISOR', '330100', 7);
const chief = testUser('CITY_CHIEF', '330100', 8);
const admin = testUser('PROVINCE_ADMIN', '330000', 9);

describe.each(metadataBackends())('on %s metadata', (backend) => {
  beforeAll(async () => {
    stores = await openTestStores('supervision-', backend);
    await insertCases(stores.ch, FIXTURE);
    schema = await buildSchema({ resolvers: [OverdueResolver], validate: false });
  });
  afterAll(async () => {
    await stores?.close();
  });

  const supervise = (user: AuthUser | null, vars: Record<string, unknown>) =>
    execute(schema, contextFor(stores, user), SUPERVISE, { note: '请三日内办结', deadline: '2099-12-31', ...vars });

  describe('superviseCase', () => {
    it('records who, when, note and deadline for SUPERVISOR, CITY_CHIEF and PROVINCE_ADMIN inside their scope', async () => {
      const r1 = await supervise(supervisor, { caseId: 'S1', note: ' 第一次督办 ' });
      expect(r1.errors).toBeUndefined();
      expect((r1.data as { superviseCase: Record<string, unknown> }).superviseCase).toMatchObject({
        caseId: 'S1',
        handlingUnitCode: '330102',
        supervisedBy: 'supervisor-330100',
        role: 'SUPERVISOR',
        note: '第一次督办',
        deadline: '2099-12-31',
      });
      expect((await supervise(chief, { caseId: 'S1', note: '第二次督办', deadline: '2099-06-30' })).errors).toBeUndefined();
      expect((await supervise(admin, { caseId: 'N1' })).errors).toBeUndefined();
      const stored = await stores.orm.em.fork().find(SupervisionAction, {}, { orderBy: { id: 'ASC' } });
      expect(stored.map((a) => [a.caseId, a.username, a.userId, a.deadline])).toEqual([
        ['S1', 'supervisor-330100', 7, '2099-12-31'],
        ['S1', 'city_chief-330100', 8, '2099-06-30'],
        ['N1', 'province_admin-330000', 9, '2099-12-31'],
      ]);
      expect(Math.abs(stored[0]!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    });

    it('other roles, other regions, unknown cases and bad arguments are refused', async () => {
      expect(errorCode(await supervise(testUser('ANALYST', '330100'), { caseId: 'S1' }))).toBe('FORBIDDEN');
      expect(errorCode(await supervise(testUser('FOOD_SAFETY', '330000'), { caseId: 'S1' }))).toBe('FORBIDDEN');
      expect(errorCode(await supervise(supervisor, { caseId: 'N1' }))).toBe('FORBIDDEN');
      expect(errorCode(await supervise(testUser('SUPERVISOR', '330106'), { caseId: 'S1' }))).toBe('FORBIDDEN');
      expect(errorCode(await supervise(supervisor, { caseId: 'NO-SUCH-CASE' }))).toBe('NOT_FOUND');
      expect(errorCode(await supervise(null, { caseId: 'S1' }))).toBe('UNAUTHENTICATED');
      const past = await supervise(supervisor, { caseId: 'S1', deadline: '2020-01-01' });
      expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'deadline' });
      const empty = await supervise(supervisor, { caseId: 'S1', note: '   ' });
      expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'note' });
      expect(await stores.orm.em.fork().count(SupervisionAction, {})).toBe(3);
    });

    it('shows the actions with each overdue case, loaded in one batch', async () => {
      const ctx = contextFor(stores, chief);
      const find = jest.spyOn(ctx.em, 'find');
      const r = await execute(schema, ctx, LIST);
      expect(r.errors).toBeUndefined();
      const nodes = (
        r.data as { overdueCases: { nodes: { caseId: string; overdueWorkdays: number; supervisions: unknown[] }[] } }
      ).overdueCases.nodes;
      // S3 11 days, S1 and S4 5 days (by case id), S2 2 days
      expect(nodes.map((n) => [n.caseId, n.overdueWorkdays])).toEqual([
        ['S3', 11],
        ['S1', 5],
        ['S4', 5],
        ['S2', 2],
      ]);
      expect(nodes[1]!.supervisions).toEqual([
        { supervisedBy: 'supervisor-330100', role: 'SUPERVISOR', note: '第一次督办', deadline: '2099-12-31' },
        { supervisedBy: 'city_chief-330100', role: 'CITY_CHIEF', note: '第二次督办', deadline: '2099-06-30' },
      ]);
      expect(nodes[0]!.supervisions).toEqual([]);
      expect(find).toHaveBeenCalledTimes(1);
    });
  });

  describe('overdue CSV export', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const app = express();
      app.use((req, _res, next) => {
        const header = req.header('x-test-user');
        (req as express.Request & { user?: AuthUser | null }).user = header ? (JSON.parse(header) as AuthUser) : null;
        next();
      });
      app.get('/export/overdue.csv', overdueCsvHandler({ ch: stores.ch, orm: stores.orm, pageSize: 2 }));
      server = app.listen(0);
      await new Promise((resolve) => server.once('listening', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export/overdue.csv`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });
    const get = (query: string, user: AuthUser | null = chief) =>
      fetch(`${base}?${query}`, { headers: user ? { 'x-test-user': JSON.stringify(user) } : {} });

    it('streams every row across SQL pages: UTF-8 with BOM, Chinese headers, same order as the query', async () => {
      const res = await get('asOf=2025-10-13&regionCode=330100&kinds=COMPLAINT,REPORT');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\n');
      expect(lines[0]).toBe(
        '案件编号,类型,登记时间,承办单位代码,承办单位,被诉主体名称,超期环节,到期日,到期日暂定,超期工作日,客体类别,问题类别',
      );
      expect(lines.slice(1)).toEqual([
        'S3,举报,2025-09-01 10:00:00,330102,单位330102,,核查处置,2025-09-22,,11,,',
        'S1,投诉,2025-09-19 10:00:00,330102,单位330102,"甲, ""乙"" 商行",受理,2025-09-29,,5,,',
        'S4,投诉,2025-09-19 10:00:00,330102,单位330102,,受理,2025-09-29,,5,,',
        'S2,投诉,2025-09-24 10:00:00,330106,单位330106,,受理,2025-10-10,,2,,',
      ]);
    });

    it('401 without a user, 400 naming a bad param, 403 outside the scope', async () => {
      expect((await get('asOf=2025-10-13', null)).status).toBe(401);
      for (const [query, argument] of [
        ['asOf=2025-13-01', 'asOf'],
        ['sort=RANDOM', 'sort'],
        ['kinds=COMPLAINT,PRAISE', 'kinds'],
        ['regionCode=12', 'regionCode'],
        ['limit=5', 'limit'],
        ['asOf=2025-10-13&asOf=2025-10-14', 'asOf'],
      ]) {
        const res = await get(query!);
        expect([query, res.status]).toEqual([query, 400]);
        expect(((await res.json()) as { error: { argument: string } }).error.argument).toBe(argument);
      }
      const res = await get('regionCode=330200');
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    });
  });
});

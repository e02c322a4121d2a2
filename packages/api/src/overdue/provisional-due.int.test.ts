/**
 * Due dates in a provisional calendar year (indicators.md §1) through GraphQL: the built-in calendar ends with 2026,
 * so a due date in 2027 is the provisional guess (weekends and statutory holidays: 2027-01-01 off, no make-up days),
 * marked `dueDateProvisional` on the overdue item and on the case; an asOf in 2027 is answered, not refused.
 */
import { workdaysBetween } from '@c12315/domain';
import { caseRecord, insertCases } from '@c12315/etl/test-support';
import { refreshReadModel } from '@c12315/store';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { contextFor, execute, openTestStores, type TestStores, testUser } from '../../test-support/test-stores';
import { CasesResolver } from '../cases/cases.resolver';
import { OverdueResolver } from './overdue.resolver';

let stores: TestStores;
let schema: GraphQLSchema;
const chief = testUser('CITY_CHIEF', '330100');

beforeAll(async () => {
  stores = await openTestStores('provisional-due-');
  await insertCases(stores.ch, [
    // Mon 2026-12-28, no decision: acceptance due 7 WD = 12-29, 30, 31, (01-01 off) 01-04 … 01-07 → Thu 2027-01-07
    caseRecord({ caseId: 'P1', kind: 'COMPLAINT', registeredAt: '2026-12-28 09:00:00', handlingUnitCode: '330102' }),
    // Tue 2026-12-01: due 12-02 … 12-04, 12-07 … 12-10 → Thu 2026-12-10, a published year
    caseRecord({ caseId: 'P2', kind: 'COMPLAINT', registeredAt: '2026-12-01 09:00:00', handlingUnitCode: '330102' }),
  ]);
  await refreshReadModel(stores.ch);
  schema = await buildSchema({ resolvers: [OverdueResolver, CasesResolver], validate: false });
}, 300_000);
afterAll(async () => {
  await stores?.close();
});

async function run<T>(query: string, vars: Record<string, unknown> = {}): Promise<T> {
  const result = await execute(schema, contextFor(stores, chief), query, vars);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.data as T;
}

test('overdue items as of 2027-01-12 say which due date is provisional', async () => {
  const data = await run<{
    overdueCases: { nodes: { caseId: string; dueDate: string; dueDateProvisional: boolean; overdueWorkdays: number }[] };
  }>(
    `{ overdueCases(asOf: "2027-01-12", regionCode: "330100") { nodes { caseId dueDate dueDateProvisional overdueWorkdays } } }`,
  );
  expect(data.overdueCases.nodes).toEqual([
    // (12-10, 01-12]: 12-11, 14–18, 21–25, 28–31 (15), 01-04 … 01-08 (20), 01-11, 01-12 (22)
    { caseId: 'P2', dueDate: '2026-12-10', dueDateProvisional: false, overdueWorkdays: 22 },
    // (01-07, 01-12]: Fri 01-08, Mon 01-11, Tue 01-12
    { caseId: 'P1', dueDate: '2027-01-07', dueDateProvisional: true, overdueWorkdays: 3 },
  ]);
  expect(workdaysBetween('2026-12-10', '2027-01-12')).toBe(22);
});

test('a case says whether any of its due dates is provisional', async () => {
  const q = `query($id: ID!) { case(caseId: $id) { caseId acceptanceDue dueDateProvisional } }`;
  expect(await run(q, { id: 'P1' })).toEqual({ case: { caseId: 'P1', acceptanceDue: '2027-01-07', dueDateProvisional: true } });
  expect(await run(q, { id: 'P2' })).toEqual({ case: { caseId: 'P2', acceptanceDue: '2026-12-10', dueDateProvisional: false } });
});

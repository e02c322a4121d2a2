/**
 * Supervision (督办): recording an action on a case and reading the actions of many cases in one batch.
 * Stored in the metadata DB (SupervisionAction); the case itself stays in ClickHouse.
 */

import { type ClickHouseClient, SupervisionAction } from '@c12315/store';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { assertCaseScope, requireRole } from '../auth/scope';
import { badUserInput, notFound } from '../common/errors';
import { isIsoDate, Role } from '../common/graphql-types';
import type { AuthUser } from '../context';
import { todayInShanghai } from '../indicators/period';
import type { SupervisionActionType } from './overdue.type';
import { CASE_UNIT_SQL } from './supervision.sql';

export const SUPERVISING_ROLES: readonly Role[] = [Role.SUPERVISOR, Role.CITY_CHIEF, Role.PROVINCE_ADMIN];
export const MAX_NOTE_LENGTH = 2000;

/** Asia/Shanghai wall-clock text of an instant. */
function shanghaiText(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function toSupervisionType(a: SupervisionAction): SupervisionActionType {
  return {
    id: String(a.id),
    caseId: a.caseId,
    handlingUnitCode: a.handlingUnitCode,
    supervisedBy: a.username,
    role: a.role as Role,
    createdAt: shanghaiText(a.createdAt),
    note: a.note,
    deadline: a.deadline,
  };
}

export interface SuperviseInput {
  caseId: string;
  note: string;
  deadline: string;
}

/**
 * Role first, then the arguments, then the case (unknown → NOT_FOUND) and the user's case scope over its handling
 * unit (FORBIDDEN): a supervisor presses only cases of their own region.
 */
export async function superviseCase(
  deps: { ch: ClickHouseClient; em: EntityManager },
  user: AuthUser,
  input: SuperviseInput,
  now = new Date(),
): Promise<SupervisionAction> {
  requireRole(user, SUPERVISING_ROLES);
  const note = input.note.trim();
  if (note === '') throw badUserInput('note', 'must not be empty');
  if (note.length > MAX_NOTE_LENGTH) throw badUserInput('note', `at most ${MAX_NOTE_LENGTH} characters`);
  if (!isIsoDate(input.deadline)) throw badUserInput('deadline', 'expected a date written YYYY-MM-DD');
  const today = todayInShanghai(now);
  if (input.deadline < today) throw badUserInput('deadline', `${input.deadline} is before today (${today})`);
  if (input.caseId === '' || input.caseId.length > 64) throw badUserInput('caseId', 'not a case id');
  const result = await deps.ch.query({ query: CASE_UNIT_SQL, query_params: { caseId: input.caseId }, format: 'JSONEachRow' });
  const [row] = await result.json<{ handling_unit_code: string }>();
  if (!row) throw notFound(`case ${input.caseId}`);
  assertCaseScope(user, row.handling_unit_code);
  const action = deps.em.create(SupervisionAction, {
    caseId: input.caseId,
    handlingUnitCode: row.handling_unit_code,
    userId: user.id,
    username: user.username,
    role: user.role,
    note,
    deadline: input.deadline,
    createdAt: now,
  });
  await deps.em.persistAndFlush(action);
  return action;
}

/** One query for all the cases of a request's list (no N+1), in the order they were recorded. */
export async function supervisionsOfCases(em: EntityManager, caseIds: readonly string[]): Promise<SupervisionAction[][]> {
  const actions = await em.find(
    SupervisionAction,
    { caseId: { $in: [...caseIds] } },
    { orderBy: { createdAt: 'ASC', id: 'ASC' } },
  );
  const byCase = new Map<string, SupervisionAction[]>();
  for (const a of actions) {
    const list = byCase.get(a.caseId);
    if (list) list.push(a);
    else byCase.set(a.caseId, [a]);
  }
  return caseIds.map((id) => byCase.get(id) ?? []);
}

// One loader per request context: the WeakMap lets the context (and its cache) go with the request.
const loaders = new WeakMap<object, DataLoader<string, SupervisionAction[]>>();

export function supervisionLoader(ctx: { em: EntityManager }): DataLoader<string, SupervisionAction[]> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((ids) => supervisionsOfCases(ctx.em, ids), { maxBatchSize: 1000 });
    loaders.set(ctx, loader);
  }
  return loader;
}

/**
 * The audit log read by PROVINCE_ADMIN (issue "Faults and abuse" §6): newest first, keyset pages on the id, filtered
 * by day range (Asia/Shanghai), user and action; scoped to the admin's province plus the entries bound to no region.
 * Reading only: the log is written by the store's `recordAudit` and never changed (audit-log.entity.ts).
 */
import { type AuditAction, AuditEntry } from '@c12315/store';
import type { FilterQuery } from '@mikro-orm/core';
import { badUserInput } from '../common/errors';
import { cursorError, encodeKeysetCursor, isCursorInt, parseKeysetCursor } from '../common/keyset-cursor';
import type { AppContext, AuthUser } from '../context';
import type { AuditLogConnection, AuditLogEntry } from './audit.type';

export const AUDIT_DEFAULT_FIRST = 50;
export const AUDIT_MAX_FIRST = 500;
const CURSOR_SORT = 'audit-id-desc';

export interface AuditLogArgs {
  from?: string | null;
  to?: string | null;
  user?: string | null;
  actions?: readonly AuditAction[] | null;
  first?: number | null;
  after?: string | null;
}

/** The start of a Shanghai day (UTC+8 all year: China keeps no daylight saving). */
function shanghaiDayStart(date: string, plusDays = 0): Date {
  const start = new Date(`${date}T00:00:00+08:00`);
  return new Date(start.getTime() + plusDays * 86_400_000);
}

/** The filter of a page: the admin's province (a province code's two-digit prefix) or no region, then the arguments. */
export function auditFilter(admin: AuthUser, args: AuditLogArgs): FilterQuery<AuditEntry> {
  const and: FilterQuery<AuditEntry>[] = [
    { $or: [{ regionCode: null }, { regionCode: { $like: `${admin.regionCode.slice(0, 2)}%` } }] },
  ];
  if (args.from && args.to && args.from > args.to) throw badUserInput('to', `${args.to} is before from ${args.from}`);
  if (args.from) and.push({ at: { $gte: shanghaiDayStart(args.from) } });
  if (args.to) and.push({ at: { $lt: shanghaiDayStart(args.to, 1) } });
  if (args.user != null) {
    const user = args.user.trim().toLowerCase();
    if (user === '' || user.length > 128) throw badUserInput('user', 'a user name of 1–128 characters');
    // Who acted or whom it concerned (a sign-in, an account managed).
    and.push({ $or: [{ actor: user }, { target: user }] });
  }
  if (args.actions) {
    if (args.actions.length === 0) throw badUserInput('actions', 'name at least one action, or leave it out');
    and.push({ action: { $in: [...args.actions] } });
  }
  return { $and: and };
}

function toEntry(e: AuditEntry): AuditLogEntry {
  return {
    id: String(e.id),
    at: e.at.toISOString(),
    action: e.action,
    actor: e.actor,
    actorRole: e.actorRole as AuditLogEntry['actorRole'],
    regionCode: e.regionCode,
    target: e.target,
    detail: e.detail,
    params: e.params === null ? null : JSON.stringify(e.params),
    ip: e.ip,
  };
}

export async function readAuditLog(em: AppContext['em'], admin: AuthUser, args: AuditLogArgs): Promise<AuditLogConnection> {
  const first = args.first ?? AUDIT_DEFAULT_FIRST;
  if (!Number.isSafeInteger(first) || first < 0 || first > AUDIT_MAX_FIRST) {
    throw badUserInput('first', `must be a whole number from 0 to ${AUDIT_MAX_FIRST}, got ${first}`);
  }
  const filter = auditFilter(admin, args);
  let page: FilterQuery<AuditEntry> = filter;
  if (args.after) {
    const [lastId] = parseKeysetCursor(CURSOR_SORT, args.after);
    if (!isCursorInt(lastId)) throw cursorError();
    page = { $and: [filter, { id: { $lt: lastId } }] };
  }
  const fork = em.fork();
  const [rows, totalCount] = await Promise.all([
    fork.find(AuditEntry, page, { orderBy: { id: 'DESC' }, limit: first + 1 }),
    fork.count(AuditEntry, filter),
  ]);
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    totalCount,
    nodes: nodes.map(toEntry),
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeKeysetCursor(CURSOR_SORT, [last.id]) : null },
  };
}

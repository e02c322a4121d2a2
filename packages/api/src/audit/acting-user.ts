/**
 * The audit fields of a signed-in user acting over the API (exports, publication, configuration): the entry belongs to
 * the actor's region, so the admins of the actor's province see it (audit-log.entity.ts in the store).
 */
import type { AuditRecord } from '@c12315/store';
import type { AuthUser } from '../context';

export function actedBy(
  user: Pick<AuthUser, 'username' | 'role' | 'regionCode'>,
  ip?: string | null,
): Pick<AuditRecord, 'actor' | 'actorRole' | 'regionCode' | 'ip'> {
  return { actor: user.username, actorRole: user.role, regionCode: user.regionCode, ip: ip ?? null };
}

/**
 * `auditLog` (issue "Faults and abuse" §6): PROVINCE_ADMIN alone, its province's entries and those bound to no region.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireRole, requireUser } from '../auth/scope';
import { ComputedPage, METADATA_COST } from '../common/engine-cost';
import { DateScalar, Role } from '../common/graphql-types';
import type { AppContext } from '../context';
import { AUDIT_DEFAULT_FIRST, AUDIT_MAX_FIRST, readAuditLog } from './audit.service';
import { AuditActionEnum, AuditLogConnection } from './audit.type';

@Resolver()
export class AuditResolver {
  @Query(() => AuditLogConnection, {
    description: 'PROVINCE_ADMIN: who signed in, managed users, exported, published, configured, loaded — newest first',
  })
  @ComputedPage(2 * METADATA_COST, AUDIT_MAX_FIRST)
  async auditLog(
    @Ctx() ctx: AppContext,
    @Arg('from', () => DateScalar, { nullable: true, description: 'first day (Asia/Shanghai), inclusive' }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'last day (Asia/Shanghai), inclusive' }) to: string | null,
    @Arg('user', () => String, { nullable: true, description: 'entries this user did or that concern this account' })
    user: string | null,
    @Arg('actions', () => [AuditActionEnum], { nullable: true }) actions: AuditActionEnum[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: AUDIT_DEFAULT_FIRST }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<AuditLogConnection> {
    const admin = requireUser(ctx);
    requireRole(admin, [Role.PROVINCE_ADMIN]);
    return readAuditLog(ctx.em, admin, { from, to, user, actions, first, after });
  }
}

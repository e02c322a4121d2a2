/**
 * Region scope, enforced server-side for every resolver and export (schema.graphql header):
 *  - case-level data: inside the user's region R only;
 *  - aggregates: R and everything below it, plus R's peers at R's level under the same parent (the ranking is
 *    shared with every unit it ranks);
 *  - PROVINCE_ADMIN alone manages users and publishes rankings.
 */
import { findRegion, isWithin, levelOfCode } from '@c12315/domain';
import { forbidden, unauthenticated } from '../common/errors';
import type { Role } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';

export function requireUser(ctx: Pick<AppContext, 'user'>): AuthUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

export function requireRole(user: AuthUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw forbidden(`role ${user.role} may not do this`);
}

/** The parent of a region or station code (a station's parent is its county). */
export function parentCodeOf(code: string): string | null {
  if (code.length === 9) return code.slice(0, 6);
  return findRegion(code)?.parentCode ?? null;
}

export function canSeeCases(user: AuthUser, regionCode: string): boolean {
  return isWithin(regionCode, user.regionCode);
}

export function assertCaseScope(user: AuthUser, regionCode: string): void {
  if (!canSeeCases(user, regionCode)) throw forbidden(`region ${regionCode} is outside your scope (${user.regionCode})`);
}

/** A peer: same level, same parent as the user's own region. */
function isPeerOfUserRegion(user: AuthUser, regionCode: string): boolean {
  if (regionCode === user.regionCode) return true;
  const parent = parentCodeOf(user.regionCode);
  return parent !== null && parentCodeOf(regionCode) === parent && levelOfCode(regionCode) === levelOfCode(user.regionCode);
}

export function canSeeAggregate(user: AuthUser, regionCode: string): boolean {
  return isWithin(regionCode, user.regionCode) || isPeerOfUserRegion(user, regionCode);
}

/**
 * A ranking of the units one level below `parentCode`: allowed when every ranked unit is inside R, or when the
 * ranked units are R's peers (the ranking R itself takes part in).
 */
export function canSeeRanking(user: AuthUser, parentCode: string): boolean {
  return isWithin(parentCode, user.regionCode) || parentCodeOf(user.regionCode) === parentCode;
}

export function assertRankingScope(user: AuthUser, parentCode: string): void {
  if (!canSeeRanking(user, parentCode))
    throw forbidden(`the ranking under ${parentCode} is outside your scope (${user.regionCode})`);
}

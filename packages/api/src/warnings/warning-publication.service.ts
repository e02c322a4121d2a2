/**
 * Drafting and publishing 消费提示, and the subscriptions to them (metadata: consumer-warning.entity.ts).
 *  - A draft is saved by PROVINCE_ADMIN, CITY_CHIEF, FOOD_SAFETY or ANALYST, for a region inside their own; it is
 *    published by PROVINCE_ADMIN or CITY_CHIEF. A published warning is final (editing it is a CONFLICT). Each save and
 *    each publication writes an audit entry in the same transaction.
 *  - A warning concerns the users of its region, of the regions below it and of those above it (a province's warning
 *    reaches its cities; a county's reaches its city and province): `concerns`.
 *  - A subscription is a user's, for their own region; warnings published after its `seenAt` are new to them.
 */
import { findRegion, isWithin } from '@c12315/domain';
import { ConsumerWarning, newAuditEntry, WarningSubscription } from '@c12315/store';
import { actedBy } from '../audit/acting-user';
import { requireRole } from '../auth/scope';
import { badUserInput, conflict, notFound } from '../common/errors';
import { Role } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';
import { scopedRegion } from '../hotspots/hotspots.resolver';
import { monthPeriod } from '../indicators/period';
import type { ConsumerWarningInput, ConsumerWarningNotice, WarningSubscriptionState } from './warnings.type';

type EntityManager = AppContext['em'];

export const WARNING_EDITORS: readonly Role[] = [Role.PROVINCE_ADMIN, Role.CITY_CHIEF, Role.FOOD_SAFETY, Role.ANALYST];
export const WARNING_PUBLISHERS: readonly Role[] = [Role.PROVINCE_ADMIN, Role.CITY_CHIEF];
export const MAX_TITLE = 200;
export const MAX_TEXT = 20_000;
/** The published warnings listed at most (newest first). */
export const MAX_PUBLISHED_LISTED = 200;

/** The users of `userRegion` are concerned by a warning of `warningRegion`: the same region, below or above it. */
export function concerns(warningRegion: string, userRegion: string): boolean {
  const own = userRegion.slice(0, 6);
  return isWithin(warningRegion, own) || isWithin(own, warningRegion);
}

export function toNotice(w: ConsumerWarning): ConsumerWarningNotice {
  return {
    id: String(w.id),
    month: w.month,
    regionCode: w.regionCode,
    regionName: findRegion(w.regionCode)?.name ?? w.regionCode,
    title: w.title,
    text: w.text,
    status: w.status,
    ruleVersion: w.ruleVersion,
    author: w.author,
    updatedAt: w.updatedAt.toISOString(),
    publishedAt: w.publishedAt?.toISOString() ?? null,
    publishedBy: w.publishedBy,
  };
}

function checkText(title: string, text: string): void {
  if (title.trim() === '' || title.length > MAX_TITLE) throw badUserInput('title', `1 to ${MAX_TITLE} characters`);
  if (text.trim() === '' || text.length > MAX_TEXT) throw badUserInput('text', `1 to ${MAX_TEXT} characters`);
}

export async function saveConsumerWarning(
  ctx: Pick<AppContext, 'em' | 'ip'>,
  user: AuthUser,
  input: ConsumerWarningInput,
  ruleVersion: () => Promise<number>,
): Promise<ConsumerWarningNotice> {
  requireRole(user, input.publish ? WARNING_PUBLISHERS : WARNING_EDITORS);
  checkText(input.title, input.text);
  const now = new Date();
  const publication = input.publish ? { status: 'PUBLISHED' as const, publishedAt: now, publishedBy: user.username } : {};
  const audit = (w: Pick<ConsumerWarning, 'month' | 'regionCode'>, id: number | null) =>
    newAuditEntry({
      action: input.publish ? 'WARNING_PUBLISHED' : 'WARNING_DRAFT_SAVED',
      ...actedBy(user, ctx.ip),
      target: `${w.regionCode} ${w.month}`,
      params: { id, title: input.title.slice(0, 200), characters: input.text.length },
    });
  if (input.id === null || input.id === undefined) {
    monthPeriod(input.month);
    const region = scopedRegion(user, input.regionCode);
    if (region.length !== 6) throw badUserInput('regionCode', 'a warning is for a region (6 digits), not a station');
    const version = await ruleVersion();
    const fork = ctx.em.fork();
    const created = fork.create(ConsumerWarning, {
      month: input.month,
      regionCode: region,
      title: input.title,
      text: input.text,
      status: 'DRAFT',
      ruleVersion: version,
      createdAt: now,
      author: user.username,
      updatedAt: now,
      publishedAt: null,
      publishedBy: null,
      ...publication,
    });
    await fork.transactional(async (tx) => {
      tx.persist(created);
      await tx.flush();
      tx.persist(audit(created, created.id));
    });
    return toNotice(created);
  }
  const id = Number(input.id);
  if (!Number.isSafeInteger(id)) throw badUserInput('id', 'not a warning id');
  const fork = ctx.em.fork();
  const found = await fork.findOne(ConsumerWarning, { id });
  // Outside the user's scope: as if it did not exist (its region says nothing to them).
  if (!found || !isWithin(found.regionCode, user.regionCode)) throw notFound(`warning ${input.id}`);
  await fork.transactional(async (tx) => {
    // Only a draft changes: a publication racing this save leaves the published text standing.
    const n = await tx.nativeUpdate(
      ConsumerWarning,
      { id, status: 'DRAFT' },
      { title: input.title, text: input.text, author: user.username, updatedAt: now, ...publication },
    );
    if (n === 0) throw conflict('id', `warning ${id} is published already: it is no longer edited`);
    tx.persist(audit(found, id));
  });
  const saved = await ctx.em.fork().findOneOrFail(ConsumerWarning, { id });
  return toNotice(saved);
}

/** The drafts and published warnings of one month and region (the region already checked by the caller). */
export async function warningsOf(em: EntityManager, month: string, regionCode: string): Promise<ConsumerWarningNotice[]> {
  const rows = await em.fork().find(ConsumerWarning, { month, regionCode }, { orderBy: { updatedAt: 'DESC', id: 'DESC' } });
  return rows.map(toNotice);
}

/** Published warnings that concern the user, newest first; `month`: that month's only (the monthly report). */
export async function publishedWarnings(
  em: EntityManager,
  user: AuthUser,
  month?: string | null,
): Promise<ConsumerWarningNotice[]> {
  // Every region concerned lies in the user's province: narrow by its prefix, then check exactly.
  const province = user.regionCode.slice(0, 2);
  const rows = await em
    .fork()
    .find(
      ConsumerWarning,
      { status: 'PUBLISHED', regionCode: { $like: `${province}%` }, ...(month ? { month } : {}) },
      { orderBy: { publishedAt: 'DESC', id: 'DESC' }, limit: MAX_PUBLISHED_LISTED },
    );
  return rows.filter((w) => concerns(w.regionCode, user.regionCode)).map(toNotice);
}

async function subscriptionOf(em: EntityManager, user: AuthUser): Promise<WarningSubscription | null> {
  return em.findOne(WarningSubscription, { userId: user.id });
}

async function unseen(em: EntityManager, user: AuthUser, since: Date): Promise<number> {
  const province = user.regionCode.slice(0, 2);
  const rows = await em.find(
    ConsumerWarning,
    { status: 'PUBLISHED', publishedAt: { $gt: since }, regionCode: { $like: `${province}%` } },
    { fields: ['regionCode'], limit: 1000 },
  );
  return rows.filter((w) => concerns(w.regionCode, user.regionCode)).length;
}

export async function warningSubscription(em: EntityManager, user: AuthUser): Promise<WarningSubscriptionState> {
  const fork = em.fork();
  const sub = await subscriptionOf(fork, user);
  return {
    subscribed: sub !== null,
    regionCode: user.regionCode,
    unseenCount: sub ? await unseen(fork, user, sub.seenAt) : 0,
  };
}

/** Subscribe (warnings published from now on are new) or unsubscribe; idempotent. */
export async function setWarningSubscription(
  em: EntityManager,
  user: AuthUser,
  subscribed: boolean,
): Promise<WarningSubscriptionState> {
  const fork = em.fork();
  const sub = await subscriptionOf(fork, user);
  if (subscribed && !sub) {
    const now = new Date();
    fork.create(WarningSubscription, {
      userId: user.id,
      username: user.username,
      regionCode: user.regionCode.slice(0, 6),
      createdAt: now,
      seenAt: now,
    });
    try {
      await fork.flush();
    } catch {
      // A racing subscription of the same user won (unique user id): the user is subscribed either way.
    }
  } else if (!subscribed && sub) {
    await fork.nativeDelete(WarningSubscription, { userId: user.id });
  }
  return warningSubscription(em, user);
}

/** The user looked at the warnings: none of those published so far is new any more. */
export async function markWarningsSeen(em: EntityManager, user: AuthUser): Promise<WarningSubscriptionState> {
  await em.fork().nativeUpdate(WarningSubscription, { userId: user.id }, { seenAt: new Date() });
  return warningSubscription(em, user);
}

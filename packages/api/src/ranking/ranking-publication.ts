/**
 * Publishing a month's ranking (`publishRanking`): its snapshot, and with it, in the same flush, what the publication
 * fixes — the audit entry, the 通报 frozen as of publication (issue 14 §1: the document never changes afterwards) and,
 * for a city ranking, the 通报's deliveries to the ranked units (issue 14 §3).
 */
import { newAuditEntry, RankingSnapshot } from '@c12315/store';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { actedBy } from '../audit/acting-user';
import { badUserInput } from '../common/errors';
import type { AppContext, AuthUser } from '../context';
import { newNoticeIssue, noticeRankingLevel } from '../notices/notice-content.service';
import { newNoticeDeliveries } from '../notices/notice-delivery.service';
import { computeRanking, findSnapshot, type RankingRequest, rankedUnits, snapshotRanking } from './ranking.service';
import type { Ranking } from './ranking.type';

/** Publications refused by another notice taking the same running number before this one stored (then numbered again). */
const NUMBER_RETRIES = 3;

/**
 * Freeze a month: its rows, configuration version and asOf. A month is published once: a second publication — also one
 * racing this one from another request or replica, caught by the snapshot's unique (month, level, parent) — is refused.
 * The audit log's entry is stored in the same flush as the snapshot, so a refused publication leaves neither; so are
 * the 通报 issue of the ranking its notice reports (content and 发文字号 fixed now, read back unchanged) and the 通报
 * deliveries of a city ranking (one per ranked unit), delivered exactly once with it. The notice is read inside the
 * caller's store section (a GraphQL operation holds one), like the ranking.
 */
export async function publishRanking(
  ctx: Pick<AppContext, 'ch' | 'em'> & Partial<Pick<AppContext, 'config'>> & { ip?: string },
  req: RankingRequest,
  publishedBy: AuthUser,
): Promise<Ranking> {
  const alreadyPublished = () =>
    badUserInput('month', `the ${req.level} ranking of ${req.month} under ${req.parentCode} is already published`);
  if (await findSnapshot(ctx.em, req)) throw alreadyPublished();
  const ranking = await computeRanking(ctx, req);
  for (let attempt = 0; ; attempt++) {
    const fork = ctx.em.fork();
    const publishedAt = new Date();
    const snapshot = fork.create(RankingSnapshot, {
      month: req.month,
      level: req.level,
      parentCode: req.parentCode,
      asOf: req.asOf,
      configVersion: ranking.configVersion,
      payload: ranking,
      publishedAt,
      publishedBy: publishedBy.username,
    });
    const published = snapshotRanking(snapshot);
    if (noticeRankingLevel(req.parentCode) === req.level) {
      const notice = { month: req.month, parentCode: req.parentCode };
      fork.persist(await newNoticeIssue({ ch: ctx.ch, em: fork }, notice, published, publishedAt));
    }
    if (req.level === 'CITY') {
      const unitCodes = rankedUnits(req.level, req.parentCode).units.map((u) => u.code);
      const at = publishedAt;
      fork.persist(newNoticeDeliveries({ month: req.month, parentCode: req.parentCode, unitCodes, at }, !!ctx.config?.smtpUrl));
    }
    fork.persist(
      newAuditEntry({
        action: 'RANKING_PUBLISHED',
        ...actedBy(publishedBy, ctx.ip),
        target: `${req.month} ${req.level} ${req.parentCode}`,
        params: { ...req, configVersion: ranking.configVersion },
      }),
    );
    try {
      await fork.persistAndFlush(snapshot);
      return published;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      if (await findSnapshot(ctx.em, req)) throw alreadyPublished();
      // Not this month's snapshot: another notice of the issuer took the running number first.
      if (attempt >= NUMBER_RETRIES) throw error;
    }
  }
}

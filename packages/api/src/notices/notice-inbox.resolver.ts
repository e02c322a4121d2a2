/**
 * 通报 inbox and 签收 (issue 14 §3), additive to schema.graphql:
 *  - `noticeInbox`, `unreadNoticeCount`, `signNotice(id)`: a CITY_CHIEF, for the 通报 addressed to the chief's own unit;
 *  - `noticeReceipts(month, parentCode)`: a user of a province (any role bound to a province code), inside it.
 */
import { levelOfCode } from '@c12315/domain';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole, requireUser } from '../auth/scope';
import { Computed, METADATA_COST } from '../common/engine-cost';
import { forbidden } from '../common/errors';
import { Role } from '../common/graphql-types';
import type { AppContext } from '../context';
import { monthPeriod } from '../indicators/period';
import { countUnreadNotices, readNoticeInbox, readNoticeReceipts, signNotice } from './notice-delivery.service';
import { NoticeInboxItem, NoticeReceipts } from './notice-inbox.type';

@Resolver()
export class NoticeInboxResolver {
  @Query(() => [NoticeInboxItem], { description: 'CITY_CHIEF: the 通报 delivered to your unit, newest month first' })
  @Computed(2 * METADATA_COST)
  async noticeInbox(@Ctx() ctx: AppContext): Promise<NoticeInboxItem[]> {
    const user = requireUser(ctx);
    requireRole(user, [Role.CITY_CHIEF]);
    return readNoticeInbox(ctx.em, user);
  }

  @Query(() => Int, { description: 'CITY_CHIEF: 通报 of your unit not yet signed for (签收)' })
  @Computed(2 * METADATA_COST)
  async unreadNoticeCount(@Ctx() ctx: AppContext): Promise<number> {
    const user = requireUser(ctx);
    requireRole(user, [Role.CITY_CHIEF]);
    return countUnreadNotices(ctx.em, user);
  }

  @Mutation(() => NoticeInboxItem, {
    description: 'CITY_CHIEF: open a 通报 of your unit, signing for it (签收); the first signature stands',
  })
  @Computed(3 * METADATA_COST)
  async signNotice(@Ctx() ctx: AppContext, @Arg('id', () => ID) id: string): Promise<NoticeInboxItem> {
    const user = requireUser(ctx);
    requireRole(user, [Role.CITY_CHIEF]);
    return signNotice(ctx, user, id);
  }

  @Query(() => NoticeReceipts, {
    description: 'A province’s users: every recipient unit of a month’s 通报, signed or not, by whom and when',
  })
  @Computed(2 * METADATA_COST)
  async noticeReceipts(
    @Ctx() ctx: AppContext,
    @Arg('month', () => String) month: string,
    @Arg('parentCode', () => String, { nullable: true, description: 'default: your province' }) parentCode: string | null,
  ): Promise<NoticeReceipts> {
    const user = requireUser(ctx);
    if (levelOfCode(user.regionCode.slice(0, 6)) !== 'PROVINCE') {
      throw forbidden(
        `签收情况仅供省级用户查看（您的范围：${user.regionCode}）/ the 签收 overview is the province's; your scope is ${user.regionCode}`,
      );
    }
    monthPeriod(month, 'month');
    return readNoticeReceipts(ctx.em, user, month, parentCode);
  }
}

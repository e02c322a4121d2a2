/**
 * 消费预警 (issue 15 §2), additive to schema.graphql:
 *  - `consumerWarnings(month, regionCode)`: the month's rises in a region inside the user's own (case-level data: it
 *    names operators), with the rule and figures, a draft 消费提示 and the month's drafts and published warnings;
 *  - `publishedConsumerWarnings`: published warnings concerning the user's region, newest first;
 *  - `saveConsumerWarning`: save a draft (PROVINCE_ADMIN, CITY_CHIEF, FOOD_SAFETY, ANALYST) or publish
 *    (PROVINCE_ADMIN, CITY_CHIEF);
 *  - `warningRule` (every role) and `updateWarningRule` (PROVINCE_ADMIN);
 *  - `warningSubscription`, `setWarningSubscription`, `markWarningsSeen`: every role, for their own region.
 */
import { findRegion } from '@c12315/domain';
import type { WarningRuleConfig } from '@c12315/store';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole, requireUser } from '../auth/scope';
import { Computed, indicatorPasses, METADATA_COST } from '../common/engine-cost';
import { Role } from '../common/graphql-types';
import { cachedRead } from '../common/read-cache';
import type { AppContext } from '../context';
import { scopedRegion } from '../hotspots/hotspots.resolver';
import type { RiseRule } from '../hotspots/rise-rule';
import { monthRises, type Rise } from '../hotspots/rises.service';
import { monthPeriod } from '../indicators/period';
import {
  markWarningsSeen,
  publishedWarnings,
  saveConsumerWarning,
  setWarningSubscription,
  warningSubscription,
  warningsOf,
} from './warning-publication.service';
import { currentWarningRule, ratioTenths, saveWarningRule } from './warning-rule.service';
import { warningDraft } from './warning-text';
import {
  ConsumerWarningInput,
  ConsumerWarningNotice,
  ConsumerWarnings,
  type RiseWarning,
  type WarningDimension,
  WarningRule,
  WarningRuleInput,
  WarningSubscriptionState,
} from './warnings.type';

export function describeRule(r: RiseRule): string {
  const ratio = r.ratioTenths / 10;
  const trailing = `前${r.baselineMonths}个月月均`;
  const base = r.seasonal ? `${trailing}与去年同月（按前${r.baselineMonths}个月的同比增幅放大）中的较大者` : trailing;
  return `当月投诉举报不少于${r.minCount}件，且不低于${base}的${ratio}倍`;
}

export function toWarningRule(c: WarningRuleConfig): WarningRule {
  return {
    version: c.version,
    minCount: c.params.minCount,
    ratio: c.params.ratioTenths / 10,
    baselineMonths: c.params.baselineMonths,
    seasonal: c.params.seasonal,
    maxPerDimension: c.params.maxPerDimension,
    description: describeRule(c.params),
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
  };
}

const toRiseWarning = (r: Rise): RiseWarning => ({
  dimension: r.dimension as WarningDimension,
  code: r.code,
  label: r.label,
  count: r.count,
  trailingSum: r.trailingSum,
  trailingBaseline: r.trailingBaseline,
  lastYearCount: r.lastYear,
  lastYearTrailingSum: r.lastYearTrailingSum,
  seasonalBaseline: r.seasonalBaseline,
  baseline: r.baseline,
  threshold: r.threshold,
  ratio: r.ratio,
});

/** One statement over the case table: 4 counts per group, for the month and its (up to 11) baseline months, twice. */
export const WARNINGS_COST = indicatorPasses(4, 6, 1) + 3 * METADATA_COST;

@Resolver()
export class WarningsResolver {
  @Query(() => ConsumerWarnings, {
    description:
      '消费预警: what rose sharply in a month (problem categories, industries, operators, channels) in a region inside yours',
  })
  @Computed(WARNINGS_COST)
  async consumerWarnings(
    @Ctx() ctx: AppContext,
    @Arg('month', () => String) month: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
  ): Promise<ConsumerWarnings> {
    const user = requireUser(ctx);
    monthPeriod(month);
    const region = scopedRegion(user, regionCode);
    const config = await currentWarningRule(ctx.em);
    const rule = config.params;
    const { rises, seasonal } = await cachedRead(ctx.em, JSON.stringify(['consumerWarnings', month, region, rule]), () =>
      monthRises(ctx.ch, month, region, rule, rule.maxPerDimension),
    );
    const regionName = findRegion(region)?.name ?? region;
    const draft = warningDraft(month, regionName, rises, rule.baselineMonths);
    return {
      month,
      regionCode: region,
      regionName,
      rule: toWarningRule(config),
      rises: rises.map(toRiseWarning),
      seasonal: seasonal.map(toRiseWarning),
      draftTitle: draft.title,
      draftText: draft.text,
      notices: await warningsOf(ctx.em, month, region),
    };
  }

  @Query(() => [ConsumerWarningNotice], {
    description: 'published 消费提示 concerning your region (its own, those above and below it), newest first',
  })
  @Computed(METADATA_COST)
  async publishedConsumerWarnings(
    @Ctx() ctx: AppContext,
    @Arg('month', () => String, { nullable: true, description: 'that month’s only' }) month: string | null,
  ): Promise<ConsumerWarningNotice[]> {
    const user = requireUser(ctx);
    if (month) monthPeriod(month);
    return publishedWarnings(ctx.em, user, month);
  }

  @Mutation(() => ConsumerWarningNotice, {
    description:
      'save a 消费提示 draft (PROVINCE_ADMIN, CITY_CHIEF, FOOD_SAFETY, ANALYST; a region inside yours) or publish it (publish: true; PROVINCE_ADMIN, CITY_CHIEF); a published one is final',
  })
  @Computed(3 * METADATA_COST)
  async saveConsumerWarning(
    @Ctx() ctx: AppContext,
    @Arg('input', () => ConsumerWarningInput) input: ConsumerWarningInput,
  ): Promise<ConsumerWarningNotice> {
    const user = requireUser(ctx);
    return saveConsumerWarning(ctx, user, input, async () => (await currentWarningRule(ctx.em)).version);
  }

  @Query(() => WarningRule, { description: 'the rise rule of the 消费预警 in force' })
  @Computed(METADATA_COST)
  async warningRule(@Ctx() ctx: AppContext): Promise<WarningRule> {
    requireUser(ctx);
    return toWarningRule(await currentWarningRule(ctx.em));
  }

  @Mutation(() => WarningRule, { description: 'PROVINCE_ADMIN: a new version of the rise rule' })
  @Computed(3 * METADATA_COST)
  async updateWarningRule(
    @Ctx() ctx: AppContext,
    @Arg('input', () => WarningRuleInput) input: WarningRuleInput,
  ): Promise<WarningRule> {
    const user = requireUser(ctx);
    requireRole(user, [Role.PROVINCE_ADMIN]);
    const saved = await saveWarningRule(ctx.em, { ...input, ratioTenths: ratioTenths(input.ratio) }, user, ctx.ip);
    return toWarningRule(saved);
  }

  @Query(() => WarningSubscriptionState, {
    description: 'your subscription to the warnings of your region, and how many are new',
  })
  @Computed(2 * METADATA_COST)
  async warningSubscription(@Ctx() ctx: AppContext): Promise<WarningSubscriptionState> {
    return warningSubscription(ctx.em, requireUser(ctx));
  }

  @Mutation(() => WarningSubscriptionState, { description: 'subscribe to (or leave) the warnings of your region' })
  @Computed(3 * METADATA_COST)
  async setWarningSubscription(
    @Ctx() ctx: AppContext,
    @Arg('subscribed', () => Boolean) subscribed: boolean,
  ): Promise<WarningSubscriptionState> {
    return setWarningSubscription(ctx.em, requireUser(ctx), subscribed);
  }

  @Mutation(() => WarningSubscriptionState, { description: 'the warnings published so far are no longer new to you' })
  @Computed(3 * METADATA_COST)
  async markWarningsSeen(@Ctx() ctx: AppContext): Promise<WarningSubscriptionState> {
    return markWarningsSeen(ctx.em, requireUser(ctx));
  }
}

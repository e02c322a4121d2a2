import { EntitySchema } from '@mikro-orm/core';

/**
 * 消费预警 (issue 15 §2). Three tables: the rise rule's versions, the warnings (消费提示) staff draft and publish, and
 * the users' subscriptions with what they have seen. No personal data: staff user names only.
 */

/** The rise rule's parameters (api warnings/warning-rule.service.ts documents their meaning). */
export interface WarningRuleParams {
  /** A group is never flagged below this many cases in the month. */
  minCount: number;
  /** Flagged when count ≥ ratio × baseline; kept in tenths (30 = 3.0) so the comparison stays exact. */
  ratioTenths: number;
  /** The trailing baseline: the mean of the months M−k..M−1. */
  baselineMonths: number;
  /** Compare with the same month last year (scaled by the year's growth) as well. */
  seasonal: boolean;
  /** At most this many warnings per dimension, strongest first. */
  maxPerDimension: number;
}

/** A version of the rise rule, append-only like the ranking configuration's: a warning names the version it used. */
export class WarningRuleConfig {
  id!: number;
  version!: number;
  params!: WarningRuleParams;
  createdAt: Date = new Date();
  createdBy!: string;
  note: string | null = null;
}

export const WarningRuleConfigSchema = new EntitySchema<WarningRuleConfig>({
  class: WarningRuleConfig,
  tableName: 'warning_rule_config',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    version: { type: 'integer', unique: true },
    params: { type: 'json' },
    createdAt: { type: 'datetime' },
    createdBy: { type: 'string', length: 128 },
    note: { type: 'text', nullable: true },
  },
});

export const CONSUMER_WARNING_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type ConsumerWarningStatus = (typeof CONSUMER_WARNING_STATUSES)[number];

/** A 消费提示 of a month and region: a draft until published; a published one is no longer edited. */
export class ConsumerWarning {
  id!: number;
  /** YYYY-MM: the month whose rises it is about. */
  month!: string;
  /** GB/T 2260 code of the region it is for. */
  regionCode!: string;
  title!: string;
  text!: string;
  status: ConsumerWarningStatus = 'DRAFT';
  /** The rule version whose figures the draft was written from. */
  ruleVersion!: number;
  createdAt: Date = new Date();
  /** The staff account that wrote the draft (its last editor). */
  author!: string;
  updatedAt: Date = new Date();
  publishedAt: Date | null = null;
  publishedBy: string | null = null;
}

export const ConsumerWarningSchema = new EntitySchema<ConsumerWarning>({
  class: ConsumerWarning,
  tableName: 'consumer_warning',
  indexes: [{ properties: ['month', 'regionCode'] }, { properties: ['publishedAt'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    month: { type: 'string', length: 7 },
    regionCode: { type: 'string', length: 6 },
    title: { type: 'string', length: 200 },
    text: { type: 'text' },
    status: { type: 'string', length: 16 },
    ruleVersion: { type: 'integer' },
    createdAt: { type: 'datetime' },
    author: { type: 'string', length: 128 },
    updatedAt: { type: 'datetime' },
    publishedAt: { type: 'datetime', nullable: true },
    publishedBy: { type: 'string', length: 128, nullable: true },
  },
});

/** A user's subscription to the warnings of their region; `seenAt`: warnings published after it are new to them. */
export class WarningSubscription {
  id!: number;
  userId!: number;
  username!: string;
  regionCode!: string;
  createdAt: Date = new Date();
  seenAt: Date = new Date();
}

export const WarningSubscriptionSchema = new EntitySchema<WarningSubscription>({
  class: WarningSubscription,
  tableName: 'warning_subscription',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    userId: { type: 'integer', unique: true },
    username: { type: 'string', length: 64 },
    regionCode: { type: 'string', length: 6 },
    createdAt: { type: 'datetime' },
    seenAt: { type: 'datetime' },
  },
});

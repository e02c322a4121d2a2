/** GraphQL types of the 消费预警 (issue 15 §2), additive to schema.graphql. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WarningDimension {
  PROBLEM_CATEGORY = 'PROBLEM_CATEGORY',
  INDUSTRY = 'INDUSTRY',
  OPERATOR = 'OPERATOR',
  CHANNEL = 'CHANNEL',
}
registerEnumType(WarningDimension, {
  name: 'WarningDimension',
  description: '问题类别, GB/T 4754 division, operator key (indicators.md §6), channel',
});

@ObjectType({ description: 'A version of the rise rule (README "消费预警")' })
export class WarningRule {
  @Field(() => Int) version!: number;
  @Field(() => Int, { description: 'never flagged below this many cases in the month' }) minCount!: number;
  @Field(() => Float, { description: 'flagged when count ≥ ratio × baseline (one decimal)' }) ratio!: number;
  @Field(() => Int, { description: 'k: the trailing baseline is the mean of M−k..M−1' }) baselineMonths!: number;
  @Field(() => Boolean, {
    description: 'the baseline is also the same month last year, grown by the growth of the trailing months (the larger counts)',
  })
  seasonal!: boolean;
  @Field(() => Int) maxPerDimension!: number;
  @Field(() => String, { description: 'the rule in words (zh-CN)' }) description!: string;
  @Field(() => String, { description: 'ISO 8601 instant' }) createdAt!: string;
  @Field(() => String) createdBy!: string;
}

@InputType()
export class WarningRuleInput {
  @Field(() => Int) minCount!: number;
  @Field(() => Float) ratio!: number;
  @Field(() => Int) baselineMonths!: number;
  @Field(() => Boolean) seasonal!: boolean;
  @Field(() => Int) maxPerDimension!: number;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'the version edited: refused (CONFLICT) if another was saved since' })
  baseVersion?: number | null;
}

@ObjectType({ description: 'A group whose count of the month is compared with its baselines' })
export class RiseWarning {
  @Field(() => WarningDimension) dimension!: WarningDimension;
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: 'complaints and reports registered in the month' }) count!: number;
  @Field(() => Int, { description: 'the sum over the trailing months M−k..M−1' }) trailingSum!: number;
  @Field(() => Float, { description: 'trailingSum ÷ k' }) trailingBaseline!: number;
  @Field(() => Int, { nullable: true, description: 'M−12 (seasonal rules)' }) lastYearCount!: number | null;
  @Field(() => Int, { nullable: true, description: 'the sum over M−12−k..M−13 (seasonal rules)' })
  lastYearTrailingSum!: number | null;
  @Field(() => Float, { nullable: true, description: 'the seasonal baseline (seasonal rules)' }) seasonalBaseline!: number | null;
  @Field(() => Float, { description: 'the larger baseline: what the threshold multiplies' }) baseline!: number;
  @Field(() => Float, { description: 'max(minCount, ratio × baseline): the count the month had to reach' }) threshold!: number;
  @Field(() => Float, { nullable: true, description: 'count ÷ baseline (null when the baseline is 0)' }) ratio!: number | null;
}

@ObjectType({ description: 'A 消费提示: drafted by staff from a month’s rises, then published' })
export class ConsumerWarningNotice {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => String) regionName!: string;
  @Field(() => String) title!: string;
  @Field(() => String) text!: string;
  @Field(() => String, { description: 'DRAFT or PUBLISHED' }) status!: string;
  @Field(() => Int, { description: 'the rule version the draft was written with' }) ruleVersion!: number;
  @Field(() => String, { description: 'the staff account that last wrote it' }) author!: string;
  @Field(() => String) updatedAt!: string;
  @Field(() => String, { nullable: true, description: 'ISO 8601 instant of publication' }) publishedAt!: string | null;
  @Field(() => String, { nullable: true }) publishedBy!: string | null;
}

@ObjectType()
export class ConsumerWarnings {
  @Field(() => String) month!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => String) regionName!: string;
  @Field(() => WarningRule) rule!: WarningRule;
  @Field(() => [RiseWarning], { description: 'flagged: strongest first (ratio, then count), at most maxPerDimension each' })
  rises!: RiseWarning[];
  @Field(() => [RiseWarning], {
    description: 'above the trailing threshold, but explained by the seasonal baseline: not flagged',
  })
  seasonal!: RiseWarning[];
  @Field(() => String, { description: 'a draft title from the figures' }) draftTitle!: string;
  @Field(() => String, { description: 'a draft 消费提示 (zh-CN) from the figures, to edit before publishing' })
  draftText!: string;
  @Field(() => [ConsumerWarningNotice], { description: 'the drafts and published warnings of this month and region' })
  notices!: ConsumerWarningNotice[];
}

@InputType()
export class ConsumerWarningInput {
  @Field(() => ID, { nullable: true, description: 'a draft to edit; none: a new draft' }) id?: string | null;
  @Field(() => String, { description: 'YYYY-MM (a new draft)' }) month!: string;
  @Field(() => String, { nullable: true, description: 'a new draft’s region (default: yours)' }) regionCode?: string | null;
  @Field(() => String) title!: string;
  @Field(() => String) text!: string;
  @Field(() => Boolean, { defaultValue: false, description: 'publish it (PROVINCE_ADMIN, CITY_CHIEF)' }) publish!: boolean;
}

@ObjectType()
export class WarningSubscriptionState {
  @Field(() => Boolean) subscribed!: boolean;
  @Field(() => String, { description: 'the region subscribed to (your own)' }) regionCode!: string;
  @Field(() => Int, { description: 'warnings published since you last looked (0 unless subscribed)' }) unseenCount!: number;
}

/** GraphQL types of the food-safety features (schema.graphql `OperatorHotspot`, `FoodSafetyHotspots`; extras). */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar, IndicatorValue, MetricRow, PageInfo } from '../common/graphql-types';

@ObjectType()
export class OperatorHotspot {
  @Field(() => String, { description: 'USCC when valid, else the folded name (indicators.md §6)' }) operatorKey!: string;
  @Field(() => String) operatorName!: string;
  @Field(() => String, { nullable: true }) uscc!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Int) previousCount!: number;
  @Field(() => Float, { description: 'mean count over M−3..M−1' }) baseline!: number;
  @Field(() => Boolean, { description: 'count ≥ 5 and count ≥ 3 × baseline (exact)' }) spike!: boolean;
}

@ObjectType({
  description: 'industries / counties rows carry values count, previous_count, baseline (mean of M−3..M−1) and spike (1 or 0)',
})
export class FoodSafetyHotspots {
  @Field(() => String) month!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => [OperatorHotspot]) operators!: OperatorHotspot[];
  @Field(() => [MetricRow]) industries!: MetricRow[];
  @Field(() => [MetricRow]) counties!: MetricRow[];
}

@ObjectType({ description: 'an operator on the 放心消费 red or black list' })
export class OperatorRating {
  @Field(() => Int, { description: 'place on its list, from 1' }) rank!: number;
  @Field(() => String) operatorKey!: string;
  @Field(() => String) operatorName!: string;
  @Field(() => String, { nullable: true }) uscc!: string | null;
  @Field(() => Int, { description: 'accepted complaints in the closed cohort' }) acceptedComplaints!: number;
  @Field(() => IndicatorValue, { description: 'mediation_success_rate, % with numerator and denominator' })
  mediationSuccessRate!: IndicatorValue;
}

@ObjectType()
export class OperatorRedBlackList {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => String) regionCode!: string;
  @Field(() => [OperatorRating], { description: 'top 3 by mediation success rate' }) red!: OperatorRating[];
  @Field(() => [OperatorRating], { description: 'bottom 3 (an operator on the red list is not repeated here)' })
  black!: OperatorRating[];
}

@ObjectType({ description: '投诉信息公示: one operator’s disclosed complaints' })
export class DisclosureRow {
  @Field(() => String) operatorKey!: string;
  @Field(() => String) operatorName!: string;
  @Field(() => String, { nullable: true }) uscc!: string | null;
  @Field(() => Int, { description: 'disclosed complaints registered in the period' }) complaints!: number;
  @Field(() => Int, { description: 'disclosed complaints closed in the period' }) closed!: number;
  @Field(() => IndicatorValue) mediationSuccessRate!: IndicatorValue;
}

@ObjectType()
export class DisclosureConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [DisclosureRow]) nodes!: DisclosureRow[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

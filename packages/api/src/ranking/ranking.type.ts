/**
 * GraphQL types of the ranking (contract: schema.graphql `Ranking`, `RankingRow`), with the project's additions:
 * publication state, the configuration version, red/black lists, totals, and the movement explanation.
 */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, IndicatorValue, Region, RegionLevel } from '../common/graphql-types';

// Repeated per row: plain data (graphql-types.ts Region).
@ObjectType({ description: 'An indicator whose points moved between the month before and this month.', simpleResolvers: true })
export class PointsMovement {
  @Field(() => ID) indicatorId!: string;
  @Field(() => Float) points!: number;
  @Field(() => Float) previousPoints!: number;
  @Field(() => Float) pointsDelta!: number;
}

@ObjectType({ simpleResolvers: true })
export class RankingRow {
  @Field(() => Region) region!: Region;
  @Field(() => Int, { nullable: true, description: 'null when the unit has no score' }) rank!: number | null;
  @Field(() => Int, { nullable: true }) previousRank!: number | null;
  @Field(() => Float, { nullable: true, description: 'rounded half-up to 2 decimals, as compared' }) score!: number | null;
  @Field(() => [IndicatorValue]) values!: IndicatorValue[];
  @Field(() => Boolean, { description: 'flag: no non-null scored indicator, ranked last without a rank' }) noScore!: boolean;
  @Field(() => [PointsMovement], { description: 'the (up to 3) indicators whose points changed most since the month before' })
  movement!: PointsMovement[];
}

@ObjectType({ description: 'Red list (first 3) or black list (last 3) of the scored units, in rank order.' })
export class RankingCut {
  @Field(() => [String]) regionCodes!: string[];
  @Field(() => Boolean, { description: 'a unit outside the list ties with the last one inside it' }) tieAtCut!: boolean;
}

@ObjectType()
export class Ranking {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => RegionLevel) level!: RegionLevel;
  @Field(() => String, { nullable: true }) parentCode!: string | null;
  @Field(() => DateScalar) asOf!: string;
  @Field(() => [RankingRow]) rows!: RankingRow[];
  @Field(() => RegionLevel, { description: 'the level actually ranked (COUNTY for the city ranking of a 直辖市)' })
  unitLevel!: RegionLevel;
  @Field(() => Boolean, { description: 'true: the frozen snapshot published for this month' }) published!: boolean;
  @Field(() => String, { nullable: true, description: 'ISO date-time of publication' }) publishedAt!: string | null;
  @Field(() => Int) configVersion!: number;
  @Field(() => RankingCut) redList!: RankingCut;
  @Field(() => RankingCut) blackList!: RankingCut;
  @Field(() => [IndicatorValue], { description: "the parent region's totals, its own units included" })
  totals!: IndicatorValue[];
}

@ObjectType()
export class RankingIndicatorParams {
  @Field(() => ID) id!: string;
  @Field(() => Float) weight!: number;
  @Field(() => Float) floor!: number;
  @Field(() => Float) target!: number;
}

@ObjectType()
export class RankingConfiguration {
  @Field(() => Int) version!: number;
  @Field(() => [RankingIndicatorParams]) indicators!: RankingIndicatorParams[];
  @Field(() => String) ruleTable!: string;
  @Field(() => String) createdAt!: string;
  @Field(() => String) createdBy!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@InputType()
export class RankingIndicatorParamsInput {
  @Field(() => ID) id!: string;
  @Field(() => Float) weight!: number;
  @Field(() => Float) floor!: number;
  @Field(() => Float) target!: number;
}

/**
 * GraphQL types of the command-centre screen (issue 15): one answer holding every panel of /screen, each panel the
 * answer of an existing field (metrics, ranking, foodSafetyHotspots) asked the question the screen asks.
 */
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, MetricRow, Region, RegionLevel } from '../common/graphql-types';
import { FoodSafetyHotspots } from '../hotspots/hotspots.type';
import { Ranking } from '../ranking/ranking.type';

@ObjectType({
  description: 'Cases registered (登记量, all kinds) so far: on the day and in its month, and the same days a month before.',
})
export class ScreenIntake {
  @Field(() => DateScalar, { description: 'the day shown (D)' }) date!: string;
  @Field(() => DateScalar, { description: 'the same day a month before (clamped to that month’s last day)' })
  sameDayLastMonth!: string;
  @Field(() => Int, { description: 'registered on D (everything loaded so far: asOf D + 1)' }) today!: number;
  @Field(() => Int, { description: 'registered on sameDayLastMonth' }) todayLastMonth!: number;
  @Field(() => Int, { description: 'registered from the first of D’s month to D' }) monthToDate!: number;
  @Field(() => Int, { description: 'registered from the first of the month before to sameDayLastMonth' })
  lastMonthToDate!: number;
}

@ObjectType()
export class Screen {
  @Field(() => String) regionCode!: string;
  @Field(() => String) regionName!: string;
  @Field(() => DateScalar, { description: 'the day shown (default: today, Asia/Shanghai)' }) date!: string;
  @Field(() => String, { description: 'YYYY-MM: D’s month (intake, ranking, hotspots, mix)' }) month!: string;
  @Field(() => RegionLevel, { description: 'the level of the map’s units: CITY under a province, COUNTY under a city' })
  unitLevel!: RegionLevel;
  @Field(() => [Region], { description: 'every unit of the map (known to GB/T 2260), whether or not it has cases' })
  unitRegions!: Region[];
  @Field(() => [MetricRow], {
    description:
      'metrics(received, complaints, reports) grouped by unit over [month’s first, D], asOf D + 1; units without cases are absent',
  })
  unitIntake!: MetricRow[];
  @Field(() => [MetricRow], {
    description:
      'metrics(overdue_open, on_time_completion_rate, satisfaction_rate) grouped by unit over [month’s first, D], asOf D: overdue counts equal overdueCases(asOf: D).totalCount per unit',
  })
  unitStanding!: MetricRow[];
  @Field(() => ScreenIntake) intake!: ScreenIntake;
  @Field(() => Ranking, { description: 'the month’s live ranking the region takes part in or holds, asOf D' })
  ranking!: Ranking;
  @Field(() => FoodSafetyHotspots, { description: 'foodSafetyHotspots(month, regionCode, top: 5)' })
  hotspots!: FoodSafetyHotspots;
  @Field(() => [MetricRow], { description: 'metrics(received) by CHANNEL over [month’s first, D], asOf D + 1' })
  channels!: MetricRow[];
  @Field(() => [MetricRow], { description: 'metrics(received) by KIND over [month’s first, D], asOf D + 1' })
  kinds!: MetricRow[];
}

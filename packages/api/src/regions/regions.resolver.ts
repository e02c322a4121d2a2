import { allProvinces, childRegions, findRegion, INDICATORS, type RegionInfo, regionsUnder } from '@c12315/domain';
import { Arg, Ctx, Field, Float, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { requireUser } from '../auth/scope';
import { Computed, PASS_COST } from '../common/engine-cost';
import { badUserInput } from '../common/errors';
import { Region, RegionLevel } from '../common/graphql-types';
import type { AppContext } from '../context';
import { stationsUnder } from './stations.sql';

@ObjectType()
export class Indicator {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Chinese name, e.g. 按时办结率' }) name!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String, { description: '"%", "count", "yuan", "days"' }) unit!: string;
  @Field(() => Boolean, { nullable: true }) higherIsBetter!: boolean | null;
  @Field(() => Float, { nullable: true, description: 'ranking weight, null when not scored' }) weight!: number | null;
  @Field(() => Float, { nullable: true }) floor!: number | null;
  @Field(() => Float, { nullable: true }) target!: number | null;
}

export function toRegion(r: RegionInfo): Region {
  return { code: r.code, name: r.name, level: r.level as RegionLevel, parentCode: r.parentCode };
}

/**
 * Reference data: the indicator catalogue and the region tree (names and codes are public; a signed-in user is still
 * required, as for every query). Stations have no national list: they are the 9-digit units seen in the case store.
 */
@Resolver()
export class ReferenceResolver {
  @Query(() => [Indicator])
  indicators(@Ctx() ctx: AppContext): Indicator[] {
    requireUser(ctx);
    return INDICATORS.map((i) => ({
      id: i.id,
      name: i.nameZh,
      nameEn: i.nameEn,
      unit: i.unit,
      higherIsBetter: i.higherIsBetter,
      weight: i.weight,
      floor: i.floor,
      target: i.target,
    }));
  }

  @Query(() => [Region])
  // A county's stations are read from the case store; the region tree above them is in memory.
  @Computed(PASS_COST)
  async regions(
    @Ctx() ctx: AppContext,
    @Arg('parentCode', () => String, { nullable: true }) parentCode?: string | null,
    @Arg('level', () => RegionLevel, { nullable: true }) level?: RegionLevel | null,
  ): Promise<Region[]> {
    requireUser(ctx);
    if (!parentCode) {
      if (level && level !== RegionLevel.PROVINCE) throw badUserInput('parentCode', `required with level ${level}`);
      return allProvinces().map(toRegion);
    }
    const parent = findRegion(parentCode);
    if (!parent) throw badUserInput('parentCode', `unknown region code ${parentCode}`);
    if (level === RegionLevel.STATION || (!level && parent.level === 'COUNTY')) {
      return (await stationsUnder(ctx.ch, parent.code)).map((s) => ({
        code: s.code,
        name: s.name,
        level: RegionLevel.STATION,
        parentCode: s.code.slice(0, 6),
      }));
    }
    return (level ? regionsUnder(parent.code, level) : childRegions(parent.code)).map(toRegion);
  }
}

/**
 * `screen(regionCode, date)`: the command-centre wall view (issue 15) in one request. Every role may ask it for a
 * region inside its own (it shows hotspot operators, case-level data); the SCREEN role may ask nothing else
 * (auth/screen-role.ts).
 */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireUser } from '../auth/scope';
import { Computed, indicatorPasses } from '../common/engine-cost';
import { DateScalar } from '../common/graphql-types';
import type { AppContext } from '../context';
import { HOTSPOTS_COST } from '../hotspots/hotspots.resolver';
import { RANKING_COST } from '../ranking/ranking.resolver';
import { readScreen, SCREEN_INTAKE_INDICATORS, SCREEN_STANDING_INDICATORS } from './screen.service';
import { Screen } from './screen.type';

/** Six one-figure metrics (intake ×4, channel, kind), the two unit tables, the ranking and the hotspots. */
export const SCREEN_COST =
  indicatorPasses(1, 1, 6) +
  indicatorPasses(SCREEN_INTAKE_INDICATORS.length) +
  indicatorPasses(SCREEN_STANDING_INDICATORS.length) +
  RANKING_COST +
  HOTSPOTS_COST;

@Resolver()
export class ScreenResolver {
  @Query(() => Screen, {
    description:
      'The command-centre screen of a province, city or county inside the user’s region (default: the user’s own) on day `date` (default: today): intake, the map’s units, the live ranking, food-safety hotspots, channel and kind mix.',
  })
  @Computed(SCREEN_COST)
  async screen(
    @Ctx() ctx: AppContext,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('date', () => DateScalar, { nullable: true }) date: string | null,
  ): Promise<Screen> {
    return readScreen(ctx, requireUser(ctx), regionCode ?? null, date ?? null);
  }
}

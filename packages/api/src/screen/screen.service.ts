/**
 * The command-centre screen (issue 15): every panel is an existing field's answer — `metrics` (intake, units, channel
 * and kind mix), `ranking`, `foodSafetyHotspots` — asked through the same functions those fields use (validation,
 * scope, read cache included), so no rule is written twice and the screen's numbers are the pages' numbers.
 */
import { type RegionLevel as DomainLevel, findRegion, regionsUnder } from '@c12315/domain';
import { assertCaseScope } from '../auth/scope';
import { badUserInput } from '../common/errors';
import { Dimension, isQuestionDate, type MetricRow, RegionLevel } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';
import { readHotspots } from '../hotspots/hotspots.resolver';
import { dayNumber, fromDayNumber, monthPeriod, previousMonth, todayInShanghai } from '../indicators/period';
import { metricsQueryArgs, readMetrics } from '../metrics/metrics.resolver';
import { assertCanSeeRanking, rankingRequest } from '../ranking/ranking.resolver';
import { readRanking } from '../ranking/ranking.service';
import type { Screen, ScreenIntake } from './screen.type';

export const SCREEN_INTAKE_INDICATORS = ['received', 'complaints', 'reports'] as const;
export const SCREEN_STANDING_INDICATORS = ['overdue_open', 'on_time_completion_rate', 'satisfaction_rate'] as const;
export const SCREEN_HOTSPOTS_TOP = 5;

const UNIT_LEVEL: Partial<Record<DomainLevel, { level: RegionLevel; dimension: Dimension }>> = {
  PROVINCE: { level: RegionLevel.CITY, dimension: Dimension.CITY },
  CITY: { level: RegionLevel.COUNTY, dimension: Dimension.COUNTY },
  COUNTY: { level: RegionLevel.STATION, dimension: Dimension.STATION },
};

const nextDay = (date: string) => fromDayNumber(dayNumber(date) + 1);

/** The same day of the month before, clamped to its last day (31 March → 28/29 February). */
export function sameDayLastMonth(date: string): string {
  const last = monthPeriod(previousMonth(date.slice(0, 7))).to;
  const candidate = `${last.slice(0, 8)}${date.slice(8, 10)}`;
  return candidate < last ? candidate : last;
}

function total(rows: MetricRow[]): number {
  return rows.reduce((sum, row) => sum + (row.values[0]?.value ?? 0), 0);
}

export async function readScreen(
  ctx: AppContext,
  user: AuthUser,
  regionCode: string | null,
  date: string | null,
): Promise<Screen> {
  const code = regionCode ?? user.regionCode;
  const region = findRegion(code);
  const unit = region ? UNIT_LEVEL[region.level] : undefined;
  if (!region || !unit) throw badUserInput('regionCode', `expected a province, city or county code, got ${JSON.stringify(code)}`);
  // The screen shows hotspot operators (case-level data): the region must lie inside the user's own.
  assertCaseScope(user, code);
  const day = date ?? todayInShanghai();
  const month = day.slice(0, 7);
  const first = `${month}-01`;
  const lastMonthDay = sameDayLastMonth(day);
  const through = nextDay(day);
  // Everything is counted as of the next day, which must be a question's date too (QUESTION_DATES).
  if (!isQuestionDate(through)) throw badUserInput('date', `must have a next day (the screen counts as of it), got ${day}`);

  const received = (from: string, to: string, groupBy: Dimension[] = []) =>
    readMetrics(ctx, metricsQueryArgs(user, ['received'], groupBy, { from, to, regionCode: code }, through));
  const [today, todayLastMonth, monthToDate, lastMonthToDate, channels, kinds] = await Promise.all([
    received(day, day),
    received(lastMonthDay, lastMonthDay),
    received(first, day),
    received(`${lastMonthDay.slice(0, 7)}-01`, lastMonthDay),
    received(first, day, [Dimension.CHANNEL]),
    received(first, day, [Dimension.KIND]),
  ]);
  const intake: ScreenIntake = {
    date: day,
    sameDayLastMonth: lastMonthDay,
    today: total(today),
    todayLastMonth: total(todayLastMonth),
    monthToDate: total(monthToDate),
    lastMonthToDate: total(lastMonthToDate),
  };
  const unitIntake = await readMetrics(
    ctx,
    metricsQueryArgs(user, [...SCREEN_INTAKE_INDICATORS], [unit.dimension], { from: first, to: day, regionCode: code }, through),
  );
  const unitStanding = await readMetrics(
    ctx,
    metricsQueryArgs(user, [...SCREEN_STANDING_INDICATORS], [unit.dimension], { from: first, to: day, regionCode: code }, day),
  );

  // A province's cities or a city's counties are ranked under it; a county takes part in its city's ranking.
  const rankingLevel = region.level === 'PROVINCE' ? RegionLevel.CITY : RegionLevel.COUNTY;
  const rankingParent = region.level === 'COUNTY' ? (region.parentCode as string) : code;
  const req = rankingRequest(user, month, rankingLevel, rankingParent, day);
  assertCanSeeRanking(user, req);
  const ranking = await readRanking(ctx, req, false);
  const hotspots = await readHotspots(ctx, month, code, SCREEN_HOTSPOTS_TOP);

  const unitRegions =
    unit.level === RegionLevel.STATION
      ? []
      : regionsUnder(code, unit.level as DomainLevel).map((r) => ({
          code: r.code,
          name: r.name,
          level: r.level as RegionLevel,
          parentCode: r.parentCode,
        }));
  return {
    regionCode: code,
    regionName: region.name,
    date: day,
    month,
    unitLevel: unit.level,
    unitRegions,
    unitIntake,
    unitStanding,
    intake,
    ranking,
    hotspots,
    channels,
    kinds,
  };
}

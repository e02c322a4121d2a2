/**
 * Reconciliation of the read model with the reference: random questions of every shape the api answers from the read
 * model — metrics (region × kind × month groupings, region and kind filters), rankings (city and county, M), the
 * overdue list's first page and its count, food-safety hotspots, the operator red/black list and the disclosure
 * table's first page — asked of both sources, compared number for number (and name for name). Used by the test
 * (generated data) and by `pnpm api verify` (a live store), which stops at the first difference and names it.
 *
 * Questions are drawn to hit the edges: asOf inside the period, on its first day, before registration, the day after
 * the period; month and year boundaries; periods of one day up to a year.
 */
import { knownCalendarYears, levelOfCode } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import { Dimension, Role } from '../common/graphql-types';
import { random } from '../common/seeded-random';
import type { AuthUser } from '../context';
import { foodSafetyHotspots } from '../hotspots/hotspots.service';
import { complaintDisclosure, operatorRedBlackList } from '../hotspots/operators.service';
import { buildMetricsQuery } from '../metrics/metrics.sql';
import {
  countFromSteps,
  countOverdue,
  fetchOverduePage,
  OVERDUE_SORTS,
  OVERDUE_STAGES,
  pageFromProfile,
  prepareOverdueQuery,
  readOverdueCountSteps,
  readOverduePageProfile,
} from '../overdue/overdue.service';
import { rankedUnits } from '../ranking/ranking.service';
import { buildRankingMonthsQuery, buildRankingQuery, RANKING_INDICATOR_IDS } from '../ranking/ranking.sql';
import { type BuiltQuery, readProfile, runIndicatorQuery } from './indicator-query';
import type { ReadSource } from './indicator-sql';
import { dayNumber, fromDayNumber, monthPeriod, previousMonth } from './period';

export interface ReconcileOptions {
  questions: number;
  seed: number;
  onProgress?: (checked: number) => void;
}

export interface ReconcileResult {
  checked: number;
  /** How many of them were also answered from their asOf profile or, for the overdue count, its steps. */
  profiles: number;
  /** How many overdue first pages were answered from their month's profile (the others: too few spans in it). */
  pageProfiles: number;
  /** The first question whose answers differ, with both answers; null when every answer matched. */
  difference: { question: string; readModel: string; reference: string } | null;
}

interface Question {
  name: string;
  ask: (source: ReadSource) => Promise<unknown>;
  /**
   * The read model's answer from what serves the question for any asOf, when it has one: an indicator question's asOf
   * profile (asked after its period), the overdue count's steps.
   */
  askProfile?: () => Promise<unknown>;
}

/** A built read-model question's answer from its asOf profile (indicator-query.ts asOfProfile), if it has one. */
function profileAsker(ch: ClickHouseClient, built: BuiltQuery): Question['askProfile'] {
  const profile = built.profile;
  if (!profile) return undefined;
  return async () => profile.answer(await readProfile(ch, profile), profile.asOf) ?? 'a profile with a bad row';
}

/** What the store holds: its registration range and the units (province, city, county) with cases. */
async function storeShape(ch: ClickHouseClient) {
  const [range] = await (
    await ch.query({
      query: `SELECT toString(min(d1)) AS first, toString(max(d1)) AS last FROM indicator_facts WHERE fact = 'REGISTERED'`,
      format: 'JSONEachRow',
    })
  ).json<{ first: string; last: string }>();
  const units = await (
    await ch.query({
      query: `SELECT DISTINCT province_code, city_code, county_code FROM indicator_facts ORDER BY 1, 2, 3`,
      format: 'JSONEachRow',
    })
  ).json<{ province_code: string; city_code: string; county_code: string }>();
  return { first: range?.first ?? '', last: range?.last ?? '', units };
}

export async function reconcileReadModel(ch: ClickHouseClient, options: ReconcileOptions): Promise<ReconcileResult> {
  const shape = await storeShape(ch);
  if (shape.units.length === 0) return { checked: 0, profiles: 0, pageProfiles: 0, difference: null };
  const rnd = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => rnd() < 0.5);
  const calendarEnd = `${knownCalendarYears().to}-12-31`;
  const lo = dayNumber(shape.first) - 40;
  const hi = Math.min(dayNumber(shape.last) + 150, dayNumber(calendarEnd));
  const day = () => fromDayNumber(lo + Math.floor(rnd() * (hi - lo + 1)));
  const month = () => day().slice(0, 7);
  const asOfFor = (from: string, to: string): string => {
    const f = dayNumber(from);
    const t = dayNumber(to);
    const choices = [
      () => fromDayNumber(t + 1),
      () => fromDayNumber(f),
      () => fromDayNumber(f + 1 + Math.floor(rnd() * Math.max(1, t - f))),
      () => fromDayNumber(f - 1 - Math.floor(rnd() * 30)),
      () => fromDayNumber(t + 1 + Math.floor(rnd() * 120)),
    ];
    return fromDayNumber(Math.min(dayNumber(pick(choices)()), dayNumber(calendarEnd)));
  };
  const regions = [...new Set(shape.units.flatMap((u) => [u.province_code, u.city_code, u.county_code]).filter((c) => c !== ''))];
  const period = (): { from: string; to: string } => {
    if (rnd() < 0.4) return monthPeriod(month());
    const from = day();
    const length = pick([0, 1, 6, 30, 45, 89, 180, 365]);
    return { from, to: fromDayNumber(Math.min(dayNumber(from) + length, dayNumber(from) + 365)) };
  };

  const metricsQuestion = (): Question => {
    const p = period();
    const asOf = asOfFor(p.from, p.to);
    const regionCode = pick(regions);
    const groupBy = some([Dimension.PROVINCE, Dimension.CITY, Dimension.COUNTY, Dimension.KIND, Dimension.MONTH]).slice(0, 3);
    const kinds = rnd() < 0.3 ? some(['COMPLAINT', 'REPORT', 'CONSULTATION', 'SUGGESTION']) : [];
    const excludeEmptyColumns = groupBy.includes(Dimension.CITY) && rnd() < 0.3 ? [Dimension.CITY] : [];
    const args = {
      indicatorIds: RANKING_INDICATOR_IDS,
      groupBy,
      filter: { regionCode, kinds, ...p },
      asOf,
      excludeEmptyColumns,
    };
    return {
      name: `metrics ${JSON.stringify({ ...args, indicatorIds: undefined })}`,
      ask: (source) => runIndicatorQuery(ch, buildMetricsQuery({ ...args, source })),
      askProfile: profileAsker(ch, buildMetricsQuery({ ...args, source: 'facts' })),
    };
  };

  const rankingQuestion = (): Question => {
    const m = month();
    const p = monthPeriod(m);
    const asOf = asOfFor(p.from, p.to);
    const parents = regions.filter((c) => levelOfCode(c) === 'PROVINCE' || levelOfCode(c) === 'CITY');
    const parentCode = pick(parents);
    const { unitLevel } = rankedUnits(levelOfCode(parentCode) === 'PROVINCE' ? 'CITY' : 'COUNTY', parentCode);
    // Half of them as the service asks when M−1 is not published: M−1 and M in one statement.
    const withPrevious = rnd() < 0.5;
    const months = [monthPeriod(previousMonth(m)), p];
    const build = (source: ReadSource) =>
      withPrevious
        ? buildRankingMonthsQuery({ parentCode, unitLevel, months, asOf, source })
        : buildRankingQuery({ parentCode, unitLevel, period: p, asOf, source });
    return {
      name: `ranking ${JSON.stringify({ parentCode, unitLevel, month: m, asOf, withPrevious })}`,
      ask: (source) => runIndicatorQuery(ch, build(source)),
      askProfile: profileAsker(ch, build('facts')),
    };
  };

  let pageProfiles = 0;
  const overdueQuestion = (): Question => {
    const asOf = day();
    const regionCode = pick(regions);
    const args = {
      asOf,
      regionCode,
      sort: pick(OVERDUE_SORTS),
      stages: rnd() < 0.3 ? some(OVERDUE_STAGES) : [],
      kinds: rnd() < 0.2 ? ['COMPLAINT'] : [],
      // A short page too: its profile (four pages of spans) then often holds only part of the month's.
      first: pick([5, 50]),
    };
    const user: AuthUser = {
      id: 0,
      username: 'verify',
      role: Role.PROVINCE_ADMIN,
      regionCode: regionCode.slice(0, 2).padEnd(6, '0'),
    };
    return {
      name: `overdue ${JSON.stringify(args)}`,
      ask: async (source) => {
        const q = { ...prepareOverdueQuery(user, args), source };
        const [page, total] = await Promise.all([fetchOverduePage(ch, q), countOverdue(ch, q)]);
        return { total, page };
      },
      // The count from its steps (overdue.service.ts answerOverdueCount), the page from its month's profile when that
      // answers it (answerOverduePage), else the read model's page.
      askProfile: async () => {
        const q = { ...prepareOverdueQuery(user, args), source: 'facts' as const };
        const [profile, steps] = await Promise.all([readOverduePageProfile(ch, q), readOverdueCountSteps(ch, q)]);
        let page = pageFromProfile(profile, q);
        if (page) pageProfiles++;
        else page = await fetchOverduePage(ch, q);
        return { total: countFromSteps(steps, q.asOf), page };
      },
    };
  };

  const hotspotQuestion = (): Question => {
    const m = month();
    const regionCode = pick(regions);
    return {
      name: `hotspots ${JSON.stringify({ month: m, regionCode })}`,
      ask: (source) => foodSafetyHotspots(ch, m, regionCode, 20, source),
    };
  };

  const operatorQuestion = (): Question => {
    const p = period();
    const asOf = asOfFor(p.from, p.to);
    const regionCode = pick(regions);
    const args = { ...p, asOf };
    return {
      name: `operators ${JSON.stringify({ ...args, regionCode })}`,
      ask: async (source) => ({
        redBlack: await operatorRedBlackList(ch, regionCode, args, source),
        disclosure: await complaintDisclosure(ch, regionCode, args, 20, null, source),
      }),
    };
  };

  let profiles = 0;
  const kinds = [metricsQuestion, metricsQuestion, rankingQuestion, overdueQuestion, hotspotQuestion, operatorQuestion];
  for (let checked = 0; checked < options.questions; ) {
    const question = pick(kinds)();
    const readModel = JSON.stringify(await question.ask('facts'));
    const reference = JSON.stringify(await question.ask('cases'));
    checked++;
    if (readModel !== reference)
      return { checked, profiles, pageProfiles, difference: { question: question.name, readModel, reference } };
    if (question.askProfile) {
      profiles++;
      const fromProfile = JSON.stringify(await question.askProfile());
      if (fromProfile !== reference) {
        return {
          checked,
          profiles,
          pageProfiles,
          difference: { question: `${question.name} (asOf profile)`, readModel: fromProfile, reference },
        };
      }
    }
    options.onProgress?.(checked);
  }
  return { checked: options.questions, profiles, pageProfiles, difference: null };
}

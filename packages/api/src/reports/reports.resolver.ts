/** `reports`: the monthly report list of the user's province (schema addition, issue "Dashboard" §Monthly report). */
import { knownCalendarYears } from '@c12315/domain';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { Arg, Ctx, Extensions, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requireUser } from '../auth/scope';
import { Computed, METADATA_COST } from '../common/engine-cost';
import type { AppContext } from '../context';
import { monthPeriod, monthsBefore, todayInShanghai } from '../indicators/period';
import { publishedWarnings } from '../warnings/warning-publication.service';
import { ConsumerWarningNotice } from '../warnings/warnings.type';
import { provinceOf, reportMonths, reportMonthsBefore } from './reports.service';
import { ReportMonth } from './reports.type';

@Resolver(() => ReportMonth)
export class ReportsResolver {
  @Query(() => [ReportMonth], {
    description:
      "12 months, newest first (default: the last 12 complete months), each with its publication state (the province's city ranking)",
  })
  // One metadata statement: the province's snapshots of the 12 months.
  @Computed(METADATA_COST)
  async reports(
    @Ctx() ctx: AppContext,
    @Arg('through', () => String, { nullable: true, description: 'the newest month listed (default: the month before today)' })
    through: string | null,
  ): Promise<ReportMonth[]> {
    const user = requireUser(ctx);
    if (through !== null && through !== undefined) monthPeriod(through, 'through');
    // The months before the month after `through`: `through` and the 11 before it.
    const months = reportMonthsBefore(through ? `${monthsBefore(through, -1)}-01` : todayInShanghai());
    return reportMonths(ctx.em, provinceOf(user.regionCode), months);
  }

  /**
   * A month's indicators read due dates and working days up to the day after the month (overdue_open as of to + 1;
   * a completion in the month is on time against any later due date, guessed or not), so they depend on a
   * provisional calendar year (indicators.md §1) exactly when the month lies after the last published year.
   */
  @FieldResolver(() => Boolean, {
    description:
      'the month lies in a year whose working-day calendar is not published yet: its due dates are provisional (weekends and statutory holidays only) and are recomputed when it is',
  })
  dueDatesProvisional(@Root() report: ReportMonth): boolean {
    return Number(report.month.slice(0, 4)) > knownCalendarYears().to;
  }

  /** The month's published 消费提示 concerning the user's region (issue 15 §2): the report prints them. */
  @FieldResolver(() => [ConsumerWarningNotice], { description: 'the month’s published 消费提示 concerning your region' })
  // One metadata statement per month listed (not a root field: counted in its parent's cost, not as a computed root).
  @Extensions({ complexity: ({ childComplexity }: ComplexityEstimatorArgs) => METADATA_COST + childComplexity })
  async consumerWarnings(@Ctx() ctx: AppContext, @Root() report: ReportMonth): Promise<ConsumerWarningNotice[]> {
    return publishedWarnings(ctx.em, requireUser(ctx), report.month);
  }
}

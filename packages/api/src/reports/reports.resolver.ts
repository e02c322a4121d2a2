/** `reports`: the monthly report list of the user's province (schema addition, issue "Dashboard" §Monthly report). */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireUser } from '../auth/scope';
import { Computed, METADATA_COST } from '../common/engine-cost';
import type { AppContext } from '../context';
import { monthPeriod, monthsBefore, todayInShanghai } from '../indicators/period';
import { provinceOf, reportMonths, reportMonthsBefore } from './reports.service';
import { ReportMonth } from './reports.type';

@Resolver()
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
}

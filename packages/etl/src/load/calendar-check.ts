/**
 * A row whose due dates reach past the working-day calendar — its published years and the provisional years after
 * them (working-day-calendar.ts PROVISIONAL_YEARS) — cannot be stored correctly: its deadlines would be missing, and
 * a later re-load of the same file would find it "unchanged" and never fix them. So it is rejected with the missing
 * year named (indicators.md §1: never a silent weekend-only guess); once the calendar reaches that year, loading the
 * same file again brings it in. Rows in a provisional year are stored, marked (due_provisional_from) and recomputed
 * when the year's file arrives (provisional-recompute.ts).
 */
import { CalendarYearMissingError, type CaseRecord, computeDueDates, handlingWorkdays } from '@c12315/domain';
import type { Issue } from '../validate';

export function calendarIssue(record: CaseRecord): Issue | null {
  try {
    computeDueDates(record);
    if (record.closedAt) handlingWorkdays(record.registeredAt, record.closedAt);
    return null;
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) {
      // A record the validator let through whose dates the deadline rules still cannot read (found by the fuzz test,
      // fuzz-rows.int.test.ts): that row is rejected, the load goes on.
      return {
        column: '登记时间',
        reasonZh: `无法计算办理期限：${(error as Error).message}`,
        reasonEn: `the due dates cannot be computed: ${(error as Error).message}`,
      };
    }
    return {
      column: '登记时间',
      reasonZh: `工作日历缺少${error.year}年数据，无法计算办理期限：请添加 ${error.year} 年日历文件（DATA_DIR/calendar/${error.year}.json）后重新装载`,
      reasonEn: `the working-day calendar has no data for ${error.year}, so the due dates cannot be computed: add the ${error.year} calendar file (DATA_DIR/calendar/${error.year}.json) and load the file again`,
    };
  }
}

/**
 * The monthly report list: the last 12 complete months (the month before today's, Asia/Shanghai, first) and whether
 * each month's city ranking of the province is published (a RankingSnapshot, issue "GraphQL API" §Ranking).
 */
import { RankingSnapshot } from '@c12315/store';
import type { EntityManager } from '@mikro-orm/core';
import { monthsBefore } from '../indicators/period';
import type { ReportMonth } from './reports.type';

export const REPORT_MONTHS = 12;

/** The `count` months before the month of `today`, newest first. */
export function reportMonthsBefore(today: string, count = REPORT_MONTHS): string[] {
  const current = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => monthsBefore(current, i + 1));
}

/** The province of a region or station code (the report covers the user's province). */
export function provinceOf(regionCode: string): string {
  return `${regionCode.slice(0, 2)}0000`;
}

export async function reportMonths(em: EntityManager, provinceCode: string, months: readonly string[]): Promise<ReportMonth[]> {
  const snapshots = await em
    .fork()
    .find(
      RankingSnapshot,
      { level: 'CITY', parentCode: provinceCode, month: { $in: [...months] } },
      { fields: ['month', 'publishedAt'] },
    );
  const byMonth = new Map(snapshots.map((s) => [s.month, s.publishedAt]));
  return months.map((month) => {
    const at = byMonth.get(month);
    return { month, published: at !== undefined, publishedAt: at ? at.toISOString() : null };
  });
}

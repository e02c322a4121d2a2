/**
 * The two read sources of indicator questions, and the bound period of a single-period question.
 *
 * The period bounds and asOf are SQL expressions (`PeriodSql`): bound parameters `{from:Date}`, `{to:Date}`,
 * `{asOf:Date}` for a single period, or the array-joined `p_from` / `p_to` columns when MONTH splits the range into
 * calendar months (metrics.sql.ts). Never now(): asOf is always a parameter. The formulas themselves are defined once,
 * in @c12315/store (read-model/indicator-terms.ts), for both sources.
 */
import type { PeriodSql } from '@c12315/store';
import type { Period } from './period';

export type { PeriodSql };

export const PARAM_PERIOD: PeriodSql = { from: '{from:Date}', to: '{to:Date}', asOf: '{asOf:Date}' };

/** MONTH: the calendar months of a question as two bound Date arrays, the first and the last day of each. */
export const PARAM_MONTHS = { from: '{periodFrom:Array(Date)}', to: '{periodTo:Array(Date)}' };

/** The bound values of PARAM_MONTHS. */
export function monthParams(months: readonly Period[]): { periodFrom: string[]; periodTo: string[] } {
  return { periodFrom: months.map((m) => m.from), periodTo: months.map((m) => m.to) };
}

/**
 * Where an indicator query reads: `cases` — one row per case (`cases FINAL`), the reference; `facts` — the read model
 * (`indicator_facts`), whose cost grows with units × days, not with cases.
 */
export type ReadSource = 'cases' | 'facts';

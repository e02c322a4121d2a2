/**
 * One row through the validator, as both paths do it (file-loader.ts for every row, engine/validate.ts for the rows
 * the engine left undecided): a row the contract rejects, or whose due dates the calendar cannot give
 * (calendar-check.ts), goes to the reject file and counts as rejected; a valid row's warnings are counted and its
 * record returned.
 */
import type { CaseRecord } from '@c12315/domain';
import type { RawRow } from '../read/export-types';
import { type ColumnMapping, type RejectFileWriter, validateRow } from '../validate';
import { calendarIssue } from './calendar-check';
import type { LoadCounts } from './load-counts';

/** The row's record, or null when it was rejected (written to `rejects`, counted in `counts.rejected`). */
export function validateOrReject(
  row: RawRow,
  mapping: ColumnMapping,
  loadTime: Date,
  rejects: RejectFileWriter,
  counts: Pick<LoadCounts, 'rejected' | 'warnings'>,
): CaseRecord | null {
  const result = validateRow(row, mapping, { loadTime });
  const calendar = result.ok ? calendarIssue(result.record) : null;
  if (!result.ok) {
    counts.rejected++;
    rejects.add(row.rowNumber, result.caseId, result.issues);
    return null;
  }
  if (calendar) {
    counts.rejected++;
    rejects.add(row.rowNumber, result.record.caseId, [calendar]);
    return null;
  }
  counts.warnings += result.warnings.length;
  return result.record;
}

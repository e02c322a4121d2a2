/**
 * `pnpm etl generate`: writes a synthetic 12315 case export (and optionally a second file holding later versions of
 * some of its cases) in the format of case-export.md. Deterministic for a seed.
 */

import { exportMoments, generateCases } from './generate-cases';
import type { GenerateOptions, GenerateResult } from './generate-options';
import { openRowSink } from './row-sinks';
import { DAY } from './wall-clock';

export async function generateExport(opts: GenerateOptions): Promise<GenerateResult> {
  // Workbook metadata dates come from the range, never from the clock.
  const created = new Date(exportMoments(opts.from, opts.to).main * 1000 - 8 * 3600 * 1000);
  const sinkOptions = { format: opts.format, encoding: opts.encoding, created };
  const main = openRowSink(opts.out, sinkOptions);
  const versions = opts.versionsOut
    ? openRowSink(opts.versionsOut, { ...sinkOptions, created: new Date(created.getTime() + 3 * DAY * 1000) })
    : null;
  const result: GenerateResult = { rows: 0, dirtyRows: 0, warningRows: 0, casesWithLaterVersion: 0 };
  try {
    for (const c of generateCases(opts)) {
      await main.write(c.row);
      result.rows++;
      if (c.defect?.severity === 'reject') result.dirtyRows++;
      else if (c.defect?.severity === 'warning') result.warningRows++;
      if (c.later && versions) {
        await versions.write(c.later);
        result.casesWithLaterVersion++;
      }
      if (opts.onProgress && result.rows % 10_000 === 0) opts.onProgress(result.rows);
    }
  } finally {
    await main.close();
    if (versions) await versions.close();
  }
  opts.onProgress?.(result.rows);
  return result;
}

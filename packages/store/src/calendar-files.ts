import fs from 'node:fs';
import path from 'node:path';
import { parseCalendarYearFile, registerCalendarYear } from '@c12315/domain';
import type { AppConfig } from './config';

/** Where the calendar files are: CALENDAR_DIR, or DATA_DIR/calendar. */
export function calendarDir(config: Pick<AppConfig, 'dataDir'>, env: Record<string, string | undefined> = process.env): string {
  return env.CALENDAR_DIR ? path.resolve(env.CALENDAR_DIR) : path.join(config.dataDir, 'calendar');
}

/**
 * Newly published years of the working-day calendar (indicators.md §1): every `*.json` in DATA_DIR/calendar (or
 * CALENDAR_DIR) is registered at start-up, so a State Council notice becomes a file, not a code change.
 */
export function loadCalendarFiles(dir: string): number[] {
  if (!fs.existsSync(dir)) return [];
  const years: number[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const full = path.join(dir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(full, 'utf8'));
    } catch (error) {
      throw new Error(`calendar file ${full}: not valid JSON (${(error as Error).message})`);
    }
    const year = parseCalendarYearFile(parsed);
    registerCalendarYear(year);
    years.push(year.year);
  }
  return years;
}

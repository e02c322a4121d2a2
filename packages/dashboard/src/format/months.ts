/** Calendar-month helpers for the month pickers and period filters (YYYY-MM, YYYY-MM-DD; no time zones involved). */

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + delta;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export function monthStart(month: string): string {
  return `${month}-01`;
}

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The last complete month: the default of the ranking, hotspots and drill pages. */
export function lastFullMonth(now: Date = new Date()): string {
  return addMonths(todayShanghai(now).slice(0, 7), -1);
}

/** `count` months ending with `last`, oldest first. */
export function monthsEnding(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month as its readers write it: 2026年10月 / Oct 2026. */
export function formatMonth(month: string, lang: 'zh' | 'en' = 'zh'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return lang === 'en' ? `${EN_MONTHS[m - 1]} ${y}` : `${y}年${m}月`;
}

export const isMonth = (s: string | null | undefined): s is string => !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
export const isDate = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

const SHANGHAI_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant from the API (ISO, any offset) as Asia/Shanghai wall-clock `YYYY-MM-DD HH:mm` (the business time zone). */
export function shanghaiMinute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : SHANGHAI_MINUTE.format(date);
}

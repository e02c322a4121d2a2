/**
 * Typed value parsers of case-export.md §Columns. Each takes a non-empty cell (already trimmed when text) and returns
 * the normalised value or a bilingual reason. Cells echo back only short, non-personal values (dates, amounts, codes).
 */
import type { LocalDateTime, Satisfaction } from '@c12315/domain';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reasonZh: string; reasonEn: string };
/** A present cell: text is trimmed and non-empty. */
export type Cell = string | number | boolean | Date;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reasonZh: string, reasonEn: string): Parsed<T> => ({ ok: false, reasonZh, reasonEn });

/** Echo a value in a reason, shortened: values of typed columns only, never personal data. */
export function shown(v: Cell): string {
  const s = v instanceof Date ? v.toISOString() : String(v);
  return `"${s.length > 30 ? `${s.slice(0, 30)}…` : s}"`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A Date's UTC fields as `YYYY-MM-DD HH:mm:ss` (exceljs and our own arithmetic keep wall-clock time in UTC fields). */
export function formatUtcFields(d: Date): LocalDateTime {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`;
}

/** An instant as Asia/Shanghai wall-clock time (UTC+8 all year: no daylight saving since 1991). */
export function toShanghaiLocal(instant: Date): LocalDateTime {
  return formatUtcFields(new Date(instant.getTime() + 8 * 3600_000));
}

// Storable range of ClickHouse DateTime (1970–2106), with a margin: a date outside it is no real case date.
const MIN_YEAR = 1971;
const MAX_YEAR = 2105;

function inRange(ms: number): Parsed<LocalDateTime> {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (Number.isNaN(ms) || y < MIN_YEAR || y > MAX_YEAR) {
    return bad(`日期超出范围（${MIN_YEAR}–${MAX_YEAR} 年）`, `date out of range (${MIN_YEAR}–${MAX_YEAR})`);
  }
  return ok(formatUtcFields(d));
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel 1900 date system serial → wall-clock. Serials from 61 on count from 1899-12-30 (Excel's fictitious
 * 1900-02-29 is serial 60); earlier ones from 1899-12-31. Rounded to the second: serials carry float noise.
 */
export function excelSerialToLocal(serial: number): Parsed<LocalDateTime> {
  if (!Number.isFinite(serial) || serial < 1 || (serial >= 60 && serial < 61)) {
    return bad(`无效的 Excel 日期序列号 ${shown(serial)}`, `invalid Excel date serial ${shown(serial)}`);
  }
  const days = serial < 60 ? serial + 1 : serial;
  return inRange(EXCEL_EPOCH_MS + Math.round(days * 86400) * 1000);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the `n` decimal digits at `at` (NaN when one is not a digit). */
function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Fast path of the common shape: `YYYY-MM-DD HH:mm:ss` naming a real date and time in range is already the
 * normalised value (the general path would rebuild the same text through a Date). Anything else takes that path.
 */
function isCanonicalDateTime(v: string): boolean {
  if (v.length !== 19 || v[4] !== '-' || v[7] !== '-' || v[10] !== ' ' || v[13] !== ':' || v[16] !== ':') return false;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  const s = digits(v, 17, 2);
  if (!(y >= MIN_YEAR && y <= MAX_YEAR && mo >= 1 && mo <= 12 && d >= 1 && h <= 23 && mi <= 59 && s <= 59)) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] as number));
}

const DATE_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Date-time in the shapes of case-export.md §Columns 登记时间: `2024-03-05 14:03:00`, `2024-03-05 14:03`,
 * `2024/3/5 14:03`, `2024-03-05T14:03:00+08:00` (any offset, converted to Shanghai time), an Excel serial (number
 * or numeric text) or a Date cell. A date without a time is refused: it would silently mean midnight.
 */
export function parseDateTime(v: Cell): Parsed<LocalDateTime> {
  if (v instanceof Date) return inRange(Math.round(v.getTime() / 1000) * 1000);
  if (typeof v === 'number') return excelSerialToLocal(v);
  if (typeof v !== 'string') return bad(`无法解析的日期时间 ${shown(v)}`, `unparseable date-time ${shown(v)}`);
  if (isCanonicalDateTime(v)) return ok(v);
  if (/^\d+(\.\d+)?$/.test(v)) return excelSerialToLocal(Number(v));
  const m = DATE_TIME.exec(v);
  if (!m) return bad(`无法解析的日期时间 ${shown(v)}`, `unparseable date-time ${shown(v)}`);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return bad(`不存在的日期或时间 ${shown(v)}`, `no such date or time ${shown(v)}`);
  }
  const zone = m[7];
  if (!zone) return inRange(wall);
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMin = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * (zone[0] === '-' ? -1 : 1);
  }
  // wall - offset = the instant in UTC; + 8 h = Shanghai wall-clock.
  return inRange(wall - offsetMin * 60_000 + 8 * 3600_000);
}

const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
// Decimal(18, 2) in the cases table: at most 16 digits before the point.
const MAX_AMOUNT_DIGITS = 16;

/** Yuan, ≥ 0, up to 2 decimals; `1,234.50` and `￥1234.5` accepted → `'1234.50'`. */
export function parseAmount(v: Cell): Parsed<string> {
  let text: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad(`无法解析的金额 ${shown(v)}`, `unparseable amount ${shown(v)}`);
    if (v < 0) return bad(`金额不能为负 ${shown(v)}`, `amount is negative ${shown(v)}`);
    // A spreadsheet number may carry float noise (0.1 + 0.2): within a micro-cent of whole cents it is that amount.
    const cents = Math.round(v * 100);
    if (Math.abs(v * 100 - cents) > 1e-6) {
      return bad(`金额最多两位小数 ${shown(v)}`, `amount has more than 2 decimals ${shown(v)}`);
    }
    if (cents >= 10 ** (MAX_AMOUNT_DIGITS + 2)) return bad(`金额过大 ${shown(v)}`, `amount too large ${shown(v)}`);
    text = (cents / 100).toFixed(2);
  } else if (typeof v === 'string') {
    text = v.replace(/^[¥￥]\s*/, '');
  } else {
    return bad(`无法解析的金额 ${shown(v)}`, `unparseable amount ${shown(v)}`);
  }
  if (/^-/.test(text)) return bad(`金额不能为负 ${shown(v)}`, `amount is negative ${shown(v)}`);
  const m = AMOUNT.exec(text);
  if (!m) return bad(`无法解析的金额 ${shown(v)}`, `unparseable amount ${shown(v)}`);
  const int = (m[1] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const frac = m[2] ?? '';
  if (frac.length > 2) return bad(`金额最多两位小数 ${shown(v)}`, `amount has more than 2 decimals ${shown(v)}`);
  if (int.length > MAX_AMOUNT_DIGITS) return bad(`金额过大 ${shown(v)}`, `amount too large ${shown(v)}`);
  return ok(`${int}.${frac.padEnd(2, '0')}`);
}

// paused_days is UInt16 in the cases table.
const MAX_WHOLE_DAYS = 65535;

/** Whole days, ≥ 0 (中止天数). */
export function parseWholeDays(v: Cell): Parsed<number> {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n)) return bad(`不是整数 ${shown(v)}`, `not a whole number ${shown(v)}`);
  if (n < 0) return bad(`不能为负 ${shown(v)}`, `is negative ${shown(v)}`);
  if (n > MAX_WHOLE_DAYS) return bad(`数值过大 ${shown(v)}`, `too large ${shown(v)}`);
  return ok(n);
}

/** 是 · 否 (JSON booleans too). */
export function parseYesNo(v: Cell): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  if (v === '是') return ok(true);
  if (v === '否') return ok(false);
  return bad(`只能填“是”或“否” ${shown(v)}`, `must be 是 or 否 ${shown(v)}`);
}

const SATISFACTION_LABELS: readonly Satisfaction[] = ['满意', '基本满意', '不满意', '未回访'];

/** Labels, or a score 1–5 folded: 4–5 满意, 3 基本满意, 1–2 不满意 (case-export.md §Columns 回访结果). */
export function parseSatisfaction(v: Cell): Parsed<Satisfaction> {
  if (typeof v === 'string' && (SATISFACTION_LABELS as readonly string[]).includes(v)) return ok(v as Satisfaction);
  const score = typeof v === 'number' ? v : typeof v === 'string' && /^\d$/.test(v) ? Number(v) : Number.NaN;
  if (score === 4 || score === 5) return ok('满意');
  if (score === 3) return ok('基本满意');
  if (score === 1 || score === 2) return ok('不满意');
  return bad(
    `不在允许值内 ${shown(v)}（满意、基本满意、不满意、未回访或 1–5 分）`,
    `not an allowed value ${shown(v)} (label or score 1–5)`,
  );
}

/** A value from a closed list (categories.ts). */
export function parseEnum<T extends string>(v: Cell, allowed: readonly T[]): Parsed<T> {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return ok(v as T);
  return bad(`不在允许值内 ${shown(v)}`, `not an allowed value ${shown(v)}`);
}

/** Text columns: a number or a boolean cell is read as its text; a Date cell as its wall-clock time. */
export function asText(v: Cell): string {
  return v instanceof Date ? formatUtcFields(v) : String(v);
}

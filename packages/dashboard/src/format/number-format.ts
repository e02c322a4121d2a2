/**
 * Numbers the Chinese way (issue "Dashboard" §Pages): counts ≥ 10,000 in 万 (1.23万), rates as % with 2 decimals,
 * amounts in 元 (万元 from 10,000). English keeps plain grouped digits. Display only: every value comes from the API.
 */
export type Lang = 'zh' | 'en';

const NA = '—';
const WAN = 10_000;

const fixed = (v: number, digits: number) => v.toFixed(digits);
const grouped = (v: number, digits = 0) =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** 9876 → "9876"; 12345 → "1.23万"; English: "12,345". */
export function formatCount(v: number | null | undefined, lang: Lang = 'zh'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return NA;
  if (lang === 'en') return grouped(v);
  if (Math.abs(v) >= WAN) return `${fixed(v / WAN, 2)}万`;
  return String(Math.round(v));
}

/** 97.5 → "97.50%" (the API reports rates as percentages). */
export function formatPercent(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return NA;
  return `${fixed(v, 2)}%`;
}

/** 3456.5 → "3456.50元"; 123456 → "12.35万元"; English: "¥123,456.00". */
export function formatYuan(v: number | null | undefined, lang: Lang = 'zh'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return NA;
  if (lang === 'en') return `¥${grouped(v, 2)}`;
  if (Math.abs(v) >= WAN) return `${fixed(v / WAN, 2)}万元`;
  return `${fixed(v, 2)}元`;
}

export function formatDays(v: number | null | undefined, lang: Lang = 'zh'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return NA;
  return lang === 'en' ? `${fixed(v, 1)} d` : `${fixed(v, 1)}个工作日`;
}

/** Points and scores: 2 decimals, as the API compares them. */
export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return NA;
  return fixed(v, 2);
}

/** A value by the catalogue unit ("%", "count", "yuan", "days"). */
export function formatByUnit(unit: string, v: number | null | undefined, lang: Lang = 'zh'): string {
  switch (unit) {
    case '%':
      return formatPercent(v);
    case 'yuan':
      return formatYuan(v, lang);
    case 'days':
      return formatDays(v, lang);
    default:
      return formatCount(v, lang);
  }
}

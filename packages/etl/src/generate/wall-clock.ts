/**
 * Asia/Shanghai wall-clock arithmetic without time zones: a timestamp is whole seconds since 1970-01-01 00:00 local
 * time, handled with the UTC functions of Date so no host zone can shift it.
 */
import type { IsoDate } from '@c12315/domain';

export const DAY = 86_400;

export function parseMonth(ym: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) throw new Error(`expected YYYY-MM, got ${ym}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`bad month in ${ym}`);
  return { year, month };
}

/** Day number of the first day of a month. */
export function monthStartDay(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) / 1000 / DAY;
}

/** [first day, last day] of the registration range (from-month start to to-month end). */
export function rangeDays(from: string, to: string): { first: number; last: number } {
  const f = parseMonth(from);
  const t = parseMonth(to);
  const first = monthStartDay(f.year, f.month);
  const last = monthStartDay(t.year, t.month + 1) - 1;
  if (last < first) throw new Error(`empty range ${from}..${to}`);
  return { first, last };
}

const isoCache = new Map<number, IsoDate>();

export function isoOfDay(day: number): IsoDate {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

export function dayOfIso(iso: IsoDate): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 1000 / DAY;
}

export function dayOf(ts: number): number {
  return Math.floor(ts / DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (day + 4) % 7;
}

/** `YYYY-MM` of a day. */
export function monthKeyOfDay(day: number): string {
  return isoOfDay(day).slice(0, 7);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export interface WallParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

export function partsOf(ts: number): WallParts {
  const day = Math.floor(ts / DAY);
  const iso = isoOfDay(day);
  const sec = ts - day * DAY;
  return {
    y: Number(iso.slice(0, 4)),
    mo: Number(iso.slice(5, 7)),
    d: Number(iso.slice(8, 10)),
    h: Math.floor(sec / 3600),
    mi: Math.floor((sec % 3600) / 60),
    s: sec % 60,
  };
}

/** `YYYY-MM-DD HH:mm:ss`, the platform's usual print. */
export function formatTs(ts: number): string {
  const day = Math.floor(ts / DAY);
  const sec = ts - day * DAY;
  return `${isoOfDay(day)} ${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor((sec % 3600) / 60))}:${pad2(sec % 60)}`;
}

/** The other shapes the contract accepts (case-export.md §Columns, 登记时间). */
export function formatTsVariant(ts: number, variant: number): string {
  const p = partsOf(ts);
  switch (variant % 3) {
    case 0:
      return `${p.y}-${pad2(p.mo)}-${pad2(p.d)} ${pad2(p.h)}:${pad2(p.mi)}`;
    case 1:
      return `${p.y}/${p.mo}/${p.d} ${pad2(p.h)}:${pad2(p.mi)}`;
    default:
      return `${p.y}-${pad2(p.mo)}-${pad2(p.d)}T${pad2(p.h)}:${pad2(p.mi)}:${pad2(p.s)}+08:00`;
  }
}

/** Lunar new year's day (春节), for the Spring Festival dip and the busy weeks around it. */
export const SPRING_FESTIVAL: Readonly<Record<number, IsoDate>> = {
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
};

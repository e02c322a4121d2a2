/**
 * The 发文字号 of a 通报 (GB/T 9704-2012 §7.2.4: 发文机关代字 + 〔年份〕 + 发文顺序号), configured per issuing bureau in
 * the metadata store (NoticeConfig) beside the ranking configuration. Default: the province's abbreviation + 市监
 * (甘市监, 晋市监), numbers from 1 each year. A published month's notice takes the next number of its year when it is
 * frozen (notice-content.service.ts); a draft shows the number it would take.
 */
import { findRegion, provinceAbbreviation } from '@c12315/domain';
import { NoticeConfig, NoticeIssue } from '@c12315/store';
import type { EntityManager } from '@mikro-orm/core';

export interface NoticeNumbering {
  docPrefix: string;
  firstNumber: number;
}

/** 甘市监 for a province; a city issuing its county notice: its name without 市/地区/州/盟 + 市监 (e.g. 太原市监). */
export function defaultDocPrefix(issuerCode: string): string {
  const region = findRegion(issuerCode);
  if (region?.level === 'CITY') return `${region.name.replace(/(市|地区|自治州|盟)$/, '')}市监`;
  return `${provinceAbbreviation(issuerCode) ?? ''}市监`;
}

export async function noticeNumbering(em: EntityManager, issuerCode: string): Promise<NoticeNumbering> {
  const row = await em.fork().findOne(NoticeConfig, { issuerCode });
  return row
    ? { docPrefix: row.docPrefix, firstNumber: row.firstNumber }
    : { docPrefix: defaultDocPrefix(issuerCode), firstNumber: 1 };
}

/** The next running number of `year` for the issuer: the first number plus the notices already frozen that year. */
export async function nextNoticeNumber(
  em: EntityManager,
  issuerCode: string,
  year: number,
  firstNumber: number,
): Promise<number> {
  const issued = await em.fork().count(NoticeIssue, { issuerCode, year });
  return firstNumber + issued;
}

/** 甘市监〔2026〕12号 (the year in 六角括号 〔〕, no leading zeros: GB/T 9704-2012 §7.2.4). */
export function docNumber(prefix: string, year: number, number: number): string {
  return `${prefix}〔${year}〕${number}号`;
}

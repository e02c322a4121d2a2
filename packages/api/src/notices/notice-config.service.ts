/**
 * The 发文字号 of a 通报 (GB/T 9704-2012 §7.2.4: 发文机关代字 + 〔年份〕 + 发文顺序号), configured per issuing bureau in
 * the metadata store (NoticeConfig) beside the ranking configuration. Default: the province's abbreviation + 市监
 * (甘市监, 晋市监), numbers from 1 each year. A published month's notice takes the next number of its year when it is
 * frozen (notice-content.service.ts); a draft shows the number it would take.
 */
import { findRegion, provinceAbbreviation } from '@c12315/domain';
import { NoticeConfig, NoticeIssue, newAuditEntry } from '@c12315/store';
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

/** A bad numbering value, named by its CLI flag, in Chinese and English. */
export class NoticeConfigError extends Error {
  constructor(
    readonly flag: string,
    reasonZh: string,
    reasonEn: string,
  ) {
    super(`${flag}: ${reasonZh} / ${reasonEn}`);
  }
}

/** An issuer is a province or a city (a city issues its county notice). */
export function assertIssuerCode(issuerCode: string): void {
  const level = /^\d{6}$/.test(issuerCode) ? findRegion(issuerCode)?.level : undefined;
  if (level !== 'PROVINCE' && level !== 'CITY')
    throw new NoticeConfigError('--region', `不是省或市的区划代码：${issuerCode}`, `not a province or city code: ${issuerCode}`);
}

/**
 * Set an issuer's prefix and/or first number (`pnpm api notice-config`), recorded in the audit log in the same flush.
 * Notices already frozen keep their numbers.
 */
export async function saveNoticeNumbering(
  em: EntityManager,
  issuerCode: string,
  change: { docPrefix?: string; firstNumber?: number },
  actor: string,
): Promise<NoticeNumbering> {
  assertIssuerCode(issuerCode);
  if (change.docPrefix !== undefined && !/^[\p{Script=Han}A-Za-z0-9]{1,16}$/u.test(change.docPrefix))
    throw new NoticeConfigError(
      '--prefix',
      '发文机关代字应为1–16个汉字、字母或数字',
      'the prefix must be 1–16 Chinese characters, letters or digits',
    );
  if (
    change.firstNumber !== undefined &&
    !(Number.isSafeInteger(change.firstNumber) && change.firstNumber >= 1 && change.firstNumber <= 99_999)
  )
    throw new NoticeConfigError(
      '--first-number',
      '起始序号应为1–99999的整数',
      'the first number must be a whole number from 1 to 99999',
    );
  const fork = em.fork();
  const current = await noticeNumbering(fork, issuerCode);
  const next = { docPrefix: change.docPrefix ?? current.docPrefix, firstNumber: change.firstNumber ?? current.firstNumber };
  const row =
    (await fork.findOne(NoticeConfig, { issuerCode })) ??
    fork.create(NoticeConfig, { issuerCode, ...next, updatedAt: new Date(), updatedBy: actor });
  Object.assign(row, next, { updatedAt: new Date(), updatedBy: actor });
  fork.persist(
    newAuditEntry({
      action: 'NOTICE_CONFIG_CHANGED',
      actor,
      regionCode: issuerCode.slice(0, 6),
      target: issuerCode,
      params: { docPrefix: next.docPrefix, firstNumber: next.firstNumber },
    }),
  );
  await fork.persistAndFlush(row);
  return next;
}

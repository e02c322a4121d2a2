import { EntitySchema } from '@mikro-orm/core';

/**
 * The 通报's numbering (issue 14 §1): the 发文字号 prefix of an issuing bureau (a province's, or a city's for its county
 * notice), e.g. 甘市监 in 甘市监〔2026〕12号, and the running number its first notice of a year takes. One row per
 * issuing region; no row: the default (the province's abbreviation + 市监, numbers from 1).
 */
export class NoticeConfig {
  id!: number;
  issuerCode!: string;
  docPrefix!: string;
  /** The number of the first notice issued in a year (a bureau whose other documents share the series starts later). */
  firstNumber = 1;
  updatedAt: Date = new Date();
  updatedBy!: string;
}

export const NoticeConfigSchema = new EntitySchema<NoticeConfig>({
  class: NoticeConfig,
  tableName: 'notice_config',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    issuerCode: { type: 'string', length: 9, unique: true },
    docPrefix: { type: 'string', length: 32 },
    firstNumber: { type: 'integer' },
    updatedAt: { type: 'datetime' },
    updatedBy: { type: 'string', length: 128 },
  },
});

/**
 * A published month's 通报, frozen at publication (in the ranking snapshot's flush; a month published before that was
 * so: the first time it is built): its running number and its whole content (the ranking snapshot's figures plus the
 * comparisons and hotspots read beside it), so the document a bureau received is the same text whatever is loaded
 * later. One per (issuer, month); numbers unique per (issuer, year).
 */
export class NoticeIssue {
  id!: number;
  issuerCode!: string;
  month!: string;
  /** The year in the 发文字号 (the year of 成文日期). */
  year!: number;
  number!: number;
  content!: unknown;
  frozenAt: Date = new Date();
}

export const NoticeIssueSchema = new EntitySchema<NoticeIssue>({
  class: NoticeIssue,
  tableName: 'notice_issue',
  uniques: [{ properties: ['issuerCode', 'month'] }, { properties: ['issuerCode', 'year', 'number'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    issuerCode: { type: 'string', length: 9 },
    month: { type: 'string', length: 7 },
    year: { type: 'integer' },
    number: { type: 'integer' },
    content: { type: 'json' },
    frozenAt: { type: 'datetime' },
  },
});

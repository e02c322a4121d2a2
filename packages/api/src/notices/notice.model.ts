/**
 * The 通报's content (issue 14 §1), the one model the PDF (notice-html.ts) and the .docx (notice-docx.ts) are both
 * written from. Plain JSON: a published month's content is stored as it is (NoticeIssue) and read back unchanged.
 */

/** One indicator of a unit, as the ranking service returned it (value, numerator, denominator, points). */
export interface NoticeValue {
  indicatorId: string;
  nameZh: string;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  points: number | null;
}

export interface NoticeMovement {
  indicatorId: string;
  nameZh: string;
  pointsDelta: number;
}

/** A ranked unit (a city of the province, or a county of the city) as the ranking and its snapshot give it. */
export interface NoticeUnit {
  code: string;
  name: string;
  /** Its bureau: name + 市场监督管理局. */
  bureau: string;
  rank: number | null;
  previousRank: number | null;
  score: number | null;
  values: NoticeValue[];
  /** overdue_open of the ranking: cases overdue as of min(asOf, month end + 1). */
  overdue: number;
  movement: NoticeMovement[];
}

export interface NoticeSection {
  /** 一、总体情况 …; null for the opening paragraph. */
  heading: string | null;
  paragraphs: string[];
}

/** A scored indicator with the configuration version's weight and target (the columns of attachment 1). */
export interface NoticeScoredIndicator {
  id: string;
  nameZh: string;
  weight: number;
  target: number;
}

export interface NoticeContent {
  month: string;
  parentCode: string;
  /** The level ranked: CITY (a province's notice) or COUNTY (a city's, or a 直辖市's). */
  unitLevel: string;
  /** true: built from the month's published ranking snapshot and frozen; false: a draft from today's data. */
  published: boolean;
  asOf: string;
  configVersion: number;
  /** 发文机关: 甘肃省市场监督管理局. */
  issuer: string;
  /** 发文字号: 甘市监〔2026〕12号. */
  docNumber: string;
  title: string;
  /** 主送机关, each a bureau's full name. */
  recipients: string[];
  sections: NoticeSection[];
  /** 附件 titles, in order (1. the ranking table, 2. each unit's indicator table). */
  attachments: string[];
  /** 成文日期 written 2026年7月5日 (GB/T 9704-2012 §7.3.5.1: Arabic numerals). */
  date: string;
  scoredIndicators: NoticeScoredIndicator[];
  units: NoticeUnit[];
}

/** The province document plus one unit's own page (the per-city variant). */
export interface NoticeDocument {
  content: NoticeContent;
  /** A ranked unit's code: its page follows the attachments. */
  unitCode?: string;
}

/** A reason a row is rejected or warned about: the column by its Chinese header, the reason in Chinese and English. */
export interface Issue {
  column: string;
  reasonZh: string;
  reasonEn: string;
}

/** The column named when the whole row could not be read. */
export const WHOLE_ROW = '整行';

/**
 * Header matching rule of case-export.md §Files: NFKC + trim (`（` = `(`, `　` = space), English keys case-insensitive.
 * The readers need it to find the header row (the first row whose cells include 登记编号).
 */

export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').trim();
}

/** Is this header cell the case id column, the marker of the header row? */
export function isCaseIdHeader(text: string): boolean {
  const h = normaliseHeader(text);
  return h === '登记编号' || h.toLowerCase() === 'case_id';
}

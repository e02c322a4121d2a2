/**
 * 统一社会信用代码 check (GB 32100-2015). case-export.md §Columns: a respondent_uscc that fails is nulled with a
 * warning. Only the GB 32100 check digit (18th character) is verified, as the contract asks; the embedded GB 11714
 * organization code check is not applied, so a code is never rejected for a rule the contract does not name.
 */

/** The 31 characters of GB 32100 (no I, O, S, V, Z), each worth its index. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUW-Y]{18}$/;

/** Check character for the first 17 characters: 31 − (Σ value × weight mod 31), with 31 written as 0. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += CHARSET.indexOf(first17.charAt(i)) * weight;
  });
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** 18 characters of the GB 32100 set, uppercase only, with a matching check character. */
export function isValidUscc(code: string): boolean {
  return SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

/**
 * 统一社会信用代码 check (GB 32100-2015). case-export.md §Columns: a respondent_uscc that fails is nulled with a
 * warning. Only the GB 32100 check digit (18th character) is verified, as the contract asks; the embedded GB 11714
 * organization code check is not applied, so a code is never rejected for a rule the contract does not name.
 */

/** The 31 characters of GB 32100 (no I, O, S, V, Z), each worth its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** The weights of the first 17 positions. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** 18 characters of the set (the same pattern in JavaScript and in the engine's `match`). */
export const USCC_SHAPE = '^[0-9A-HJ-NPQRTUW-Y]{18}$';
const SHAPE = new RegExp(USCC_SHAPE);

/** Check character for the first 17 characters: 31 − (Σ value × weight mod 31), with 31 written as 0. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  USCC_WEIGHTS.forEach((weight, i) => {
    sum += USCC_CHARSET.indexOf(first17.charAt(i)) * weight;
  });
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** 18 characters of the GB 32100 set, uppercase only, with a matching check character. */
export function isValidUscc(code: string): boolean {
  return SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

import { USCC_CHARSET, usccCheckChar } from '@c12315/domain';

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) for fake operators. The 9-character body at positions
 * 9–17 is an organisation code whose own check character follows GB 11714; the 18th character is the GB 32100 check.
 */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-digit organisation code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body8[i]) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A valid code: `91` = registered by market regulation, a company; `92` = 个体工商户. `serial` is the 8-digit
 * organisation-code body, so branches of one chain can share a prefix of it.
 */
export function makeUscc(kind: '91' | '92', regionCode: string, serial: number): string {
  const body8 = String(serial % 100_000_000).padStart(8, '0');
  const first17 = `${kind}${regionCode}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

/** Same code with a wrong check character (dirty data: the ETL keeps the row and warns). */
export function corruptUscc(uscc: string): string {
  const last = uscc[17] ?? '0';
  const i = USCC_CHARSET.indexOf(last);
  return uscc.slice(0, 17) + USCC_CHARSET[(i + 7) % 31];
}

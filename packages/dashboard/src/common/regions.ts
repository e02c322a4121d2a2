/**
 * Region levels from the code's shape (GB/T 2260 six digits; a station is 9 digits, case-export.md rule 5): used for
 * navigation only (which level to group by next), never for scoping, which the API does.
 */
export type DrillLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'STATION';

export function levelOfCode(code: string): DrillLevel {
  if (/^\d{9}$/.test(code)) return 'STATION';
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

export function cityOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/** The chain from the province down to `code` (inclusive). */
export function ancestry(code: string): string[] {
  const level = levelOfCode(code);
  const chain = [provinceOf(code)];
  if (level === 'PROVINCE') return chain;
  chain.push(cityOf(code));
  if (level === 'CITY') return chain;
  chain.push(code.slice(0, 6));
  if (level === 'COUNTY') return chain;
  chain.push(code);
  return chain;
}

export const NEXT_LEVEL: Record<DrillLevel, DrillLevel | null> = {
  PROVINCE: 'CITY',
  CITY: 'COUNTY',
  COUNTY: 'STATION',
  STATION: null,
};

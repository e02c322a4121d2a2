import { findRegion } from '@c12315/domain';
import { badUserInput } from '../common/errors';

/** A known 6-digit region (reference data) or a 9-digit station under a known county (case-export.md rule 5). */
export function validateRegionCode(code: string, argument: string): void {
  const known = /^\d{6}$/.test(code)
    ? findRegion(code) !== undefined
    : /^\d{9}$/.test(code) && findRegion(code.slice(0, 6))?.level === 'COUNTY';
  if (!known) throw badUserInput(argument, `unknown region code ${JSON.stringify(code)}`);
}

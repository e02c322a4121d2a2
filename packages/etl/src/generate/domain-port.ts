/**
 * The parts of @c12315/domain the generator uses, in one place (reference regions, working-day calendar, due dates).
 */

export type { DueDateInput } from '@c12315/domain';
export {
  addWorkdays,
  computeDueDates,
  findRegion,
  isKnownHandlingUnitCode,
  isMunicipality,
  regionsUnder,
  rollToWorkday,
} from '@c12315/domain';

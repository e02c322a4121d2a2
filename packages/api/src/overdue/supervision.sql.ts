/**
 * The handling unit of one case (current version, `cases FINAL`), to check a supervisor's scope before recording a
 * supervision. Grain: at most one row; a deleted (tombstoned) case is not found.
 */
export const CASE_UNIT_SQL = `
SELECT handling_unit_code
FROM cases FINAL
WHERE case_id = {caseId:String}
LIMIT 1`;

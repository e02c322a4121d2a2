/**
 * The case sets and counts of the food-safety hotspots and the operator tables (indicators.md §6), defined once for
 * the case-table statements (the reference, api hotspots/*.sql.ts) and the read model's build (hotspot_facts,
 * operator_facts: infra/clickhouse/0004_operator_facts.sql).
 */
import { MEDIATION_TERMINATED_OUTCOMES } from '@c12315/domain';
import { factPositions } from './fact-position';

/** The cases whose counts rise (§6 hotspots and the 消费预警 built on its spike rule): complaints and reports. */
export const RISE_CASES = `kind IN ('COMPLAINT', 'REPORT')`;
/** §6 hotspots: complaints and reports that are food-related. */
export const HOTSPOT_CASES = `${RISE_CASES} AND food_related`;
/** Every operator table's cases are complaints with an operator. */
const OPERATOR_COMPLAINT = `kind = 'COMPLAINT' AND operator_key != ''`;
/** §6 red/black list: accepted complaints with an operator. */
export const ACCEPTED_OPERATOR_COMPLAINT = `${OPERATOR_COMPLAINT} AND acceptance = '受理'`;
/** §6 disclosure table: complaints with 是否公示 = 是 and an operator. */
export const DISCLOSED_OPERATOR_COMPLAINT = `${OPERATOR_COMPLAINT} AND ifNull(disclosed, 0)`;
/** §4 mediation_success_rate's numerator and denominator on one case. */
export const MEDIATION_SUCCESS = `ifNull(outcome = '调解成功', 0)`;
export const MEDIATED = `(ifNull(outcome = '调解成功', 0) OR has({terminatedOutcomes:Array(String)}, ifNull(outcome, '')))`;
export const TERMINATED_OUTCOMES_PARAM = { terminatedOutcomes: [...MEDIATION_TERMINATED_OUTCOMES] };

/** The operator named by its USCC in some case of the group. */
export const BY_USCC = `max(ifNull(respondent_uscc, '') = operator_key)`;
/**
 * The respondent name of the group's latest registration (ties: the greater name): LATEST_NAME over cases. The read
 * model keeps it as two plain columns per group (infra/clickhouse/0006_latest_name_columns.sql): `latest_at`, the
 * group's latest registration with a name, and `latest_name`, LATEST_NAME's value (NULL when no case has a name).
 * LATEST_NAME_MERGED reads them back over groups: the greatest (registered_at, name) of a union of groups is the
 * greatest of the groups' greatest, so it equals LATEST_NAME over all their cases.
 */
const NAMED = 'respondent_name IS NOT NULL';
export const LATEST_NAME = `ifNull(argMaxIf(respondent_name, (registered_at, respondent_name), ${NAMED}), '')`;
/**
 * The build's (registered_at, name) pair as one String that sorts as the pair does: the registration's Unix seconds
 * as 8 hex digits (fixed width: upper-case hex sorts as the numbers do), then the name's bytes (compared as the tuple
 * compares a String). The greatest key is the greatest pair, and its name the name argMaxIf above gives: the same
 * value, at about a fifth of the operator build's time (one String max instead of a tuple comparison per case).
 */
const LATEST_KEY = `concat(leftPad(hex(toUInt32(registered_at)), 8, '0'), assumeNotNull(respondent_name))`;
const LATEST_NAME_COLUMNS = `maxIf(registered_at, ${NAMED}), if(countIf(${NAMED}) = 0, NULL, substring(maxIf(${LATEST_KEY}, ${NAMED}), 9))`;
export const LATEST_NAME_MERGED = `ifNull(argMaxIf(latest_name, (latest_at, latest_name), latest_name IS NOT NULL), '')`;

const UNITS = 'province_code, city_code, county_code, station_code';

/** Which registration months a build reads (`filter`, over `cases`) and a case's month (`month`): read-model-build.ts. */
export interface BuildMonths {
  month: string;
  filter: string;
}

export function hotspotBuildSql(target: string, months: BuildMonths): string {
  return `INSERT INTO ${target} (reg_month, ${UNITS}, operator_key, industry_division, n, by_uscc, latest_at, latest_name)
SELECT ${months.month} AS reg_month, ${UNITS}, operator_key, industry_division, count(), ${BY_USCC}, ${LATEST_NAME_COLUMNS}
FROM cases FINAL
WHERE ${months.filter} AND ${HOTSPOT_CASES}
GROUP BY reg_month, ${UNITS}, operator_key, industry_division`;
}

/**
 * operator_facts' facts: ACCEPTED_CLOSED (d = closing date) for the red/black list; DISCLOSED_REG (d = registration
 * date) and DISCLOSED_CLOSED (d = closing date; success and mediated of the accepted ones) for the disclosure table.
 * A fact travels as its position in OPERATOR_FACTS (UInt8, cheaper to group than its name) and is named on the grouped
 * rows.
 */
const OPERATOR_FACTS = ['ACCEPTED_CLOSED', 'DISCLOSED_REG', 'DISCLOSED_CLOSED'] as const;
export function operatorBuildSql(target: string, months: BuildMonths): string {
  const closed = 'toDate(closed_at)';
  const { position: fact, name } = factPositions(OPERATOR_FACTS);
  const facts = [
    `tuple(${fact('ACCEPTED_CLOSED')}, ${closed}, ${MEDIATION_SUCCESS}, ${MEDIATED}, ${ACCEPTED_OPERATOR_COMPLAINT} AND closed_at IS NOT NULL)`,
    `tuple(${fact('DISCLOSED_REG')}, registered_date, 0, 0, ${DISCLOSED_OPERATOR_COMPLAINT})`,
    `tuple(${fact('DISCLOSED_CLOSED')}, ${closed}, acceptance = '受理' AND ${MEDIATION_SUCCESS}, acceptance = '受理' AND ${MEDIATED},
      ${DISCLOSED_OPERATOR_COMPLAINT} AND closed_at IS NOT NULL)`,
  ];
  return `INSERT INTO ${target} (reg_month, ${UNITS}, operator_key, fact, d, n, success, mediated, by_uscc, latest_at, latest_name)
SELECT ${months.month} AS reg_month, ${UNITS}, operator_key, ${name('f.1')} AS fact, assumeNotNull(f.2) AS d, count(), sum(ifNull(f.3, 0)),
  sum(ifNull(f.4, 0)), ${BY_USCC}, ${LATEST_NAME_COLUMNS}
FROM cases FINAL
ARRAY JOIN arrayFilter(x -> ifNull(x.5, 0), [${facts.join(',\n    ')}]) AS f
WHERE ${months.filter} AND ${OPERATOR_COMPLAINT}
GROUP BY reg_month, ${UNITS}, operator_key, f.1, f.2`;
}

/**
 * GraphQL types shared by several features (contract: ../shared/contract/schema.graphql). Feature-specific types live
 * in their feature folder (`ranking/ranking.type.ts`, …).
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { badUserInput } from './errors';

export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  STATION = 'STATION',
}
export enum CaseKindEnum {
  COMPLAINT = 'COMPLAINT',
  REPORT = 'REPORT',
  CONSULTATION = 'CONSULTATION',
  SUGGESTION = 'SUGGESTION',
}
export enum Dimension {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  STATION = 'STATION',
  MONTH = 'MONTH',
  KIND = 'KIND',
  CHANNEL = 'CHANNEL',
  INDUSTRY = 'INDUSTRY',
  OBJECT_CATEGORY = 'OBJECT_CATEGORY',
  PROBLEM_CATEGORY = 'PROBLEM_CATEGORY',
  FOOD_RELATED = 'FOOD_RELATED',
}
export enum Role {
  PROVINCE_ADMIN = 'PROVINCE_ADMIN',
  CITY_CHIEF = 'CITY_CHIEF',
  SUPERVISOR = 'SUPERVISOR',
  FOOD_SAFETY = 'FOOD_SAFETY',
  ANALYST = 'ANALYST',
  /** The command-centre wall display (issue 15): reads `me` and `screen`, nothing else (auth/screen-role.ts). */
  SCREEN = 'SCREEN',
}
registerEnumType(RegionLevel, { name: 'RegionLevel' });
registerEnumType(CaseKindEnum, { name: 'CaseKind' });
registerEnumType(Dimension, { name: 'Dimension' });
registerEnumType(Role, { name: 'Role' });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `value` a real calendar date written `YYYY-MM-DD`? */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/**
 * The dates a question may name: the engine's Date range (1970-01-01 … 2149-06-06) without its two ends. Outside it
 * the engine saturates a bound date silently, and at its ends the statements' day before asOf or day after a period
 * wraps around (1970-01-01 − 1 is 2149-06-06): either would answer a different question than the one asked.
 */
export const QUESTION_DATES = { first: '1970-01-02', last: '2149-06-05' } as const;

/** Is `value` a date written `YYYY-MM-DD` that a question may name (QUESTION_DATES)? */
export function isQuestionDate(value: string): boolean {
  return isIsoDate(value) && value >= QUESTION_DATES.first && value <= QUESTION_DATES.last;
}

/** The reason a question's date argument is refused (BAD_USER_INPUT's message). */
export function questionDateError(value: unknown): string {
  return `expected a date written YYYY-MM-DD from ${QUESTION_DATES.first} to ${QUESTION_DATES.last}, got ${JSON.stringify(value)}`;
}

/** A Date argument: a question's date (QUESTION_DATES). */
function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isQuestionDate(value)) throw badUserInput('Date', questionDateError(value));
  return value;
}

/** A Date in an answer: any real calendar date. */
function serializeDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badUserInput('Date', `expected a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** `Date`: ISO date YYYY-MM-DD, Asia/Shanghai; kept as a string end to end (no time-zone drift). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'ISO date YYYY-MM-DD, Asia/Shanghai',
  serialize: (value) => serializeDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('Date', 'expected a string YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

/**
 * The types repeated for every row of an answer (a county × month table holds ~10 k of their fields) are plain data,
 * resolved by graphql's default resolver (`simpleResolvers`: no type-graphql wrapper per field): ~12 % less CPU for a
 * cached county × month table, measured in the api process.
 */
@ObjectType({ simpleResolvers: true })
export class Region {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => RegionLevel) level!: RegionLevel;
  @Field(() => String, { nullable: true }) parentCode!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class IndicatorValue {
  @Field(() => ID) indicatorId!: string;
  @Field(() => Float, { nullable: true, description: 'null when the denominator is 0' }) value!: number | null;
  @Field(() => Float, { nullable: true }) numerator!: number | null;
  @Field(() => Float, { nullable: true }) denominator!: number | null;
  @Field(() => Float, { nullable: true, description: 'ranking points, null when not scored' }) points!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class GroupKey {
  @Field(() => Dimension) dimension!: Dimension;
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
}

@ObjectType({ simpleResolvers: true })
export class MetricRow {
  @Field(() => [GroupKey]) keys!: GroupKey[];
  @Field(() => [IndicatorValue]) values!: IndicatorValue[];
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@InputType()
export class CaseFilter {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => String, { nullable: true, description: 'province, city, county or station code; default: the user’s own region' })
  regionCode?: string | null;
  @Field(() => [CaseKindEnum], { nullable: true }) kinds?: CaseKindEnum[] | null;
  @Field(() => [String], { nullable: true }) channels?: string[] | null;
  @Field(() => [String], { nullable: true }) industryCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'path prefixes, e.g. "商品-食品"' }) objectCategories?: string[] | null;
  @Field(() => [String], { nullable: true }) problemCategories?: string[] | null;
  @Field(() => Boolean, { nullable: true }) foodRelated?: boolean | null;
}

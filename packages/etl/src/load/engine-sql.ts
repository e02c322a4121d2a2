/**
 * The SQL of the engine-side load (engine/): the engine (embedded, or a server's: engine/input.ts) parses an export and
 * does, for the rows it can decide alone, what validate-row.ts + case-row.ts do row by row in JavaScript.
 *
 * Two layers, both over the same column names:
 * 1. `v_<column>`: each source cell in its canonical text (the value validate-row.ts would produce) or NULL, and
 *    `fast_ok` = the engine is *sure* the row is valid with no warning. It is deliberately narrow, in two tiers
 *    (CanonicalTier): the pass over every row takes only the common shapes; the rows it leaves get a second pass
 *    with the other date-time and amount shapes. A row in any other shape (an Excel serial, a value with outer white
 *    space in a free-text column, an invalid USCC that would be a warning, a column of another kind …) is not decided
 *    here — its cells go to the JavaScript validator, which writes the reject with its reason, or returns the record,
 *    whose canonical values come back through the same layer 2 (`slowCanonicalSql`). So every reject and warning text
 *    still comes from one place.
 * 2. The `cases` columns derived from the canonical values: hierarchy, food flag, operator key, rule set and due
 *    dates (the working-day ordinal table and the deadline rule table of packages/domain passed in as data), handling
 *    working days, the content hash of case-row.ts (same canonical JSON, same digest).
 *
 * engine-sql.int.test.ts compares the engine's date-times, amounts and USCC checks with the validator's parsers on
 * generated cells; engine-load.int.test.ts loads generated files (every dirty-row kind) both ways and requires
 * identical stores and reject files, so a divergence of either layer from the JavaScript rules fails there.
 */
import {
  ACCEPTANCES,
  allRegions,
  CASE_KIND_ZH,
  CASE_KINDS,
  CASE_STATUSES,
  CATERING_SERVICE,
  type CaseRecord,
  CHANNELS,
  DEFAULT_RULE_TABLE,
  type DeadlineRule,
  ENTITY_TYPES,
  FOOD_OBJECT_L2,
  FOOD_PROBLEM_CATEGORIES,
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  OBJECT_CATEGORY_L2,
  OUTCOMES_BY_KIND,
  PROBLEM_CATEGORIES_BY_KIND,
  REJECTION_REASONS,
  SATISFACTIONS,
  USCC_CHARSET,
  USCC_SHAPE,
  USCC_WEIGHTS,
  workdayOrdinalTable,
} from '@c12315/domain';
import { currentReadLimits } from '../read/read-limits';
import { COLUMNS, type ColumnMapping } from '../validate';
import { COLUMN_BY_FIELD, type ColumnSpec } from '../validate/column-catalogue';
import {
  ALL_TIMES as ALL_TIME_FIELDS,
  COMPLAINT_ONLY as COMPLAINT_ONLY_FIELDS,
  REPORT_ONLY as REPORT_ONLY_FIELDS,
  STAGE_TIMES as STAGE_TIME_FIELDS,
} from '../validate/consistency-rules';
import { toShanghaiLocal } from '../validate/value-parsers';

/** The canonical columns, in CaseRecord order: the `en` keys of the export, which are also the `cases` names. */
export const CANONICAL = COLUMNS.map((c) => c.en);

/** White space as JavaScript's String.prototype.trim sees it (validate-row.ts trims every cell with it). */
const JS_WHITE_SPACE =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** Joins the mapped cells of a row for one regular-expression check (DEL: no JSON escape, no white space). */
const SEP = '\u007f';

const FULL_WIDTH = Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
const HALF_WIDTH = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');

/** Query parameters shared by every statement of a load (reference data, rule and calendar tables, the clock). */
export function engineLoadParams(loadTime: Date, loadId: string): Record<string, unknown> {
  const params: Record<string, unknown> = {
    load_id: loadId,
    max_cell_chars: currentReadLimits().maxCellChars,
    future_limit: toShanghaiLocal(new Date(loadTime.getTime() + 24 * 3600_000)),
    re_escape_or_space: `["\\\\\\x00-\\x1f]|[${JS_WHITE_SPACE}]${SEP}|${SEP}[${JS_WHITE_SPACE}]`,
    re_not_space: `[^${JS_WHITE_SPACE}]`,
    kind_zh: CASE_KINDS.map((k) => CASE_KIND_ZH[k]),
    kind_en: [...CASE_KINDS],
    channels: [...CHANNELS],
    entity_types: [...ENTITY_TYPES],
    acceptances: [...ACCEPTANCES],
    rejection_reasons: [...REJECTION_REASONS],
    statuses: [...CASE_STATUSES],
    satisfactions: [...SATISFACTIONS],
    divisions: INDUSTRY_DIVISIONS.map((d) => d.code),
    division_sections: INDUSTRY_DIVISIONS.map((d) => d.section),
    sections: INDUSTRY_SECTIONS.map((s) => s.code),
    object_l1l2: (['商品', '服务'] as const).flatMap((l1) => OBJECT_CATEGORY_L2[l1].map((l2) => `${l1}-${l2}`)),
    food_problems: [...FOOD_PROBLEM_CATEGORIES],
    food_l2: [...FOOD_OBJECT_L2],
    catering: CATERING_SERVICE,
    full_width: FULL_WIDTH,
    half_width: HALF_WIDTH,
    uscc_charset: USCC_CHARSET,
  };
  for (const kind of CASE_KINDS) {
    params[`problems_${kind}`] = [...PROBLEM_CATEGORIES_BY_KIND[kind]];
    params[`outcomes_${kind}`] = [...OUTCOMES_BY_KIND[kind]];
  }
  DEFAULT_RULE_TABLE.forEach((rule, i) => {
    params[`rule_from_${i}`] = rule.effectiveFrom;
  });
  // provisionalFromYear of working-day-calendar.ts: a date after the last published year makes the row provisional.
  const { lastPublishedDate } = workdayOrdinalTable();
  params.published_end = lastPublishedDate;
  params.provisional_from = Number(lastPublishedDate.slice(0, 4)) + 1;
  return params;
}

/**
 * The large reference data as small tables of the load (a few thousand rows each): as query parameters they were
 * copied into every statement's syntax tree, which cost ~1.5 s and ~600 MB per statement.
 */
export interface RefTables {
  /** Join(ANY, LEFT, day): day number → ord1 (working-day ordinal + 1; 0 = outside the calendar), is_workday. */
  calendar: string;
  /** Join(ANY, LEFT, ord): working-day ordinal → its date (1970-01-01 = none). */
  workdays: string;
  /** Set: every known province, city and county code (consistency rule 5). */
  units: string;
  /** Set: the county codes (a 9-digit station code sits under one). */
  counties: string;
}

export function refTables(loadId: string): RefTables {
  const n = Number(loadId);
  return { calendar: `etl_cal_${n}`, workdays: `etl_wd_${n}`, units: `etl_units_${n}`, counties: `etl_counties_${n}` };
}

/** The statements creating and filling the reference tables (each parameter used once). */
export function refTableStatements(refs: RefTables): { query: string; params?: Record<string, unknown> }[] {
  const regions = allRegions();
  const cal = workdayOrdinalTable();
  const firstDay = Date.parse(`${cal.firstDate}T00:00:00Z`) / 86_400_000;
  return [
    { query: `CREATE TABLE ${refs.calendar} (day UInt32, ord1 UInt32, is_workday UInt8) ENGINE = Join(ANY, LEFT, day)` },
    {
      query: `INSERT INTO ${refs.calendar} SELECT {first:UInt32} + number, {ord:Array(UInt32)}[number + 1] + 1,
        {ord:Array(UInt32)}[number + 1] - if(number = 0, 0, {ord:Array(UInt32)}[number]) FROM numbers(length({ord:Array(UInt32)}))`,
      params: { first: firstDay, ord: cal.ord },
    },
    { query: `CREATE TABLE ${refs.workdays} (ord UInt32, day Date) ENGINE = Join(ANY, LEFT, ord)` },
    {
      query: `INSERT INTO ${refs.workdays} SELECT number + 1, toDate({days:Array(String)}[number + 1]) FROM numbers(length({days:Array(String)}))`,
      params: { days: cal.workdays },
    },
    { query: `CREATE TABLE ${refs.units} (code String) ENGINE = Set` },
    { query: `INSERT INTO ${refs.units} SELECT arrayJoin({codes:Array(String)})`, params: { codes: regions.map((r) => r.code) } },
    { query: `CREATE TABLE ${refs.counties} (code String) ENGINE = Set` },
    {
      query: `INSERT INTO ${refs.counties} SELECT arrayJoin({codes:Array(String)})`,
      params: { codes: regions.filter((r) => r.level === 'COUNTY').map((r) => r.code) },
    },
  ];
}

// ---- layer 1: source cells → canonical text ------------------------------------------------------------------

const isPresent = (x: string) => `(${x} != '')`;
const orNull = (ok: string, value: string) => `if(${ok}, ${value}, NULL)`;

// The text is its own canonical value when printing its parse gives it back (which also proves it a real date and time).
const CANONICAL_DATE_TIME = `(toString(parseDateTimeOrNull(X, '%Y-%m-%d %H:%i:%s', 'UTC')) = X
  AND toYear(parseDateTimeOrNull(X, '%Y-%m-%d %H:%i:%s', 'UTC')) BETWEEN 1971 AND 2105)`;

/**
 * parseDateTime of value-parsers.ts for the other text shapes (`2024-03-05 14:03`, `2024/3/5 14:03`, fractions of a
 * second, `…T14:03:00+08:00` / `Z` / `+0800` converted to Shanghai wall-clock), but lower-case t/z, white space other
 * than ASCII spaces and Excel serials (left to the validator). The wall-clock text must name a real date and time
 * and, converted, fall in 1971–2105: NULL otherwise.
 */
function generalDateTimeSql(g: string): { ok: string; value: string } {
  const wall = `concat(${g}[1], '-', leftPad(${g}[2], 2, '0'), '-', leftPad(${g}[3], 2, '0'), ' ', leftPad(${g}[4], 2, '0'), ':',
    ${g}[5], ':', if(${g}[6] = '', '00', ${g}[6]))`;
  const parsed = `parseDateTimeOrNull(${wall}, '%Y-%m-%d %H:%i:%s', 'UTC')`;
  const zone = `replaceOne(${g}[7], ':', '')`;
  // wall − offset = UTC; + 8 h = Shanghai (no zone: already Shanghai wall-clock).
  const shift = `if(${g}[7] = '', 0, 28800 - if(${g}[7] = 'Z', 0, if(startsWith(${g}[7], '-'), -1, 1)
    * (toInt32OrZero(substring(${zone}, 2, 2)) * 3600 + toInt32OrZero(substring(${zone}, 4, 2)) * 60)))`;
  const shanghai = `addSeconds(${parsed}, ${shift})`;
  return {
    ok: `(length(${g}) = 7 AND ${g}[1] BETWEEN '1971' AND '2105' AND toString(${parsed}) = ${wall}
      AND toYear(${shanghai}) BETWEEN 1971 AND 2105)`,
    value: `toString(${shanghai})`,
  };
}

/**
 * The regular-expression groups a `general` cell of a date-time or amount column is read from (null for other
 * columns). canonicalRowsSql computes them in a SELECT of their own: named many times in the value's expression,
 * they were copied into it as many times, which made planning slow.
 */
export function generalGroupsSql(spec: ColumnSpec, x: string): string | null {
  if (spec.type === 'dateTime') {
    return `extractGroups(${x}, '^(\\\\d{4})[-/](\\\\d{1,2})[-/](\\\\d{1,2})(?:T| +)(\\\\d{1,2}):(\\\\d{2})(?::(\\\\d{2})(?:\\\\.\\\\d{1,9})?)? *(Z|[+-]\\\\d{2}(?::?\\\\d{2})?)?$')`;
  }
  if (spec.type === 'amount') return `extractGroups(${x}, '^[¥￥]?(\\\\d{1,3}(?:,\\\\d{3})+|\\\\d+)(?:\\\\.(\\\\d{1,2}))?$')`;
  return null;
}

// Always 17 positions (never arrays of the value's own length: no size mismatch whatever the text).
// The domain's check (isValidUscc) in SQL: its shape, set and weights.
const usccValid = (u: string) => `(match(${u}, '${USCC_SHAPE}') AND substring({uscc_charset:String},
  (31 - (arraySum(arrayMap((i, w) -> (position({uscc_charset:String}, substring(${u}, i, 1)) - 1) * w, range(1, 18),
  [${USCC_WEIGHTS.join(', ')}])) % 31)) % 31 + 1, 1) = substring(${u}, 18, 1))`;

/**
 * How far the engine goes for a cell. `common`: only the shapes most exports use throughout (`YYYY-MM-DD HH:mm:ss`,
 * amounts `123.45`) — cheap enough for every row of a file. `general`: every text shape the validator accepts but a
 * few rare ones (see generalDateTimeSql) — for the rows the first pass did not decide, a few per cent of a file.
 */
export type CanonicalTier = 'common' | 'general';

/** The canonical value of one cell `x` (raw text, '' = absent) of a column, or NULL when it is not in a fast shape. */
export function canonicalExpr(
  spec: ColumnSpec,
  x: string,
  refs: RefTables,
  tier: CanonicalTier = 'general',
  groups: string | null = generalGroupsSql(spec, x),
): string {
  // A cell over the cell size limit is never sure: the validator rejects it (validate-row.ts), naming the limit.
  const ok = (cond: string) => orNull(`${isPresent(x)} AND lengthUTF8(${x}) <= {max_cell_chars:UInt32} AND ${cond}`, x);
  const inList = (param: string) => ok(`${x} IN {${param}:Array(String)}`);
  switch (spec.type) {
    case 'caseId':
      return ok(`lengthUTF8(${x}) <= 40`);
    case 'text':
      return ok('1');
    case 'dateTime': {
      if (tier === 'common') return ok(CANONICAL_DATE_TIME.replaceAll('X', x));
      const general = generalDateTimeSql(groups as string);
      return orNull(`${isPresent(x)} AND ${general.ok}`, general.value);
    }
    case 'kind':
      return `nullIf(transform(${x}, {kind_zh:Array(String)}, {kind_en:Array(String)}, ''), '')`;
    case 'channel':
      return inList('channels');
    case 'unitCode':
      return ok(`match(${x}, '^(\\\\d{6}|\\\\d{9})$') AND (${x} IN ${refs.units}
        OR (length(${x}) = 9 AND substring(${x}, 1, 6) IN ${refs.counties}))`);
    case 'uscc':
      // A valid code only: an invalid one is a warning (nulled), which validate-row.ts reports.
      return orNull(`${isPresent(x)} AND ${usccValid(`upper(${x})`)}`, `upper(${x})`);
    case 'regionCode':
      return ok(`match(${x}, '^\\\\d{6}$')`);
    case 'entityType':
      return inList('entity_types');
    case 'industry': {
      const u = `upper(${x})`;
      const division = `substring(${u}, length(${u}) - length(extract(${u}, '\\\\d+$')) + 1, 2)`;
      const letter = `extract(${u}, '^[A-Z]')`;
      return orNull(
        `${isPresent(x)} AND ((match(${u}, '^[A-Z]?\\\\d{2,4}$') AND ${division} IN {divisions:Array(String)}
          AND (${letter} = '' OR ${letter} = transform(${division}, {divisions:Array(String)}, {division_sections:Array(String)}, '')))
          OR (match(${u}, '^[A-Z]$') AND ${u} IN {sections:Array(String)}))`,
        u,
      );
    }
    case 'objectCategory': {
      const parts = `splitByChar('-', ${x})`;
      return ok(`length(${parts}) IN (2, 3) AND concat(${parts}[1], '-', ${parts}[2]) IN {object_l1l2:Array(String)}
        AND (length(${parts}) = 2 OR match(${parts}[3], {re_not_space:String}))`);
    }
    case 'problemCategory':
      // Checked against the kind's own list in the consistency conditions.
      return ok('1');
    case 'yesNo':
      return `multiIf(${x} = '是', 'true', ${x} = '否', 'false', NULL)`;
    case 'amount': {
      if (tier === 'common') return ok(`match(${x}, '^(0|[1-9]\\\\d{0,15})\\\\.\\\\d{2}$')`);
      const m = groups as string;
      const int = `replaceRegexpOne(replaceAll(${m}[1], ',', ''), '^0+(\\\\d)', '\\\\1')`;
      return orNull(
        `${isPresent(x)} AND length(${m}) = 2 AND length(${int}) <= 16`,
        `concat(${int}, '.', rightPad(${m}[2], 2, '0'))`,
      );
    }
    case 'acceptance':
      return inList('acceptances');
    case 'rejectionReason':
      return inList('rejection_reasons');
    case 'status':
      return inList('statuses');
    case 'outcome':
      // Checked against the kind's own list in the consistency conditions.
      return ok('1');
    case 'wholeDays':
      return orNull(`match(${x}, '^\\\\d{1,9}$') AND toUInt32OrZero(${x}) <= 65535`, `toString(toUInt32OrZero(${x}))`);
    case 'satisfaction':
      return `multiIf(${x} IN {satisfactions:Array(String)}, ${x}, ${x} IN ('4', '5'), '满意', ${x} = '3', '基本满意',
        ${x} IN ('1', '2'), '不满意', NULL)`;
  }
}

const v = (en: string) => `v_${en}`;
// The columns of consistency-rules.ts's rules, by their `cases` names.
const en = (fields: readonly (keyof CaseRecord)[]) => fields.map((f) => COLUMN_BY_FIELD.get(f)?.en as string);
const STAGE_TIMES = en(STAGE_TIME_FIELDS);
const ALL_TIMES = en(ALL_TIME_FIELDS);
const COMPLAINT_ONLY = en(COMPLAINT_ONLY_FIELDS);
const REPORT_ONLY = en(REPORT_ONLY_FIELDS);

/** The contract's rules a fast row must pass (validate-row.ts and consistency-rules.ts reject or warn otherwise). */
function consistencyConditions(): string[] {
  const byKind = (column: string, param: string) =>
    `(${v(column)} IS NULL OR multiIf(${CASE_KINDS.map((k) => `${v('kind')} = '${k}', ${v(column)} IN {${param}_${k}:Array(String)}`).join(', ')}, 0))`;
  return [
    byKind('problem_category', 'problems'),
    byKind('outcome', 'outcomes'),
    // rule 3: a column of another kind is a warning (the value is dropped): not a fast row
    `(${v('kind')} = 'COMPLAINT' OR (${COMPLAINT_ONLY.map((c) => `${v(c)} IS NULL`).join(' AND ')}))`,
    `(${v('kind')} = 'REPORT' OR (${REPORT_ONLY.map((c) => `${v(c)} IS NULL`).join(' AND ')}))`,
    // rule 2
    `((${v('status')} = '已办结') = (${v('closed_at')} IS NOT NULL))`,
    // rule 1 (fixed-width wall-clock text compares as time)
    ...STAGE_TIMES.map((c) => `(${v(c)} IS NULL OR (${v(c)} >= ${v('registered_at')} AND ${v(c)} <= ${v('updated_at')}))`),
    // rule 6
    ...ALL_TIMES.map((c) => `(${v(c)} IS NULL OR ${v(c)} <= {future_limit:String})`),
  ];
}

/** Column types whose canonical value is the cell's text as it is (or a part of it). */
const FREE_TEXT_TYPES = new Set<ColumnSpec['type']>(['caseId', 'text', 'objectCategory']);

/**
 * Layer 1 over a source of cells: `cell(p)` is the text of source column p (0-based, header order) and `positions`
 * gives, per canonical column, the source columns that feed it — the first non-empty one wins, as in
 * validate-row.ts. Columns not listed (personal data, unknown headers) are never selected. `raw` keeps the mapped
 * cells (in `mappedPositions` order) of the rows that are not fast, for the next tier.
 */
function canonicalRowsSql(
  cell: (position: number) => string,
  positions: ReadonlyMap<string, number[]>,
  refs: RefTables,
  tier: CanonicalTier,
  sourceRow: string,
  from: string,
  source: { plain?: string; raw?: string } = {},
): string {
  const raw = (en: string): string => {
    const ps = positions.get(en) ?? [];
    if (ps.length === 0) return "''";
    if (ps.length === 1) return cell(ps[0] as number);
    return `multiIf(${ps.map((p) => `${cell(p)} != '', ${cell(p)}`).join(', ')}, '')`;
  };
  const mapped = mappedPositions(positions);
  const cells = COLUMNS.map((spec) => `${raw(spec.en)} AS r_${spec.en}`);
  const grouped = tier === 'general' ? COLUMNS.filter((spec) => generalGroupsSql(spec, '') !== null) : [];
  const groups = grouped.map((spec) => `${generalGroupsSql(spec, `r_${spec.en}`)} AS g_${spec.en}`);
  const canon = COLUMNS.map(
    (spec) =>
      `${canonicalExpr(spec, `r_${spec.en}`, refs, tier, grouped.includes(spec) ? `g_${spec.en}` : null)} AS ${v(spec.en)}`,
  );
  const required = COLUMNS.filter((c) => c.required).map((c) => `${v(c.en)} IS NOT NULL`);
  const parsed = COLUMNS.map((c) => `(r_${c.en} = '' OR ${v(c.en)} IS NOT NULL)`);
  // Outer white space, quotes and control characters: a typed cell in such a shape already fails its own check
  // (every one is anchored or a list), so only the free-text cells are searched — all their source columns, as the
  // validator trims before it takes the first non-empty one.
  const free = COLUMNS.filter((c) => FREE_TEXT_TYPES.has(c.type)).flatMap((c) => positions.get(c.en) ?? []);
  const joined = `concat('${SEP}', ${free.map(cell).join(`, '${SEP}', `) || "''"}, '${SEP}')`;
  // One SELECT per step: an alias used in the same SELECT is copied into every expression that names it, and the
  // copies made planning these statements cost 1–2 s each.
  return `SELECT source_row, ${CANONICAL.map(v).join(', ')},
      ${[...required, ...parsed, 'plain', ...consistencyConditions()].join('\n AND ')} AS fast1, raw, given_hash
    FROM (SELECT source_row, ${COLUMNS.map((c) => `r_${c.en}`).join(', ')}, ${canon.join(', ')}, plain, raw, given_hash
      FROM (SELECT *${groups.map((g) => `, ${g}`).join('')}
        FROM (SELECT ${sourceRow} AS source_row, ${cells.join(', ')},
            NOT match(${joined}, {re_escape_or_space:String})${source.plain ? ` AND ${source.plain}` : ''} AS plain,
            ${source.raw ?? `[${mapped.map(cell).join(', ')}]`} AS raw,
            CAST(NULL AS Nullable(String)) AS given_hash
          FROM ${from})))`;
}

/**
 * Per canonical column (`en`), the source columns (0-based, header order) that feed it: several headers may map to
 * one column (validate-row.ts takes the first non-empty cell). Personal-data and unknown headers feed none.
 */
export function sourcePositions(headers: readonly string[], mapping: ColumnMapping): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  headers.forEach((header, i) => {
    const field = mapping.field.get(header);
    const spec = field && COLUMN_BY_FIELD.get(field);
    if (spec) positions.set(spec.en, [...(positions.get(spec.en) ?? []), i]);
  });
  return positions;
}

/** The source columns that feed a canonical column, ascending: the cells kept in `raw`. */
export function mappedPositions(positions: ReadonlyMap<string, number[]>): number[] {
  return [...new Set([...positions.values()].flat())].sort((a, b) => a - b);
}

/**
 * Where layer 1 reads a file's rows from: a table expression whose columns are the file's `structure` (below) and,
 * for an export, `_row_number` (0-based, in file order). The embedded engine reads the file itself (`fileTable`); a
 * server reads the bytes streamed to it as the statement's data (input(): engine/input.ts).
 */
export function fileTable(file: string, format: string, structure: string): string {
  return `file(${quoteSql(file)}, '${format}', '${structure}')`;
}

/** The structure of a file of cells c0, c1… after the `leading` columns (a CSV export; the parts of an XLSX sheet). */
export function cellsStructure(columnCount: number, leading: string[] = []): string {
  return [...leading, ...Array.from({ length: columnCount }, (_, i) => `c${i} String`)].join(', ');
}

/** The structure of an XLSX sheet's TabSeparated parts (sheet-lines.ts): the sheet's row number, then the cells. */
export const sheetStructure = (columnCount: number): string => cellsStructure(columnCount, ['sheet_row UInt32']);

/** The structure of a file read as lines (JSON Lines). */
export const LINES_STRUCTURE = 'text String';

/** Layer 1 over a CSV export's rows (`rows`: cellsStructure and `_row_number`; `common` shapes: the pass over every row). */
export function csvCanonicalSql(rows: string, positions: ReadonlyMap<string, number[]>, refs: RefTables): string {
  return cellsCanonicalSql(rows, 'toUInt32(assumeNotNull(_row_number) + 2)', positions, refs);
}

/** Layer 1 (`common` shapes) over rows of cells c0, c1…. */
function cellsCanonicalSql(rows: string, sourceRow: string, positions: ReadonlyMap<string, number[]>, refs: RefTables): string {
  return canonicalRowsSql((p) => `c${p}`, positions, refs, 'common', sourceRow, rows);
}

/**
 * Layer 1 over the TabSeparated parts of an XLSX sheet (sheet-lines.ts; `rows`: sheetStructure): the sheet's row
 * number, then one cell per header in header order (`common` shapes).
 */
export function sheetTsvCanonicalSql(rows: string, positions: ReadonlyMap<string, number[]>, refs: RefTables): string {
  return cellsCanonicalSql(rows, 'sheet_row', positions, refs);
}

/**
 * Layer 1, `general` shapes, over the `raw` cells of the stage rows that the CSV pass did not decide (`where` selects
 * them from `stage`).
 */
export function rawCanonicalSql(stage: string, where: string, positions: ReadonlyMap<string, number[]>, refs: RefTables): string {
  const index = new Map(mappedPositions(positions).map((p, i) => [p, i + 1]));
  return canonicalRowsSql(
    (p) => `cells[${index.get(p)}]`,
    positions,
    refs,
    'general',
    'source_row',
    `(SELECT source_row, raw AS cells FROM ${stage} WHERE ${where})`,
  );
}

/**
 * Layer 1 over JSON Lines: each non-blank line one object (jsonl-reader.ts). A row is only decided here when the
 * line is a JSON object without repeated keys or control characters and every mapped key is absent, null or a
 * string without escapes (the cell is then the string's text); any other line — numbers, booleans, escapes, not
 * JSON — goes on whole (`raw` = [line]) to the validator, as the row-by-row reader would parse it. `lines` selects
 * `n` (the line number) and `line` (without the first line's BOM).
 */
function jsonlRowsSql(
  lines: string,
  headers: readonly string[],
  positions: ReadonlyMap<string, number[]>,
  refs: RefTables,
  tier: CanonicalTier,
): string {
  const value = (p: number) => `pairs.2[indexOf(pairs.1, ${quoteSql(headers[p] as string)})]`;
  const simple = mappedPositions(positions).map(
    (p) => `(${value(p)} IN ('', 'null') OR (startsWith(${value(p)}, '"') AND position(${value(p)}, '\\\\') = 0))`,
  );
  return canonicalRowsSql(
    (p) => `if(startsWith(${value(p)}, '"'), substring(${value(p)}, 2, length(${value(p)}) - 2), '')`,
    positions,
    refs,
    tier,
    'n',
    `(SELECT n, line, JSONExtractKeysAndValuesRaw(line) AS pairs FROM ${lines})`,
    {
      plain: `(NOT match(line, '[\\\\x00-\\\\x1f]') AND length(arrayDistinct(pairs.1)) = length(pairs) AND ${simple.join(' AND ') || '1'})`,
      raw: '[line]',
    },
  );
}

/**
 * Layer 1 over a JSON Lines file's lines (`rows`: LINES_STRUCTURE and `_row_number`; `common` shapes); blank lines
 * are skipped, as the reader does.
 */
export function jsonlCanonicalSql(
  rows: string,
  headers: readonly string[],
  positions: ReadonlyMap<string, number[]>,
  refs: RefTables,
): string {
  const lines = `(SELECT toUInt32(assumeNotNull(_row_number) + 1) AS n,
      if(_row_number = 0 AND startsWith(text, '\u{FEFF}'), substring(text, 4), text) AS line
    FROM ${rows} WHERE match(line, {re_not_space:String}))`;
  return jsonlRowsSql(lines, headers, positions, refs, 'common');
}

/** Layer 1, `general` shapes, over the lines of the JSON Lines stage rows that the first pass did not decide. */
export function jsonlRawCanonicalSql(
  stage: string,
  where: string,
  headers: readonly string[],
  positions: ReadonlyMap<string, number[]>,
  refs: RefTables,
): string {
  return jsonlRowsSql(
    `(SELECT source_row AS n, raw[1] AS line FROM ${stage} WHERE ${where})`,
    headers,
    positions,
    refs,
    'general',
  );
}

/** The structure of the canonical rows the JavaScript validator hands back (TabSeparated, `slowRowsSql`). */
export const SLOW_ROW_STRUCTURE = [
  'source_row UInt32',
  ...CANONICAL.map((en) => `${v(en)} Nullable(String)`),
  'given_hash Nullable(String)',
].join(', ');

/** Layer 1 for rows validated in JavaScript: their canonical values as written by `slowRowValues` (`rows`: SLOW_ROW_STRUCTURE). */
export function slowCanonicalSql(rows: string): string {
  return `SELECT source_row, ${CANONICAL.map(v).join(', ')}, toUInt8(1) AS fast1, CAST([] AS Array(String)) AS raw,
      given_hash FROM ${rows}`;
}

// ---- layer 2: canonical text → cases columns ------------------------------------------------------------------

/** The calendar as lookups in the load's reference tables; a day outside the known years gives NULL. */
interface CalendarSql {
  ordOf(d: string): string;
  inCalendar(d: string): string;
  fromOrd(k: string): string;
  isWorkday(d: string): string;
}

function calendarSql(refs: RefTables): CalendarSql {
  const day = (d: string) => `ifNull(toUInt32(${d}), 0)`;
  return {
    ordOf: (d) => `(nullIf(joinGet('${refs.calendar}', 'ord1', ${day(d)}), 0) - 1)`,
    inCalendar: (d) => `(joinGet('${refs.calendar}', 'ord1', ${day(d)}) != 0)`,
    fromOrd: (k) => `nullIf(joinGet('${refs.workdays}', 'day', toUInt32(ifNull(${k}, 0))), toDate(0))`,
    isWorkday: (d) => `(joinGet('${refs.calendar}', 'is_workday', ${day(d)}) = 1)`,
  };
}

/** addWorkdays / rollToWorkday of working-day-calendar.ts; NULL where the calendar ends (a missing year). */
function dueSql(cal: CalendarSql, rule: DeadlineRule, base: string, paused: string, extension: string): string {
  const { ordOf, inCalendar, fromOrd, isWorkday } = cal;
  const n = `(${rule.days}${rule.addPausedDays ? ` + ${paused}` : ''}${rule.extensionDays ? ` + if(${extension}, ${rule.extensionDays}, 0)` : ''})`;
  if (rule.dayKind === 'WORKDAYS')
    return `if(${n} = 0, if(${inCalendar(base)}, ${base}, NULL), ${fromOrd(`${ordOf(base)} + ${n}`)})`;
  const d = `addDays(${base}, ${n})`;
  return `if(NOT ${inCalendar(d)}, NULL, if(${isWorkday(d)}, ${d}, ${fromOrd(`${ordOf(d)} + 1`)}))`;
}

/** Per stage, the due date by the rule set of the registration date (rule-index.ts: the earliest set covers before). */
function stageDueSql(cal: CalendarSql, stage: DeadlineRule['stage'], bases: Record<DeadlineRule['base'], string>): string {
  const rules = DEFAULT_RULE_TABLE.map((rule, i) => ({ rule, i })).filter(({ rule }) => rule.stage === stage);
  rules.sort((a, b) => (a.rule.effectiveFrom < b.rule.effectiveFrom ? 1 : -1));
  const paused = `toInt64(ifNull(toUInt32OrNull(${v('paused_days')}), 0))`;
  const extension = `(${v('extension_approved')} = 'true')`;
  const branches = rules.map(({ rule, i }, k) => {
    const due = dueSql(cal, rule, bases[rule.base], paused, extension);
    return k === rules.length - 1 ? due : `registered_date >= {rule_from_${i}:Date}, ${due}`;
  });
  return branches.length === 1 ? (branches[0] as string) : `multiIf(${branches.join(', ')})`;
}

function ruleSetSql(): string {
  const sets = [...new Map(DEFAULT_RULE_TABLE.map((r, i) => [r.ruleSet, { r, i }])).values()];
  sets.sort((a, b) => (a.r.effectiveFrom < b.r.effectiveFrom ? 1 : -1));
  const branches = sets.map(({ r, i }, k) =>
    k === sets.length - 1 ? `'${r.ruleSet}'` : `registered_date >= {rule_from_${i}:Date}, '${r.ruleSet}'`,
  );
  return branches.length === 1 ? (branches[0] as string) : `multiIf(${branches.join(', ')})`;
}

const BOOLEAN_COLUMNS = new Set(COLUMNS.filter((c) => c.type === 'yesNo').map((c) => c.en));

/** contentHash of case-row.ts: JSON.stringify of the canonical values in CaseRecord order, sha256, 32 hex digits. */
function contentHashSql(): string {
  const parts = CANONICAL.map((en) => {
    if (BOOLEAN_COLUMNS.has(en) || en === 'paused_days') return `ifNull(${v(en)}, 'null')`;
    return `if(${v(en)} IS NULL, 'null', concat('"', ${v(en)}, '"'))`;
  });
  return `ifNull(given_hash, substring(lower(hex(SHA256(concat('[', ${parts.join(", ',', ")}, ']')))), 1, 32))`;
}

const dateTime = (en: string) => `toDateTime(${v(en)}, 'Asia/Shanghai')`;
const bool = (en: string) => `if(${v(en)} IS NULL, NULL, ${v(en)} = 'true')`;
const decimal = (en: string) => `toDecimal64OrNull(${v(en)}, 2)`;

/**
 * Layer 2 over a layer-1 query: the stage rows (the `cases` columns but versioning and lineage, plus source_row,
 * fast_ok and, for rows left to the validator, their raw cells).
 */
export function stageRowsSql(canonicalSql: string, refs: RefTables): string {
  const cal = calendarSql(refs);
  const { ordOf, inCalendar } = cal;
  const code = v('handling_unit_code');
  const level = `multiIf(length(${code}) = 9, 'STATION', endsWith(${code}, '0000'), 'PROVINCE', endsWith(${code}, '00'), 'CITY', 'COUNTY')`;
  const division = `if(match(${v('industry_code')}, '\\\\d'), substring(extract(${v('industry_code')}, '\\\\d+'), 1, 2), '')`;
  const l2 = `splitByChar('-', ifNull(${v('object_category')}, ''))`;
  const name = v('respondent_name');
  const folded = `replaceAll(translateUTF8(${name}, {full_width:String}, {half_width:String}), '\u3000', ' ')`;
  const bases = {
    REGISTERED: 'registered_date',
    DECIDED: `toDate(substring(${v('decided_at')}, 1, 10))`,
    FILING_DECIDED: `toDate(substring(${v('filing_decided_at')}, 1, 10))`,
  };
  const stages: [column: string, stage: DeadlineRule['stage'], applies: string][] = [
    ['dispatch_due', 'DISPATCH', `${v('dispatched_at')} IS NOT NULL OR ${v('status')} = '待分派'`],
    ['acceptance_due', 'ACCEPTANCE', `${v('kind')} = 'COMPLAINT'`],
    ['closing_due', 'CLOSING', `${v('kind')} = 'COMPLAINT' AND ${v('acceptance')} = '受理' AND ${v('decided_at')} IS NOT NULL`],
    ['verification_due', 'VERIFICATION', `${v('kind')} = 'REPORT'`],
    [
      'notification_due',
      'NOTIFICATION',
      `${v('kind')} = 'REPORT' AND ${v('real_name_report')} = 'true' AND ${v('filing_decided_at')} IS NOT NULL`,
    ],
  ];
  const dueColumns = stages.map(
    ([column, stage, applies]) =>
      `toUInt8(ifNull(${applies}, 0)) AS ${column}_applies, if(${column}_applies = 1, ${stageDueSql(cal, stage, bases)}, NULL) AS ${column}`,
  );
  const closedDate = `toDate(substring(${v('closed_at')}, 1, 10))`;
  const handling = `if(${v('closed_at')} IS NULL, NULL, ${ordOf(closedDate)} - ${ordOf('registered_date')})`;
  // A due date or the handling days the calendar cannot give (its last year passed): calendar-check.ts rejects.
  const calendarOk = [
    inCalendar('registered_date'),
    '(closed_at IS NULL OR handling_workdays IS NOT NULL)',
    ...stages.map(([column]) => `(${column}_applies = 0 OR ${column} IS NOT NULL)`),
  ];
  // Two SELECTs: fast_ok and raw name the due dates and handling days by their columns, not by copies of them.
  return `SELECT * EXCEPT (fast1, raw),
      toUInt8(fast1 AND ${calendarOk.join(' AND ')}) AS fast_ok,
      if(fast_ok = 1, CAST([] AS Array(String)), raw) AS raw
    FROM (SELECT
      ifNull(${v('case_id')}, '') AS case_id,
      ifNull(${v('kind')}, 'COMPLAINT') AS kind,
      ${dateTime('registered_at')} AS registered_at,
      toDate(substring(${v('registered_at')}, 1, 10)) AS registered_date,
      ifNull(${v('channel')}, '') AS channel,
      ifNull(${v('handling_unit_name')}, '') AS handling_unit_name,
      ifNull(${code}, '') AS handling_unit_code,
      concat(substring(${code}, 1, 2), '0000') AS province_code,
      if(${level} = 'PROVINCE', '', concat(substring(${code}, 1, 4), '00')) AS city_code,
      if(${level} IN ('COUNTY', 'STATION'), substring(${code}, 1, 6), '') AS county_code,
      if(${level} = 'STATION', ${code}, '') AS station_code,
      ${v('respondent_name')} AS respondent_name,
      ${v('respondent_uscc')} AS respondent_uscc,
      ${v('respondent_region_code')} AS respondent_region_code,
      ${v('entity_type')} AS entity_type,
      ${v('industry_code')} AS industry_code,
      ifNull(${division}, '') AS industry_division,
      ${v('object_category')} AS object_category,
      ${v('problem_category')} AS problem_category,
      ${bool('online_purchase')} AS online_purchase,
      ${v('platform_name')} AS platform_name,
      ${decimal('amount_involved')} AS amount_involved,
      ${dateTime('dispatched_at')} AS dispatched_at,
      ${v('acceptance')} AS acceptance,
      ${v('rejection_reason')} AS rejection_reason,
      ${dateTime('decided_at')} AS decided_at,
      ifNull(${v('status')}, '') AS status,
      ${dateTime('closed_at')} AS closed_at,
      ${v('outcome')} AS outcome,
      ${decimal('recovered_amount')} AS recovered_amount,
      ${bool('complaint_to_case')} AS complaint_to_case,
      ${dateTime('filing_decided_at')} AS filing_decided_at,
      ${bool('extension_approved')} AS extension_approved,
      toUInt16OrNull(${v('paused_days')}) AS paused_days,
      ${bool('real_name_report')} AS real_name_report,
      ${dateTime('reporter_notified_at')} AS reporter_notified_at,
      ${v('satisfaction')} AS satisfaction,
      ${bool('disclosed')} AS disclosed,
      ${dateTime('updated_at')} AS updated_at,
      (${v('problem_category')} IN {food_problems:Array(String)} OR ${v('object_category')} = {catering:String}
        OR ${l2}[2] IN {food_l2:Array(String)}) AS food_related,
      ifNull(${v('respondent_uscc')}, ifNull(${folded}, '')) AS operator_key,
      ${ruleSetSql()} AS rule_set,
      ${dueColumns.join(',\n      ')},
      CAST(${handling} AS Nullable(UInt16)) AS handling_workdays,
      toUInt16(if(greatest(${[...stages.map(([column]) => column), `if(${v('closed_at')} IS NULL, NULL, ${closedDate})`]
        .map((d) => `ifNull(${d}, toDate(0))`)
        .join(', ')}) > {published_end:Date}, {provisional_from:UInt16}, 0)) AS due_provisional_from,
      ${contentHashSql()} AS content_hash,
      source_row, fast1, raw
    FROM (${canonicalSql}))`;
}

export function quoteSql(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * One raw row → a CaseRecord or a reject (case-export.md §Columns, §Consistency rules). Every problem of a row is
 * collected, so a row breaking several rules is one reject listing them all. Personal-data columns are never read:
 * only headers mapped to a field are looked at.
 */

import type { CaseKind, CaseRecord } from '@c12315/domain';
import * as domain from '@c12315/domain';
import type { RawRow } from '../read/export-types';
import { currentReadLimits } from '../read/read-limits';
import { COLUMNS as COLUMN_LIST, type ColumnSpec, zhHeader } from './column-catalogue';
import { applyConsistencyRules, type ParsedValues } from './consistency-rules';
import type { ColumnMapping } from './header-mapping';
import { type Issue, WHOLE_ROW } from './issue';
import {
  asText,
  type Cell,
  type Parsed,
  parseAmount,
  parseDateTime,
  parseEnum,
  parseSatisfaction,
  parseWholeDays,
  parseYesNo,
  shown,
} from './value-parsers';

export type RowResult =
  | { ok: true; record: CaseRecord; warnings: Issue[] }
  | { ok: false; caseId: string | null; issues: Issue[] };

export interface ValidateContext {
  /** The load's own clock (rule 6). */
  loadTime: Date;
  /** Characters a cell may hold (ETL_MAX_CELL_CHARS; default: this process's limit). */
  maxCellChars?: number;
}

/** Is `text` longer than `max` characters (code points, as the engine's lengthUTF8 counts)? */
function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let n = 0;
  for (const _ of text) if (++n > max) return true;
  return false;
}

// Bound once: every use through the packages' re-exports goes through a getter, which showed in load profiles.
const {
  ACCEPTANCES,
  CASE_KIND_ZH,
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  COMPLAINT_PROBLEM_CATEGORIES,
  ENTITY_TYPES,
  isKnownHandlingUnitCode,
  isValidObjectCategory,
  isValidUscc,
  OUTCOMES_BY_KIND,
  parseIndustryCode,
  REJECTION_REASONS,
  REPORT_PROBLEM_CATEGORIES,
} = domain;
const COLUMNS = COLUMN_LIST;

const KIND_BY_ZH = new Map<string, CaseKind>(CASE_KINDS.map((k) => [CASE_KIND_ZH[k], k]));
const PROBLEM_CATEGORIES = [...new Set<string>([...COMPLAINT_PROBLEM_CATEGORIES, ...REPORT_PROBLEM_CATEGORIES])];
const OUTCOMES = [...new Set<string>(Object.values(OUTCOMES_BY_KIND).flat())];
const UNSUPPORTED = Symbol('unsupported');

/** Trimmed; empty, white space only, null and absent all mean "no value" (case-export.md §Files). */
function readCell(value: unknown): Cell | undefined | typeof UNSUPPORTED {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number') return Number.isNaN(value) ? UNSUPPORTED : value;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? UNSUPPORTED : value;
  return UNSUPPORTED;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reasonZh: string, reasonEn: string): Parsed<T> => ({ ok: false, reasonZh, reasonEn });

function parseCaseId(v: Cell): Parsed<string> {
  const id = asText(v);
  const length = [...id].length;
  return length >= 1 && length <= 40 ? ok(id) : bad('登记编号须为 1–40 个字符', 'case id must be 1–40 characters');
}

/** Rule 5: 6 digits (a province, city or county) or 9 digits (a county + station number) of the reference data. */
function parseUnitCode(v: Cell): Parsed<string> {
  const code = asText(v);
  if (!/^(\d{6}|\d{9})$/.test(code)) return bad(`须为 6 位或 9 位数字 ${shown(v)}`, `must be 6 or 9 digits ${shown(v)}`);
  if (!isKnownHandlingUnitCode(code)) {
    return bad(
      `违反规则 5：不是已知的行政区划代码，也不是已知区县下的站点 ${shown(v)}`,
      `rule 5: not a known region code nor a station under a known county ${shown(v)}`,
    );
  }
  return ok(code);
}

function parseValue(spec: ColumnSpec, v: Cell): Parsed<unknown> {
  switch (spec.type) {
    case 'caseId':
      return parseCaseId(v);
    case 'text':
      return ok(asText(v));
    case 'dateTime':
      return parseDateTime(v);
    case 'kind': {
      const kind = typeof v === 'string' ? KIND_BY_ZH.get(v) : undefined;
      return kind ? ok(kind) : bad(`不在允许值内 ${shown(v)}（投诉、举报、咨询、建议）`, `not an allowed value ${shown(v)}`);
    }
    case 'channel':
      return parseEnum(v, CHANNELS);
    case 'unitCode':
      return parseUnitCode(v);
    case 'uscc':
      return ok(asText(v).toUpperCase()); // checked in validateRow: an invalid code is a warning, not a reject
    case 'regionCode':
      return /^\d{6}$/.test(asText(v)) ? ok(asText(v)) : bad(`须为 6 位数字 ${shown(v)}`, `must be 6 digits ${shown(v)}`);
    case 'entityType':
      return parseEnum(v, ENTITY_TYPES);
    case 'industry': {
      const parsed = parseIndustryCode(asText(v));
      return parsed
        ? ok(parsed.code)
        : bad(`不是有效的 GB/T 4754-2017 行业代码 ${shown(v)}`, `not a valid GB/T 4754-2017 code ${shown(v)}`);
    }
    case 'objectCategory':
      return typeof v === 'string' && isValidObjectCategory(v)
        ? ok(v)
        : bad(`不是有效的客体类别（商品/服务-二级类别[-三级]）${shown(v)}`, `not a valid object category path ${shown(v)}`);
    case 'problemCategory':
      return parseEnum(v, PROBLEM_CATEGORIES);
    case 'yesNo':
      return parseYesNo(v);
    case 'amount':
      return parseAmount(v);
    case 'acceptance':
      return parseEnum(v, ACCEPTANCES);
    case 'rejectionReason':
      return parseEnum(v, REJECTION_REASONS);
    case 'status':
      return parseEnum(v, CASE_STATUSES);
    case 'outcome':
      return parseEnum(v, OUTCOMES);
    case 'wholeDays':
      return parseWholeDays(v);
    case 'satisfaction':
      return parseSatisfaction(v);
  }
}

/** All fields null, in CaseRecord order: one object shape for every row (the hot path of a 1 M-row load). */
function emptyValues(): ParsedValues {
  return {
    caseId: null,
    kind: null,
    registeredAt: null,
    channel: null,
    handlingUnitName: null,
    handlingUnitCode: null,
    respondentName: null,
    respondentUscc: null,
    respondentRegionCode: null,
    entityType: null,
    industryCode: null,
    objectCategory: null,
    problemCategory: null,
    onlinePurchase: null,
    platformName: null,
    amountInvolved: null,
    dispatchedAt: null,
    acceptance: null,
    rejectionReason: null,
    decidedAt: null,
    status: null,
    closedAt: null,
    outcome: null,
    recoveredAmount: null,
    complaintToCase: null,
    filingDecidedAt: null,
    extensionApproved: null,
    pausedDays: null,
    realNameReport: null,
    reporterNotifiedAt: null,
    satisfaction: null,
    disclosed: null,
    updatedAt: null,
  };
}

/** The case id as written, for the reject file, when it is readable at all. */
function readableCaseId(row: RawRow, mapping: ColumnMapping): string | null {
  for (const [header, field] of mapping.field) {
    if (field !== 'caseId') continue;
    const cell = readCell(row.values.get(header));
    if (cell === undefined) continue;
    if (cell === UNSUPPORTED) return null;
    const parsed = parseCaseId(cell);
    return parsed.ok ? parsed.value : null;
  }
  return null;
}

/** Per mapping, once: for each column of COLUMNS, the source headers that feed it, in header order. */
const plans = new WeakMap<ColumnMapping, { headers: string[][]; missing: ReadonlySet<keyof CaseRecord> }>();

function planOf(mapping: ColumnMapping): { headers: string[][]; missing: ReadonlySet<keyof CaseRecord> } {
  let plan = plans.get(mapping);
  if (!plan) {
    const headers = COLUMNS.map((spec) => [...mapping.field].filter(([, f]) => f === spec.field).map(([h]) => h));
    plan = { headers, missing: new Set(mapping.missingRequired) };
    plans.set(mapping, plan);
  }
  return plan;
}

export function validateRow(row: RawRow, mapping: ColumnMapping, ctx: ValidateContext): RowResult {
  if (row.readError) {
    const { reasonZh, reasonEn } = row.readError;
    return { ok: false, caseId: readableCaseId(row, mapping), issues: [{ column: WHOLE_ROW, reasonZh, reasonEn }] };
  }
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  for (const f of mapping.missingRequired) {
    issues.push({ column: zhHeader(f), reasonZh: '缺少必填列', reasonEn: 'required column is missing from the header' });
  }
  const plan = planOf(mapping);
  const maxCellChars = ctx.maxCellChars ?? currentReadLimits().maxCellChars;

  // Absent → null; malformed → undefined, so the consistency rules do not report the same column twice.
  const v = emptyValues();
  const bag = v as Record<string, unknown>;
  for (let c = 0; c < COLUMNS.length; c++) {
    const spec = COLUMNS[c] as ColumnSpec;
    // Several headers may feed one field (JSON keys in other cases): the first present value wins.
    let cell: Cell | undefined | typeof UNSUPPORTED;
    let tooLong = false;
    for (const header of plan.headers[c] as string[]) {
      const raw = row.values.get(header);
      tooLong = typeof raw === 'string' && longerThan(raw, maxCellChars);
      cell = readCell(raw);
      if (cell !== undefined) break;
    }
    const column = spec.zh;
    if (tooLong) {
      // Never parsed: a cell over the limit is refused as such, whatever it holds (both load paths alike).
      bag[spec.field] = undefined;
      issues.push({
        column,
        reasonZh: `单元格超过 ${maxCellChars} 个字符的上限（ETL_MAX_CELL_CHARS）`,
        reasonEn: `cell longer than the limit of ${maxCellChars} characters (ETL_MAX_CELL_CHARS)`,
      });
      continue;
    }
    if (cell === undefined) {
      if (spec.required && !plan.missing.has(spec.field)) {
        issues.push({ column, reasonZh: '必填项为空', reasonEn: 'required value is missing' });
      }
      continue;
    }
    if (cell === UNSUPPORTED) {
      bag[spec.field] = undefined;
      issues.push({ column, reasonZh: '值的类型无法识别', reasonEn: 'unsupported value type' });
      continue;
    }
    const parsed = parseValue(spec, cell);
    if (parsed.ok) bag[spec.field] = parsed.value;
    else {
      bag[spec.field] = undefined;
      issues.push({ column, reasonZh: parsed.reasonZh, reasonEn: parsed.reasonEn });
    }
  }

  if (v.respondentUscc && !isValidUscc(v.respondentUscc)) {
    warnings.push({
      column: zhHeader('respondentUscc'),
      reasonZh: '统一社会信用代码校验不通过，已置空',
      reasonEn: 'invalid USCC (GB 32100 check digit); left empty',
    });
    v.respondentUscc = null;
  }

  applyConsistencyRules(v, ctx, issues, warnings);

  if (issues.length > 0) return { ok: false, caseId: readableCaseId(row, mapping), issues };
  // No issue means every field is null or was set by its parser, which guarantees the field's type.
  return { ok: true, record: v as CaseRecord, warnings };
}

/**
 * The text the validator reads exactly as it reads a typed spreadsheet cell (a number, a boolean, a Date) in the
 * column of `spec` — the same value and no other issue — or null when there is none (the cell is then malformed, or
 * its value has no such text). Used to hand an XLSX row to the engine as text (load/sheet-lines.ts, for
 * load/engine/) without changing what any row becomes.
 */
export function typedCellText(spec: ColumnSpec, value: number | boolean | Date): string | null {
  const cell = readCell(value);
  if (cell === undefined || cell === UNSUPPORTED) return null;
  const typed = parseValue(spec, cell);
  if (!typed.ok) return null;
  const text =
    typeof typed.value === 'boolean'
      ? typed.value
        ? '是'
        : '否'
      : typeof typed.value === 'number'
        ? String(typed.value)
        : typed.value;
  if (typeof text !== 'string' || text === '' || text.trim() !== text) return null;
  const again = parseValue(spec, text);
  return again.ok && again.value === typed.value ? text : null;
}

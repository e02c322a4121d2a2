/**
 * CSV export of the overdue list (issue "GraphQL API" §Overdue): the same validation, scope check and SQL as
 * `overdueCases`, every page streamed through csv-stringify into a temp file, then sent (common/export-route.ts) — never the whole list
 * in memory. UTF-8 with a BOM and
 * Chinese headers, so Excel opens it as written.
 *
 * Query params: asOf, regionCode, sort, kinds, stages, problemCategories, objectCategories, unitCodes (lists repeated
 * or comma-separated). Errors before the first byte: 401 (no user), 400 naming the param, 403 (outside the scope).
 */
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CASE_KIND_ZH, type CaseKind } from '@c12315/domain';
import type { AuditParams, ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { exportHandler, exportParams } from '../common/export-route';
import type { AuthUser } from '../context';
import { type OverdueArgs, type OverdueCaseRow, type OverdueQuery, overdueRows, prepareOverdueQuery } from './overdue.service';

export const OVERDUE_STAGE_ZH: Record<string, string> = { ACCEPTANCE: '受理', CLOSING: '调解办结', VERIFICATION: '核查处置' };

export const OVERDUE_CSV_COLUMNS: { key: keyof OverdueCaseRow; header: string }[] = [
  { key: 'caseId', header: '案件编号' },
  { key: 'kind', header: '类型' },
  { key: 'registeredAt', header: '登记时间' },
  { key: 'handlingUnitCode', header: '承办单位代码' },
  { key: 'handlingUnitName', header: '承办单位' },
  { key: 'respondentName', header: '被诉主体名称' },
  { key: 'stage', header: '超期环节' },
  { key: 'dueDate', header: '到期日' },
  // 是: the due date falls in a year whose working-day calendar is not published yet (indicators.md §1).
  { key: 'dueDateProvisional', header: '到期日暂定' },
  { key: 'overdueWorkdays', header: '超期工作日' },
  { key: 'objectCategory', header: '客体类别' },
  { key: 'problemCategory', header: '问题类别' },
];

const SCALAR_PARAMS = ['asOf', 'regionCode', 'sort'] as const;
const LIST_PARAMS = ['kinds', 'stages', 'problemCategories', 'objectCategories', 'unitCodes'] as const;

/** Query string → OverdueArgs; an unknown or repeated scalar param is a BAD_USER_INPUT naming it. */
export function overdueArgsFromQuery(query: Record<string, unknown>): OverdueArgs {
  return exportParams(query, SCALAR_PARAMS, LIST_PARAMS);
}

/** A row as the exports show it: kind and stage in Chinese, 是 for a provisional due date, '' for a missing value. */
export function overdueDisplayRecord(row: OverdueCaseRow): Record<string, string | number> {
  return {
    ...row,
    kind: CASE_KIND_ZH[row.kind as CaseKind] ?? row.kind,
    stage: OVERDUE_STAGE_ZH[row.stage] ?? row.stage,
    respondentName: row.respondentName ?? '',
    objectCategory: row.objectCategory ?? '',
    problemCategory: row.problemCategory ?? '',
    dueDateProvisional: row.dueDateProvisional ? '是' : '',
  };
}

export interface OverdueCsvDeps {
  ch: ClickHouseClient;
  /** The metadata store: every export is written to the audit log before its first byte. */
  orm: MikroORM;
  /** Rows per SQL page (tests use a small one to cross page boundaries). */
  pageSize?: number;
}

/** The query string's filters → the checked overdue query (BAD_USER_INPUT naming the param, FORBIDDEN outside the scope). */
export function overdueExportQuery(user: AuthUser, query: Record<string, unknown>): { args: OverdueArgs; q: OverdueQuery } {
  const args = overdueArgsFromQuery(query);
  return { args, q: prepareOverdueQuery(user, args) };
}

/** The audit entry's parameters of an overdue export: the filters as given, asOf, region and sort as applied. */
export function overdueAuditParams(args: OverdueArgs, q: OverdueQuery): AuditParams {
  return { ...(args as AuditParams), asOf: q.asOf, regionCode: q.regionCode, sort: q.sort };
}

/** Express 5 handler for `GET …/overdue.csv`; `req.user` is set by the integrator's auth middleware. */
export function overdueCsvHandler(deps: OverdueCsvDeps): (req: Request, res: Response) => Promise<void> {
  return exportHandler(deps, (user, query) => {
    const { args, q } = overdueExportQuery(user, query);
    return {
      downloadName: `overdue_${q.regionCode}_${q.asOf}.csv`,
      fileName: `超期案件_${q.regionCode}_${q.asOf}.csv`,
      contentType: 'text/csv; charset=utf-8',
      audit: { action: 'EXPORT_OVERDUE_CSV', params: overdueAuditParams(args, q) },
      async write(out) {
        const rows = Readable.from(overdueRows(deps.ch, q, deps.pageSize));
        const toRecord = new Transform({
          objectMode: true,
          transform(row: OverdueCaseRow, _enc, done) {
            done(null, overdueDisplayRecord(row));
          },
        });
        const csv = stringify({
          bom: true,
          header: true,
          columns: OVERDUE_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
        });
        await pipeline(rows, toRecord, csv, out);
      },
    };
  });
}

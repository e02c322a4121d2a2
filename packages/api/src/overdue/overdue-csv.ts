/**
 * CSV export of the overdue list (issue "GraphQL API" §Overdue): the same validation, scope check and SQL as
 * `overdueCases`, every page streamed through csv-stringify into a temp file, then sent — never the whole list in
 * memory. UTF-8 with a BOM and
 * Chinese headers, so Excel opens it as written.
 *
 * Query params: asOf, regionCode, sort, kinds, stages, problemCategories, objectCategories, unitCodes (lists repeated
 * or comma-separated). Errors before the first byte: 401 (no user), 400 naming the param, 403 (outside the scope).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CASE_KIND_ZH, type CaseKind } from '@c12315/domain';
import { type AuditParams, type ClickHouseClient, recordAudit } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { actedBy } from '../audit/acting-user';
import { badUserInput } from '../common/errors';
import { storeGate } from '../common/load-gate';
import type { AuthUser } from '../context';
import { type OverdueArgs, type OverdueCaseRow, type OverdueQuery, overdueRows, prepareOverdueQuery } from './overdue.service';

const STAGE_ZH: Record<string, string> = { ACCEPTANCE: '受理', CLOSING: '调解办结', VERIFICATION: '核查处置' };

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
  const args: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    if ((SCALAR_PARAMS as readonly string[]).includes(name)) {
      if (typeof raw !== 'string') throw badUserInput(name, 'give it once, as text');
      args[name] = raw;
    } else if ((LIST_PARAMS as readonly string[]).includes(name)) {
      const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => {
        if (typeof v !== 'string') throw badUserInput(name, 'expected text values');
        return v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      });
      args[name] = parts;
    } else {
      throw badUserInput(name, `unknown parameter (known: ${[...SCALAR_PARAMS, ...LIST_PARAMS].join(', ')})`);
    }
  }
  return args as OverdueArgs;
}

function toCsvRecord(row: OverdueCaseRow): Record<string, string | number> {
  return {
    ...row,
    kind: CASE_KIND_ZH[row.kind as CaseKind] ?? row.kind,
    stage: STAGE_ZH[row.stage] ?? row.stage,
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

function sendError(res: Response, status: number, error: GraphQLError): void {
  const { code, argument } = error.extensions as { code?: string; argument?: string };
  res.status(status).json({ error: { code, message: error.message, ...(argument ? { argument } : {}) } });
}

const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

/** Express 5 handler for `GET …/overdue.csv`; `req.user` is set by the integrator's auth middleware. */
export function overdueCsvHandler(deps: OverdueCsvDeps): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const user = (req as Request & { user?: AuthUser | null }).user;
    if (!user) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'sign in required' } });
      return;
    }
    let q: OverdueQuery;
    let args: OverdueArgs;
    try {
      args = overdueArgsFromQuery(req.query as Record<string, unknown>);
      q = prepareOverdueQuery(user, args);
    } catch (error) {
      const status = error instanceof GraphQLError ? STATUS_OF_CODE[String(error.extensions.code)] : undefined;
      if (status && error instanceof GraphQLError) return sendError(res, status, error);
      throw error;
    }
    const downloadName = `overdue_${q.regionCode}_${q.asOf}.csv`;
    await recordAudit(deps.orm.em, {
      action: 'EXPORT_OVERDUE_CSV',
      ...actedBy(user, req.ip),
      target: downloadName,
      params: { ...(args as AuditParams), asOf: q.asOf, regionCode: q.regionCode, sort: q.sort },
    });
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    const fileName = `超期案件_${q.regionCode}_${q.asOf}.csv`;
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${downloadName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    // The rows are read inside a shared section of the store gate (common/load-gate.ts) into a file of the system's
    // temp dir, then sent after leaving it: the list is wholly before or after a load, never in memory at once, and
    // a slow download never holds a load back.
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'c12315-csv-'));
    const spool = path.join(dir, 'overdue.csv');
    try {
      await storeGate.read(async () => {
        const rows = Readable.from(overdueRows(deps.ch, q, deps.pageSize));
        const toRecord = new Transform({
          objectMode: true,
          transform(row: OverdueCaseRow, _enc, done) {
            done(null, toCsvRecord(row));
          },
        });
        const csv = stringify({
          bom: true,
          header: true,
          columns: OVERDUE_CSV_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
        });
        await pipeline(rows, toRecord, csv, fs.createWriteStream(spool));
      });
      res.setHeader('Content-Length', String((await fs.promises.stat(spool)).size));
      // A failure mid-stream destroys the response: the client sees a broken download, never a silently short file.
      await pipeline(fs.createReadStream(spool), res);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };
}

/**
 * GET /export/report.pdf?month=YYYY-MM&parentCode=CODE — the monthly report as a PDF, printed by headless Chromium
 * from the dashboard's print view (report-pdf.render.ts). Authentication as for the CSV export (`req.user` set by the
 * app); the scope is the ranking's (a ranking is shared with every unit it ranks, auth/scope.ts). The browser is
 * pointed at this server's own port (`req.socket.localPort`) and signs in with the caller's own token.
 *
 * Errors before any byte: 401 (no user), 400 naming the param, 403 (outside the scope), 503 (too many renders
 * queued), 502 (the page could not be printed).
 */
import { findRegion } from '@c12315/domain';
import { recordAudit } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { actedBy } from '../audit/acting-user';
import { assertRankingScope } from '../auth/scope';
import { badUserInput } from '../common/errors';
import { exportErrors, MONTH_FORMAT } from '../common/export-route';
import type { AuthUser } from '../context';
import { monthPeriod } from '../indicators/period';
import { type Limiter, LimiterBusyError } from './concurrency-limit';
import { chromiumLimiter, type RenderOptions, ReportRenderError, renderReportPdf } from './report-pdf.render';
import { provinceOf } from './reports.service';

const PARAMS = ['month', 'parentCode'] as const;
const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

export interface ReportPdfDeps {
  /** The metadata store: every PDF handed out is written to the audit log before it is sent. */
  orm: MikroORM;
  render?: (options: RenderOptions) => Promise<Buffer>;
  /** Default: the process's one Chromium limiter (report-pdf.render.ts), shared with the 通报's PDF. */
  limiter?: Limiter;
  timeoutMs?: number;
  tmpRoot?: string;
}

export interface ReportPdfRequest {
  month: string;
  parentCode: string;
}

/**
 * Params → month and parent (a province: its city ranking; a city: its county ranking), then the scope. `extraParams`:
 * further parameters the caller's route reads itself (the 通报's `city`); they too must be given once, as text.
 */
export function reportPdfRequest(
  user: AuthUser,
  query: Record<string, unknown>,
  extraParams: readonly string[] = [],
): ReportPdfRequest {
  const known = [...PARAMS, ...extraParams];
  for (const [name, value] of Object.entries(query)) {
    if (!known.includes(name)) throw exportErrors.unknownParameter(name, known);
    if (typeof value !== 'string') throw exportErrors.notText(name);
  }
  const month = query.month as string | undefined;
  if (month === undefined) throw exportErrors.required('month', MONTH_FORMAT);
  monthPeriod(month, 'month');
  const parentCode = (query.parentCode as string | undefined) ?? provinceOf(user.regionCode);
  const level = /^\d{6}$/.test(parentCode) ? findRegion(parentCode)?.level : undefined;
  if (level !== 'PROVINCE' && level !== 'CITY')
    throw badUserInput(
      'parentCode',
      `不是省或市的区划代码：${JSON.stringify(parentCode)} / not a province or city code: ${JSON.stringify(parentCode)}`,
    );
  assertRankingScope(user, parentCode);
  return { month, parentCode };
}

function bearerToken(req: Request): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

export function sendError(res: Response, status: number, code: string, message: string, argument?: string): void {
  res.status(status).json({ error: { code, message, ...(argument ? { argument } : {}) } });
}

/** A request error (BAD_USER_INPUT, FORBIDDEN, UNAUTHENTICATED) as the exports answer it; anything else is rethrown. */
export function sendRequestError(res: Response, error: unknown): void {
  const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
  const status = STATUS_OF_CODE[code];
  if (!status || !(error instanceof GraphQLError)) throw error;
  sendError(res, status, code, error.message, error.extensions.argument as string | undefined);
}

export function reportPdfHandler(deps: ReportPdfDeps): (req: Request, res: Response) => Promise<void> {
  const render = deps.render ?? renderReportPdf;
  const limiter = deps.limiter ?? chromiumLimiter;
  return async (req, res) => {
    const user = req.user;
    const token = bearerToken(req);
    if (!user || token === '') return sendError(res, 401, 'UNAUTHENTICATED', exportErrors.signInRequired);
    let r: ReportPdfRequest;
    try {
      r = reportPdfRequest(user, req.query as Record<string, unknown>);
    } catch (error) {
      return sendRequestError(res, error);
    }
    const port = req.socket.localPort;
    const url = `http://127.0.0.1:${port}/reports/${r.month}?print=1&parent=${r.parentCode}`;
    let pdf: Buffer;
    try {
      pdf = await limiter.run(() => render({ url, token, timeoutMs: deps.timeoutMs, tmpRoot: deps.tmpRoot }));
    } catch (error) {
      if (error instanceof LimiterBusyError) {
        res.setHeader('Retry-After', '10');
        return sendError(res, 503, 'BUSY', error.message);
      }
      const reference = Math.random().toString(36).slice(2, 10);
      console.error(`[report.pdf ${reference}]`, error);
      const reason = error instanceof ReportRenderError ? error.message : 'the report could not be printed';
      return sendError(res, 502, 'REPORT_RENDER_FAILED', `${reason} (reference ${reference})`);
    }
    const fileName = `月度通报_${r.parentCode}_${r.month}.pdf`;
    await recordAudit(deps.orm.em, {
      action: 'EXPORT_REPORT_PDF',
      ...actedBy(user, req.ip),
      target: `report_${r.parentCode}_${r.month}.pdf`,
      params: { month: r.month, parentCode: r.parentCode },
    });
    res.status(200);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="report_${r.parentCode}_${r.month}.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.end(pdf);
  };
}

/**
 * GET /export/notice.pdf and GET /export/notice.docx ?month=YYYY-MM&parentCode=CODE[&city=CODE] — the 通报 (issue 14
 * §1). Parameters, scope and errors are the report PDF's (reportPdfRequest: a ranking is shared with every unit it
 * ranks); `city` adds that unit's own page. A city user (its region a ranked unit, or inside one) always gets its own
 * page and may ask for no other city's. Each file handed out is written to the audit log first.
 *
 * Errors before any byte: 401, 400 naming the param, 403, 503 (too many renders queued), 502 (not printed).
 */
import { isWithin } from '@c12315/domain';
import { recordAudit } from '@c12315/store';
import type { Request, Response } from 'express';
import { actedBy } from '../audit/acting-user';
import { forbidden } from '../common/errors';
import { exportErrors } from '../common/export-route';
import type { AuthUser } from '../context';
import { LimiterBusyError } from '../reports/concurrency-limit';
import { reportPdfRequest, sendError, sendRequestError } from '../reports/report-pdf.route';
import type { NoticeDocument } from './notice.model';
import { buildNoticeContent, type NoticeDeps } from './notice-content.service';
import { withUnitPage } from './notice-document';
import { noticeDocx } from './notice-docx';
import { type NoticeRenderOptions, printNoticePdf } from './notice-pdf.render';

export type NoticeFormat = 'pdf' | 'docx';

const CONTENT_TYPE: Record<NoticeFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * The unit whose page is added: `city` when given; else the caller's own unit when the caller sits in one of the
 * ranked units (a city chief asking for the province's notice). A caller inside a ranked unit may not ask for another.
 */
export function noticeUnitOf(user: AuthUser, units: readonly { code: string }[], city: string | undefined): string | undefined {
  const own = units.find((u) => isWithin(user.regionCode, u.code))?.code;
  if (city !== undefined && own !== undefined && city !== own)
    throw forbidden(`the page of ${city} is outside your scope (${user.regionCode})`);
  return city ?? own;
}

export function noticeHandler(
  deps: NoticeDeps & NoticeRenderOptions,
  format: NoticeFormat,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const user = req.user;
    if (!user) return sendError(res, 401, 'UNAUTHENTICATED', exportErrors.signInRequired);
    let doc: NoticeDocument;
    let unit: string | undefined;
    try {
      const query = req.query as Record<string, unknown>;
      const r = reportPdfRequest(user, query, ['city']);
      const content = await buildNoticeContent(deps, r);
      unit = noticeUnitOf(user, content.units, query.city as string | undefined);
      doc = withUnitPage(content, unit);
    } catch (error) {
      return sendRequestError(res, error);
    }
    let bytes: Buffer;
    try {
      bytes = format === 'pdf' ? await printNoticePdf(doc, deps) : await noticeDocx(doc);
    } catch (error) {
      if (error instanceof LimiterBusyError) {
        res.setHeader('Retry-After', '10');
        return sendError(res, 503, 'BUSY', error.message);
      }
      const reference = Math.random().toString(36).slice(2, 10);
      console.error(`[notice.${format} ${reference}]`, error);
      return sendError(res, 502, 'NOTICE_RENDER_FAILED', `the notice could not be written (reference ${reference})`);
    }
    const { month, parentCode } = doc.content;
    const name = `notice_${parentCode}_${month}${unit ? `_${unit}` : ''}.${format}`;
    await recordAudit(deps.orm.em, {
      action: format === 'pdf' ? 'EXPORT_NOTICE_PDF' : 'EXPORT_NOTICE_DOCX',
      ...actedBy(user, req.ip),
      target: name,
      params: { month, parentCode, ...(unit ? { city: unit } : {}), docNumber: doc.content.docNumber },
    });
    res.status(200);
    res.setHeader('Content-Type', CONTENT_TYPE[format]);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(`通报_${parentCode}_${month}${unit ? `_${unit}` : ''}.${format}`)}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.end(bytes);
  };
}

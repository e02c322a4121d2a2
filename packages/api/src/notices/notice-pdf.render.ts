/**
 * The 通报 as a PDF: the HTML of notice-html.ts given to the headless Chromium the report PDF uses (same launch
 * options, same process-wide limiter: report-pdf.render.ts) by page.setContent — the page may load nothing — and
 * printed A4 with the GB/T 9704 margins and Chromium's footer for the page numbers ("— 1 —").
 */
import type { Limiter } from '../reports/concurrency-limit';
import { chromiumLimiter, withChromiumPage } from '../reports/report-pdf.render';
import type { NoticeDocument } from './notice.model';
import type { NoticeDeps, NoticeRequest } from './notice-content.service';
import { noticeDocument } from './notice-document';
import { NOTICE_FOOTER, noticeHtml, PAGE_MM } from './notice-html';

export interface NoticeRenderOptions {
  /** Default: the process's Chromium limiter (at most 2 browsers, 6 waiting). */
  limiter?: Limiter;
  timeoutMs?: number;
  tmpRoot?: string;
}

export async function printNoticePdf(doc: NoticeDocument, options: NoticeRenderOptions = {}): Promise<Buffer> {
  const timeout = options.timeoutMs ?? 60_000;
  const html = noticeHtml(doc);
  return (options.limiter ?? chromiumLimiter).run(() =>
    withChromiumPage({ timeoutMs: timeout, tmpRoot: options.tmpRoot, allowedOrigin: null }, async (page) => {
      await page.setContent(html, { waitUntil: 'load', timeout });
      // The system fonts are local; wait until the page has laid out with them before printing.
      await page.evaluate('document.fonts.ready.then(() => true)');
      return page.pdf({
        width: `${PAGE_MM.width}mm`,
        height: `${PAGE_MM.height}mm`,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: NOTICE_FOOTER,
        margin: {
          top: `${PAGE_MM.top}mm`,
          right: `${PAGE_MM.right}mm`,
          bottom: `${PAGE_MM.bottom}mm`,
          left: `${PAGE_MM.left}mm`,
        },
      });
    }),
  );
}

/**
 * The 通报 of a month as PDF bytes, for code that needs no HTTP request (e.g. e-mail delivery). The caller checks the
 * recipient's scope; `city`: a ranked unit, whose own page is appended.
 */
export async function renderNoticePdf(
  deps: NoticeDeps & NoticeRenderOptions,
  req: NoticeRequest & { city?: string },
): Promise<Buffer> {
  return printNoticePdf(await noticeDocument(deps, req), deps);
}

/**
 * File exports served beside /graphql (behind the same authentication; each handler checks the scope itself).
 */

import type { AppConfig, ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { RequestHandler } from 'express';
import { noticeHandler } from './notices/notice.route';
import { overdueCsvHandler } from './overdue/overdue-csv';
import { reportPdfHandler } from './reports/report-pdf.route';

export type ExportFactory = (deps: { ch: ClickHouseClient; orm: MikroORM; config: AppConfig }) => RequestHandler;

export const EXPORT_ROUTES: Record<string, ExportFactory> = {
  '/export/overdue.csv': ({ ch, orm }) => overdueCsvHandler({ ch, orm }),
  '/export/report.pdf': ({ orm }) => reportPdfHandler({ orm }),
  '/export/notice.pdf': ({ ch, orm }) => noticeHandler({ ch, orm }, 'pdf'),
  '/export/notice.docx': ({ ch, orm }) => noticeHandler({ ch, orm }, 'docx'),
};

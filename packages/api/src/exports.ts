/**
 * File exports served beside /graphql (behind the same authentication; each handler checks the scope itself). The
 * CSV and .xlsx exports share their plumbing (common/export-route.ts) and the .xlsx ones their sheet writer
 * (common/xlsx-sheet.ts); each feature says which parameters it takes and what it writes.
 */

import type { AppConfig, ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { RequestHandler } from 'express';
import { exportHandler } from './common/export-route';
import { disclosureXlsxExport, hotspotsXlsxExport, redBlackXlsxExport } from './hotspots/hotspots-xlsx';
import { metricsXlsxExport } from './metrics/metrics-xlsx';
import { noticeHandler } from './notices/notice.route';
import { overdueCsvHandler } from './overdue/overdue-csv';
import { overdueXlsxExport } from './overdue/overdue-xlsx';
import { rankingXlsxExport } from './ranking/ranking-xlsx';
import { reportPdfHandler } from './reports/report-pdf.route';

export type ExportFactory = (deps: { ch: ClickHouseClient; orm: MikroORM; config: AppConfig }) => RequestHandler;

export const EXPORT_ROUTES: Record<string, ExportFactory> = {
  '/export/overdue.csv': ({ ch, orm }) => overdueCsvHandler({ ch, orm }),
  '/export/report.pdf': ({ orm }) => reportPdfHandler({ orm }),
  '/export/ranking.xlsx': (deps) => exportHandler(deps, rankingXlsxExport(deps)),
  '/export/metrics.xlsx': (deps) => exportHandler(deps, metricsXlsxExport(deps)),
  '/export/overdue.xlsx': (deps) => exportHandler(deps, overdueXlsxExport(deps)),
  '/export/hotspots.xlsx': (deps) => exportHandler(deps, hotspotsXlsxExport(deps)),
  '/export/disclosure.xlsx': (deps) => exportHandler(deps, disclosureXlsxExport(deps)),
  '/export/red-black.xlsx': (deps) => exportHandler(deps, redBlackXlsxExport(deps)),
  '/export/notice.pdf': ({ ch, orm }) => noticeHandler({ ch, orm }, 'pdf'),
  '/export/notice.docx': ({ ch, orm }) => noticeHandler({ ch, orm }, 'docx'),
};

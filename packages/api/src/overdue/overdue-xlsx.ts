/**
 * GET /export/overdue.xlsx — the overdue CSV export's list as a sheet: the same parameters, checks, scope, SQL and
 * row order (overdue-csv.ts), the same Chinese headers; dates as Excel dates, overdue working days as numbers. Rows are
 * written page by page from the keyset-paged list through exceljs' streaming writer: never the whole list in memory.
 */
import { findRegion } from '@c12315/domain';
import type { ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import { type ExportFile, XLSX_CONTENT_TYPE } from '../common/export-route';
import { writeXlsx, type XlsxColumn, type XlsxFormat } from '../common/xlsx-sheet';
import type { AuthUser } from '../context';
import { type OverdueArgs, type OverdueCaseRow, type OverdueQuery, overdueRows } from './overdue.service';
import { OVERDUE_CSV_COLUMNS, overdueAuditParams, overdueDisplayRecord, overdueExportQuery } from './overdue-csv';

type DisplayRecord = ReturnType<typeof overdueDisplayRecord>;

const LAYOUT: Partial<Record<keyof OverdueCaseRow, { width: number; format: XlsxFormat }>> = {
  caseId: { width: 22, format: 'text' },
  registeredAt: { width: 20, format: 'datetime' },
  handlingUnitCode: { width: 12, format: 'text' },
  handlingUnitName: { width: 24, format: 'text' },
  respondentName: { width: 24, format: 'text' },
  dueDate: { width: 12, format: 'date' },
  dueDateProvisional: { width: 10, format: 'text' },
  overdueWorkdays: { width: 10, format: 'integer' },
  objectCategory: { width: 20, format: 'text' },
  problemCategory: { width: 14, format: 'text' },
};

/** The CSV's columns, in its order and with its headers. */
export const OVERDUE_XLSX_COLUMNS: XlsxColumn<DisplayRecord>[] = OVERDUE_CSV_COLUMNS.map((c) => ({
  header: c.header,
  ...(LAYOUT[c.key] ?? { width: 10, format: 'text' as const }),
  value: (r: DisplayRecord) => r[c.key],
}));

const SORT_ZH: Record<string, string> = { OVERDUE_WORKDAYS: '超期工作日', DUE_DATE: '到期日', UNIT: '承办单位' };
const FILTER_ZH: Record<string, string> = {
  kinds: '类型',
  stages: '环节',
  problemCategories: '问题类别',
  objectCategories: '客体类别',
  unitCodes: '承办单位',
};

export function overdueTitle(args: OverdueArgs, q: OverdueQuery): string {
  const filters = Object.entries(FILTER_ZH)
    .map(([key, zh]) => [zh, (args as Record<string, readonly string[] | undefined>)[key]] as const)
    .filter(([, values]) => values && values.length > 0)
    .map(([zh, values]) => `${zh}：${values?.join('、')}`);
  return [
    '超期案件清单',
    `范围 ${findRegion(q.regionCode.slice(0, 6))?.name ?? ''}（${q.regionCode}）`,
    `截至 ${q.asOf}`,
    `排序 ${SORT_ZH[q.sort] ?? q.sort}`,
    filters.length ? `筛选 ${filters.join('；')}` : '筛选 无',
  ].join(' · ');
}

async function* displayRows(ch: ClickHouseClient, q: OverdueQuery, pageSize?: number): AsyncGenerator<DisplayRecord> {
  for await (const row of overdueRows(ch, q, pageSize)) yield overdueDisplayRecord(row);
}

export function overdueXlsxExport(deps: { ch: ClickHouseClient; orm: MikroORM; pageSize?: number }) {
  return (user: AuthUser, query: Record<string, unknown>): ExportFile => {
    const { args, q } = overdueExportQuery(user, query);
    return {
      downloadName: `overdue_${q.regionCode}_${q.asOf}.xlsx`,
      fileName: `超期案件_${q.regionCode}_${q.asOf}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
      audit: { action: 'EXPORT_XLSX', params: { table: 'overdue', ...overdueAuditParams(args, q) } },
      write: (out) =>
        writeXlsx(out, {
          name: '超期案件',
          title: overdueTitle(args, q),
          columns: OVERDUE_XLSX_COLUMNS,
          rows: displayRows(deps.ch, q, deps.pageSize),
        }),
    };
  };
}

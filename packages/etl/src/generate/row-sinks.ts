/**
 * Streaming writers for the three export formats (case-export.md §Files). Each keeps memory flat by waiting for the
 * file stream to drain, so a million rows go through a few megabytes of buffer.
 * - CSV: RFC 4180 via csv-stringify; UTF-8 with BOM, or GBK through iconv-lite (government exports often are).
 * - JSON Lines: one object per line with the Chinese headers as keys; empty values are left out (an absent key
 *   means "no value").
 * - XLSX: exceljs streaming WorkbookWriter; every other row writes its standard-shape dates as Excel date cells, the
 *   rest as text, because real exports come both ways.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DATE_HEADERS, EXPORT_HEADERS, type ExportRow } from './columns';

export interface RowSink {
  write(row: ExportRow): Promise<void>;
  close(): Promise<void>;
}

export interface SinkOptions {
  format: 'xlsx' | 'csv' | 'jsonl';
  encoding?: 'utf-8' | 'gbk';
  /** Fixed workbook timestamps (no clock in the output). */
  created: Date;
}

async function writeChunk(stream: Writable, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

function finished(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
  });
}

function csvSink(path: string, encoding: 'utf-8' | 'gbk'): RowSink {
  const file = fs.createWriteStream(path);
  const gbk = encoding === 'gbk';
  const csv = stringify({ header: true, columns: [...EXPORT_HEADERS], bom: !gbk, record_delimiter: 'windows' });
  // pipeline, not pipe: an error anywhere rejects `done` instead of leaving the writer waiting for 'drain'.
  let done: Promise<void>;
  if (gbk) {
    csv.setEncoding('utf8'); // iconv-lite's encoder takes strings, csv-stringify emits Buffers otherwise
    done = pipeline(csv, iconv.encodeStream('gbk'), file);
  } else {
    done = pipeline(csv, file);
  }
  done.catch(() => undefined); // observed in close(); avoids an unhandled rejection while rows are still written
  return {
    write: (row) =>
      writeChunk(
        csv,
        EXPORT_HEADERS.map((h) => row[h] ?? ''),
      ),
    close: async () => {
      csv.end();
      await done;
    },
  };
}

function jsonlSink(path: string): RowSink {
  const file = fs.createWriteStream(path);
  const done = finished(file);
  let buffer = '';
  return {
    write: async (row) => {
      const obj: Record<string, string> = {};
      for (const h of EXPORT_HEADERS) if (row[h]) obj[h] = row[h] as string;
      buffer += `${JSON.stringify(obj)}\n`;
      if (buffer.length > 1 << 16) {
        const chunk = buffer;
        buffer = '';
        await writeChunk(file, chunk);
      }
    },
    close: async () => {
      file.end(buffer);
      await done;
    },
  };
}

const STANDARD_TS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A wall-clock date as exceljs needs it: exceljs turns a Date into an Excel serial through its UTC value. */
function excelDate(text: string): Date | null {
  const m = STANDARD_TS.exec(text);
  if (!m) return null;
  return new Date(
    Date.UTC(
      +(m[1] as string),
      +(m[2] as string) - 1,
      +(m[3] as string),
      +(m[4] as string),
      +(m[5] as string),
      +(m[6] as string),
    ),
  );
}

/**
 * exceljs pipes the sheet's XML into the zip without backpressure (its StreamBuf ignores `write() === false`), so
 * the unzipped XML piles up in the zip entry's PassThrough. Wait until that buffer is small again. Reaches into
 * exceljs internals (`WorksheetWriter.stream.pipes`); if they are not there, just yields to the event loop.
 */
async function zipCaughtUp(ws: ExcelJS.Worksheet): Promise<void> {
  type Buffered = { _writableState?: { length?: number } };
  const pipes = (ws as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes ?? [];
  // archiver's PassThrough comes from readable-stream 2, which has no `writableLength`.
  const pending = () => pipes.reduce((sum, p) => sum + (p._writableState?.length ?? 0), 0);
  await new Promise((resolve) => setImmediate(resolve));
  while (pending() > 4 * 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 2));
}

function xlsxSink(path: string, created: Date): RowSink {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
    // Fast deflate: the zip step is the bottleneck of a big workbook.
    zip: { zlib: { level: 1 } },
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  wb.created = created;
  wb.modified = created;
  wb.creator = '12315 synthetic export';
  const ws = wb.addWorksheet('案件导出');
  ws.addRow([...EXPORT_HEADERS]).commit();
  const dateColumns = DATE_HEADERS.map((h) => EXPORT_HEADERS.indexOf(h) + 1);
  let n = 0;
  return {
    write: async (row) => {
      const r = ws.addRow(EXPORT_HEADERS.map((h) => row[h] ?? ''));
      if (n % 2 === 0) {
        for (const col of dateColumns) {
          const cell = r.getCell(col);
          const d = excelDate(String(cell.value ?? ''));
          if (d) {
            cell.value = d;
            cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
          }
        }
      }
      r.commit();
      if (++n % 500 === 0) await zipCaughtUp(ws);
    },
    close: async () => {
      ws.commit();
      await wb.commit();
    },
  };
}

export function openRowSink(path: string, o: SinkOptions): RowSink {
  if (o.format === 'csv') return csvSink(path, o.encoding ?? 'utf-8');
  if (o.encoding === 'gbk') throw new Error('GBK applies to CSV only');
  if (o.format === 'jsonl') return jsonlSink(path);
  return xlsxSink(path, o.created);
}

/**
 * The reject file (case-export.md §What a load reports): UTF-8 with BOM so Excel shows the Chinese text, columns
 * 行号,登记编号,列,原因,reason, one line per issue. Created on the first reject only: a clean file leaves no reject
 * file behind. Issues never carry personal data (validation never reads those columns).
 */
import * as fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import type { Issue } from './issue';

const HEADER = ['行号', '登记编号', '列', '原因', 'reason'];

/** A case id opened in a spreadsheet must not run as a formula (CSV injection). */
function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export class RejectFileWriter {
  private stream: fs.WriteStream | null = null;
  private failure: Error | null = null;
  private rows = 0;
  private closed: Promise<number> | null = null;

  constructor(readonly path: string) {}

  add(rowNumber: number, caseId: string | null, issues: Issue[]): void {
    if (this.closed) throw new Error('RejectFileWriter: add() after close()');
    if (!this.stream) {
      this.stream = fs.createWriteStream(this.path, { encoding: 'utf8' });
      this.stream.on('error', (err) => {
        this.failure = err;
      });
      this.stream.write(`\uFEFF${stringify([HEADER], { record_delimiter: '\r\n' })}`);
    }
    this.rows += 1;
    const id = caseId === null ? '' : safeCell(caseId);
    const lines = issues.map((i) => [String(rowNumber), id, i.column, i.reasonZh, i.reasonEn]);
    this.stream.write(stringify(lines, { record_delimiter: '\r\n' }));
  }

  /** Flushes the file; resolves to the number of rejected rows written (0 and no file when there were none). */
  close(): Promise<number> {
    this.closed ??= this.finish();
    return this.closed;
  }

  private async finish(): Promise<number> {
    const stream = this.stream;
    if (!stream) return 0;
    stream.end();
    await finished(stream);
    if (this.failure) throw this.failure;
    return this.rows;
  }
}

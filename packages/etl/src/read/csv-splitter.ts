/**
 * RFC 4180 record splitter over decoded text chunks, written for speed (a character loop with slices instead of a
 * byte-by-byte field buffer). It reproduces, rule for rule, what csv-parse 6 did with the options the reader used
 * before (relax_quotes, relax_column_count, skip_empty_lines: false, skip_records_with_error), so row numbers,
 * rejects and values are unchanged (csv-splitter.test.ts checks it against csv-parse on random input):
 * - the record delimiter is the first of \r\n, \n, \r met outside quotes; after that only it ends a record;
 * - "" inside quotes is one quote; a closing quote must be followed by `,`, the record delimiter or the end;
 *   otherwise (relax_quotes) the field is read as text from its opening quote on: `"bad"x` → `"bad"x`;
 * - a quote inside an unquoted field is text (`某某"牌"酒`);
 * - a blank line is a record of one empty field; a last line without delimiter is a record;
 * - a quote still open at the end of the input makes the rest of the input one broken record (CSV_QUOTE_NOT_CLOSED).
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Record delimiter: not yet known, \n, \r\n or \r. */
enum Delimiter {
  Unknown = 0,
  Lf = 1,
  CrLf = 2,
  Cr = 3,
}

export class CsvSplitter {
  private delimiter = Delimiter.Unknown;
  private record: string[] = [];
  /** Text of the current field taken from earlier chunks or pieces (the rest is a slice of the current chunk). */
  private field = '';
  private quoting = false;
  private wasQuoting = false;
  /** Up to two characters held back from the previous chunk: a quote or \r needs to see what follows it. */
  private carry = '';
  /** Set at the end when a quote was never closed. */
  unclosedQuote = false;

  /**
   * Split one chunk; complete records are handed to `onRecord` in order. `end` marks the last chunk (may be '').
   */
  push(chunk: string, end: boolean, onRecord: (record: string[]) => void): void {
    const buf = this.carry === '' ? chunk : this.carry + chunk;
    const length = buf.length;
    const limit = end ? length : length - 2;
    let i = 0;
    let start = 0; // start of the part of the current field not yet copied into `field`
    while (i < limit) {
      const c = buf.charCodeAt(i);
      if (this.quoting) {
        if (c !== QUOTE) {
          i++;
          continue;
        }
        const next = i + 1 < length ? buf.charCodeAt(i + 1) : -1;
        if (next === QUOTE) {
          // An escaped quote: keep one.
          this.field += buf.slice(start, i + 1);
          i += 2;
          start = i;
        } else if (next === -1 || next === COMMA || this.delimiterLength(buf, i + 1) > 0) {
          this.field += buf.slice(start, i);
          this.quoting = false;
          this.wasQuoting = true;
          i++;
          start = i;
        } else {
          // relax_quotes: an invalid closing quote turns the field into text, quotes included.
          this.field = `"${this.field}${buf.slice(start, i)}"`;
          this.quoting = false;
          this.wasQuoting = true;
          i++;
          start = i;
        }
        continue;
      }
      if (c === COMMA) {
        this.record.push(this.field + buf.slice(start, i));
        this.field = '';
        this.wasQuoting = false;
        i++;
        start = i;
      } else if (c === QUOTE) {
        // Opens a quoted field only at the start of a field; elsewhere it is text.
        if (start === i && this.field === '') this.quoting = true;
        i++;
        if (this.quoting) start = i;
      } else if (c === LF || c === CR) {
        const n = this.delimiterLength(buf, i);
        if (n > 0) {
          this.record.push(this.field + buf.slice(start, i));
          onRecord(this.record);
          this.record = [];
          this.field = '';
          this.wasQuoting = false;
          i += n;
          start = i;
        } else {
          i++;
        }
      } else {
        i++;
      }
    }
    if (!end) {
      this.field += buf.slice(start, i);
      this.carry = buf.slice(i);
      return;
    }
    this.carry = '';
    if (this.quoting) {
      this.unclosedQuote = true;
    } else if (this.wasQuoting || this.record.length > 0 || this.field !== '' || start < length) {
      this.record.push(this.field + buf.slice(start, length));
      onRecord(this.record);
    }
    this.record = [];
    this.field = '';
    this.quoting = false;
    this.wasQuoting = false;
  }

  /** Length of the record delimiter at `i` (0 if none); the first \r or \n met outside quotes fixes the delimiter. */
  private delimiterLength(buf: string, i: number): number {
    const c = i < buf.length ? buf.charCodeAt(i) : -1;
    if (c !== LF && c !== CR) return 0;
    const crlf = c === CR && i + 1 < buf.length && buf.charCodeAt(i + 1) === LF;
    switch (this.delimiter) {
      case Delimiter.Lf:
        return c === LF ? 1 : 0;
      case Delimiter.CrLf:
        return crlf ? 2 : 0;
      case Delimiter.Cr:
        return c === CR ? 1 : 0;
      default:
        this.delimiter = crlf ? Delimiter.CrLf : c === LF ? Delimiter.Lf : Delimiter.Cr;
        return crlf ? 2 : 1;
    }
  }
}

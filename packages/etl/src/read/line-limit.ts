/**
 * The line-length limit of CSV and JSON Lines files, checked in one pass over the raw bytes before the header is
 * looked for: a broken export whose second line is 200 MB with no line end (or 50 MB of NUL bytes) is refused having
 * held one chunk, instead of growing a string until the heap gives out. Both load paths read the file only after it,
 * so they refuse the same files. A line ends at LF, CR or CR LF (a CSV's quoted line break ends a line here too: the
 * limit is on what a reader must hold at once, and a record's cells hold no more than its lines).
 */
import * as fs from 'node:fs';
import { limitExceeded } from './read-limits';

const LF = 0x0a;
const CR = 0x0d;

/** Throws ExportReadError LIMIT_EXCEEDED naming the first line longer than `maxLineBytes` bytes. */
export async function checkLineLengths(filePath: string, maxLineBytes: number): Promise<void> {
  let line = 1;
  let length = 0;
  let afterCr = false;
  const tooLong = () =>
    limitExceeded(
      filePath,
      'maxLineBytes',
      maxLineBytes,
      { zh: `文件第 ${line} 行`, en: `line ${line}` },
      { zh: `长于 ${maxLineBytes} 字节`, en: `longer than ${maxLineBytes} bytes` },
    );
  const input = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let at = 0;
      // A CR LF cut by the chunk boundary ends one line, not two.
      if (afterCr && chunk[0] === LF) at = 1;
      afterCr = false;
      let nextLf = chunk.indexOf(LF, at);
      let nextCr = chunk.indexOf(CR, at);
      while (at < chunk.length) {
        if (nextLf >= 0 && nextLf < at) nextLf = chunk.indexOf(LF, at);
        if (nextCr >= 0 && nextCr < at) nextCr = chunk.indexOf(CR, at);
        const end = nextLf < 0 ? nextCr : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
        if (end < 0) {
          length += chunk.length - at;
          if (length > maxLineBytes) throw tooLong();
          break;
        }
        length += end - at;
        if (length > maxLineBytes) throw tooLong();
        line += 1;
        length = 0;
        at = end + 1;
        if (chunk[end] === CR) {
          if (at < chunk.length && chunk[at] === LF) at++;
          else if (at === chunk.length) afterCr = true;
        }
      }
    }
  } finally {
    input.destroy();
  }
}

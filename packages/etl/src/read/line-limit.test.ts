import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkLineLengths } from './line-limit';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'line-limit-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

test('lines at the limit pass, whatever the line ends (LF, CR LF, CR, mixed)', async () => {
  const line = 'x'.repeat(1024);
  await expect(checkLineLengths(file('lf.csv', `${line}\n${line}\n`), 1024)).resolves.toBeUndefined();
  await expect(checkLineLengths(file('crlf.csv', `${line}\r\n${line}\r\n${line}`), 1024)).resolves.toBeUndefined();
  await expect(checkLineLengths(file('mixed.csv', `${line}\r${line}\n${line}\r\n${line}`), 1024)).resolves.toBeUndefined();
});

test('the first longer line is named with its number and the limit, zh + en', async () => {
  const p = file('long.csv', `a\r\nb\r\n${'y'.repeat(1025)}\r\nc\r\n`);
  await expect(checkLineLengths(p, 1024)).rejects.toThrow(
    /文件第 3 行长于 1024 字节，超过行长度上限 1024（ETL_MAX_LINE_BYTES） \/ line 3: longer than 1024 bytes, over the line length limit 1024 \(ETL_MAX_LINE_BYTES\)/,
  );
});

test('a line running across chunks (no line end at all, NUL bytes) is refused before the file is read whole', async () => {
  const p = file('nul.csv', Buffer.concat([Buffer.from('登记编号,业务类型\n'), Buffer.alloc(8 << 20)]));
  await expect(checkLineLengths(p, 1 << 20)).rejects.toThrow(/line 2: longer than 1048576 bytes/);
  // CR LF split by the 1 MiB chunk boundary counts once: line numbers stay right.
  const split = Buffer.alloc((1 << 20) + 10, 0x61);
  split[(1 << 20) - 1] = 0x0d;
  split[1 << 20] = 0x0a;
  split.fill(0x62, (1 << 20) + 1);
  const q = file('split.csv', Buffer.concat([split, Buffer.from('\n'), Buffer.alloc(2000, 0x63)]));
  await expect(checkLineLengths(q, 1 << 20)).resolves.toBeUndefined();
  await expect(checkLineLengths(q, 1000)).rejects.toThrow(/line 1: /);
  const r = file(
    'split3.csv',
    Buffer.concat([Buffer.alloc((1 << 20) - 1, 0x61), Buffer.from('\r\nbb\n'), Buffer.alloc((1 << 20) + 1, 0x63)]),
  );
  expect(fs.readFileSync(r)[(1 << 20) - 1]).toBe(0x0d); // the CR ends the first chunk, its LF starts the next
  await expect(checkLineLengths(r, 1 << 20)).rejects.toThrow(/文件第 3 行长于 1048576 字节/);
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RejectFileWriter } from './reject-file-writer';

describe('RejectFileWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejects-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes UTF-8 with BOM, one line per issue, RFC 4180 quoting', async () => {
    const file = path.join(dir, 'a.rejects.csv');
    const w = new RejectFileWriter(file);
    w.add(6, 'ZJ-3', [
      { column: '登记时间', reasonZh: '不存在的日期或时间 "2024-13-01"', reasonEn: 'no such date, "2024-13-01"' },
      { column: '办结结果', reasonZh: '违反规则 4', reasonEn: 'rule 4' },
    ]);
    w.add(9, null, [{ column: '整行', reasonZh: '坏', reasonEn: 'bad' }]);
    w.add(10, '=HYPERLINK("x")', [{ column: '登记编号', reasonZh: 'r', reasonEn: 'r' }]);
    expect(await w.close()).toBe(3);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        '行号,登记编号,列,原因,reason',
        '6,ZJ-3,登记时间,"不存在的日期或时间 ""2024-13-01""","no such date, ""2024-13-01"""',
        '6,ZJ-3,办结结果,违反规则 4,rule 4',
        '9,,整行,坏,bad',
        `10,"'=HYPERLINK(""x"")",登记编号,r,r`,
        '',
      ].join('\r\n'),
    );
  });

  it('creates no file when nothing was rejected; close is idempotent', async () => {
    const file = path.join(dir, 'b.rejects.csv');
    const w = new RejectFileWriter(file);
    expect(await w.close()).toBe(0);
    expect(await w.close()).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports a write failure on close', async () => {
    const w = new RejectFileWriter(path.join(dir, 'missing-dir', 'c.csv'));
    w.add(2, 'X', [{ column: '整行', reasonZh: 'r', reasonEn: 'r' }]);
    await expect(w.close()).rejects.toThrow(/ENOENT/);
  });
});

/**
 * `pnpm bench hostile-files [-- --sheet-mb 1500 --line-mb 200]`: the big hostile files of issue 13 §1 at the issue's
 * sizes, each loaded by the CLI on both paths under the default limits; prints one line per run: exit status, peak
 * RSS, time and the error. The CI-sized variants are packages/etl/src/load/hostile-files.int.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../packages/etl/test-support/cli-run';
import {
  inlineRow,
  repeatedSheet,
  sheetXml,
  workbookEntries,
  writeHeaderThen,
  writeZip,
} from '../packages/etl/test-support/hostile-files';

const MB = 1 << 20;
const { values } = parseArgs({
  options: { 'sheet-mb': { type: 'string', default: '1500' }, 'line-mb': { type: 'string', default: '200' } },
});
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-'));
const dataDir = path.join(work, 'data');
const header = '登记编号,业务类型,登记时间,接收渠道,承办单位,承办单位代码,处理状态,更新时间';

const files: [string, () => string][] = [
  [
    `CSV, line 2 of ${values['line-mb']} MB without line end`,
    () => {
      const f = path.join(work, 'no-line-end.csv');
      writeHeaderThen(f, header, 0x78, Number(values['line-mb']) * MB);
      return f;
    },
  ],
  [
    'CSV, header then 50 MB of NUL bytes',
    () => {
      const f = path.join(work, 'nul.csv');
      writeHeaderThen(f, header, 0, 50 * MB);
      return f;
    },
  ],
  [
    `XLSX, ${values['sheet-mb']} MB of sheet XML without a header`,
    () => {
      const f = path.join(work, 'no-header.xlsx');
      let n = 0;
      writeZip(
        f,
        workbookEntries(() =>
          (function* () {
            yield Buffer.from(sheetXml([]).replace('</sheetData></worksheet>', ''));
            for (let written = 0; written < Number(values['sheet-mb']) * MB; ) {
              const rows: string[] = [];
              for (let k = 0; k < 2000; k++) {
                n++;
                rows.push(`<row r="${n}"><c r="A${n}"><v>${(n * 7919) % 1000003}</v></c></row>`);
              }
              const block = Buffer.from(rows.join(''));
              written += block.length;
              yield block;
            }
            yield Buffer.from('</sheetData></worksheet>');
          })(),
        ),
      );
      return f;
    },
  ],
  [
    'XLSX, ratio bomb (1 GB of one row repeated)',
    () => {
      const f = path.join(work, 'bomb.xlsx');
      writeZip(
        f,
        workbookEntries(() => repeatedSheet(inlineRow(2, ['A1', '投诉']), 1024 * MB)),
      );
      return f;
    },
  ],
];

try {
  for (const [name, build] of files) {
    const file = build();
    const size = fs.statSync(file).size;
    for (const mode of [[], ['--row-by-row']]) {
      const r = runCli(dataDir, ['load', file, '--rejects-dir', work, ...mode]);
      const error = /\[[A-Z_]+\]: .*/.exec(r.out)?.[0] ?? r.out.trim().split('\n').pop();
      process.stdout.write(
        `${name} (${(size / MB).toFixed(1)} MB file)${mode.length ? ' --row-by-row' : ''}: exit ${r.code}, peak RSS ${r.peakMb} MB, ${r.seconds.toFixed(1)} s — ${error}\n`,
      );
    }
    fs.rmSync(file, { force: true });
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

import { createHash } from 'node:crypto';
import { caseRecord } from '../../test-support/test-cases';
import { canonicalContent, contentHash, shanghaiEpochSeconds, toCaseRow, versionOf } from './case-row';
import { CASE_COLUMNS, caseValues, VERSION_COLUMNS, versionValues } from './case-tsv';
import { TsvBuffer } from './tsv-buffer';

const record = caseRecord({
  caseId: 'T-1',
  kind: 'COMPLAINT',
  registeredAt: '2025-03-03 09:00:00',
  handlingUnitCode: '140105',
  respondentName: 'a\tb\\c\nd\re', // every character TabSeparated must escape
  amountInvolved: '12.50',
  onlinePurchase: true,
  pausedDays: 3,
});

describe('TabSeparated rows of cases and case_versions', () => {
  it('value builders follow the column lists', () => {
    const row = toCaseRow(record, { loadId: '7', loadSeq: 7, sourceRow: 2 });
    expect(caseValues(row)).toEqual(CASE_COLUMNS.map((c) => row[c]));
    expect(versionValues(row)).toEqual(VERSION_COLUMNS.map((c) => row[c]));
    expect(CASE_COLUMNS).toHaveLength(54); // every column of infra/clickhouse/0001_cases.sql and 0005_due_provisional.sql
  });
  it('escapes tab, backslash and line breaks, writes NULL as \\N and booleans as true/false', () => {
    const tsv = new TsvBuffer();
    expect(tsv.bytes().length).toBe(0);
    tsv.row(['a\tb\\c\nd\re', null, true, false, 0, '汉字']);
    tsv.row([undefined, '']);
    expect(tsv.bytes().toString('utf8')).toBe('a\\tb\\\\c\\nd\\re\t\\N\ttrue\tfalse\t0\t汉字\n\\N\t\n');
    expect(tsv.rows).toBe(2);
  });
});

describe('contentHash', () => {
  it('is the first 32 hex digits of sha256 over the canonical JSON of the content fields (stored hashes stay valid)', () => {
    const expected = createHash('sha256').update(canonicalContent(record)).digest('hex').slice(0, 32);
    expect(contentHash(record)).toBe(expected);
    expect(canonicalContent(record).startsWith('["T-1",')).toBe(true);
  });
  it('changes with any content field', () => {
    expect(contentHash({ ...record, status: '已办结' })).not.toBe(contentHash(record));
    expect(contentHash({ ...record, pausedDays: 4 })).not.toBe(contentHash(record));
  });
});

describe('version from 更新时间 (Asia/Shanghai wall-clock, UTC+8)', () => {
  it('reads the wall-clock digits as Shanghai time', () => {
    expect(shanghaiEpochSeconds('1970-01-01 08:00:00')).toBe(0);
    // 2024-01-01 00:00:00 +08:00 = 2023-12-31 16:00:00 UTC = 1,704,038,400 s
    expect(shanghaiEpochSeconds('2024-01-01 00:00:00')).toBe(1_704_038_400);
    expect(shanghaiEpochSeconds('2024-02-29 23:59:59')).toBe(1_709_222_399);
  });
  it('puts the tie-break in the low 24 bits', () => {
    expect(versionOf('1970-01-01 08:00:01', 5)).toBe(String(2 ** 24 + 5));
  });
});

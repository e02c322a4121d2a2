/**
 * Golden fixtures (packages/etl/test-fixtures/golden): every file read and validated end to end. The expected records
 * and rejects are written out by hand from the fixture rows, not copied from the code's output.
 */
import * as path from 'node:path';
import type { CaseRecord } from '@c12315/domain';
import { openExport } from '../read';
import { type ColumnMapping, mapHeaders } from './header-mapping';
import type { Issue } from './issue';
import { validateRow } from './validate-row';

const DIR = path.join(__dirname, '../../test-fixtures/golden');
// 2024-07-01 00:00 in Shanghai: rule 6 refuses anything after 2024-07-02 00:00:00.
const LOAD_TIME = new Date('2024-06-30T16:00:00Z');

interface Loaded {
  format: string;
  encoding: string | null;
  mapping: ColumnMapping;
  ok: Map<number, { record: CaseRecord; warnings: string[] }>;
  rejects: { row: number; caseId: string | null; columns: string[] }[];
  allIssues: Issue[];
}

async function load(file: string): Promise<Loaded> {
  const opened = await openExport(path.join(DIR, file));
  const mapping = mapHeaders(opened.headers);
  const out: Loaded = { format: opened.format, encoding: opened.encoding, mapping, ok: new Map(), rejects: [], allIssues: [] };
  for await (const row of opened.rows) {
    const r = validateRow(row, mapping, { loadTime: LOAD_TIME });
    if (r.ok) out.ok.set(row.rowNumber, { record: r.record, warnings: r.warnings.map((w) => w.column) });
    else {
      out.rejects.push({ row: row.rowNumber, caseId: r.caseId, columns: r.issues.map((i) => i.column) });
      out.allIssues.push(...r.issues);
    }
  }
  expect(opened.bytesRead()).toBe(opened.size);
  await opened.close();
  return out;
}

/** Every optional field empty: each expected record below spells out what is set. */
const EMPTY = {
  respondentName: null,
  respondentUscc: null,
  respondentRegionCode: null,
  entityType: null,
  industryCode: null,
  objectCategory: null,
  problemCategory: null,
  onlinePurchase: null,
  platformName: null,
  amountInvolved: null,
  dispatchedAt: null,
  acceptance: null,
  rejectionReason: null,
  decidedAt: null,
  closedAt: null,
  outcome: null,
  recoveredAmount: null,
  complaintToCase: null,
  filingDecidedAt: null,
  extensionApproved: null,
  pausedDays: null,
  realNameReport: null,
  reporterNotifiedAt: null,
  satisfaction: null,
  disclosed: null,
} as const;

describe('golden XLSX (title row, Date cell, serial, rich text, formula, blank row)', () => {
  let f: Loaded;
  beforeAll(async () => {
    f = await load('cases-golden.xlsx');
  });

  it('maps all 33 columns', () => {
    expect(f.format).toBe('xlsx');
    expect(f.encoding).toBeNull();
    expect(f.mapping.field.size).toBe(33);
    expect(f.mapping.unknown).toEqual([]);
    expect(f.mapping.missingRequired).toEqual([]);
  });

  it('row 4: a complete complaint', () => {
    expect(f.ok.get(4)).toEqual({
      warnings: [],
      record: {
        ...EMPTY,
        caseId: 'ZJ2024030500001',
        kind: 'COMPLAINT',
        registeredAt: '2024-03-05 14:03:00', // a date-formatted cell
        channel: '全国12315平台',
        handlingUnitName: '杭州市西湖区市场监督管理局', // rich text joined
        handlingUnitCode: '330106',
        respondentName: '杭州某某餐饮有限公司',
        respondentUscc: '91330100716105852F',
        respondentRegionCode: '330106',
        entityType: '内资企业',
        industryCode: 'H6210',
        objectCategory: '服务-餐饮和住宿服务-餐饮服务',
        problemCategory: '食品安全',
        onlinePurchase: false,
        amountInvolved: '1234.50', // formula 1000+234.5: its result
        dispatchedAt: '2024-03-05 15:00:00',
        acceptance: '受理',
        decidedAt: '2024-03-08 09:30:00', // 2024/3/8 9:30
        status: '已办结',
        closedAt: '2024-03-25 12:00:00', // serial 45376.5: 45292 = 2024-01-01, +84 days, noon
        outcome: '调解成功',
        recoveredAmount: '1000.00', // ￥1,000
        complaintToCase: false,
        pausedDays: 0,
        satisfaction: '满意', // score 5
        disclosed: true,
        updatedAt: '2024-03-26 10:00:00', // ISO with +08:00
      },
    });
  });

  it('row 5: a report at a station, invalid USCC dropped with a warning', () => {
    expect(f.ok.get(5)).toEqual({
      warnings: ['统一社会信用代码'],
      record: {
        ...EMPTY,
        caseId: 'ZJ2024030600002',
        kind: 'REPORT',
        registeredAt: '2024-03-06 09:00:00',
        channel: '12315热线',
        handlingUnitName: '杭州市西湖区市场监督管理局西溪所',
        handlingUnitCode: '330106001', // a numeric cell
        respondentName: '杭州西溪某某超市',
        respondentRegionCode: '330106',
        entityType: '个体工商户',
        industryCode: 'F5211',
        objectCategory: '商品-食品',
        problemCategory: '价格违法行为',
        onlinePurchase: false,
        status: '已办结',
        closedAt: '2024-03-20 16:00:00',
        outcome: '立案',
        filingDecidedAt: '2024-03-15 10:00:00',
        extensionApproved: true,
        realNameReport: true,
        reporterNotifiedAt: '2024-03-21 10:00:00',
        disclosed: false,
        updatedAt: '2024-03-22 08:00:00',
      },
    });
  });

  it('row 11: a consultation whose complaint-only and report-only values are ignored (rule 3)', () => {
    const row = f.ok.get(11);
    expect(row?.warnings).toEqual(['受理决定', '实名举报']);
    expect(row?.record.acceptance).toBeNull();
    expect(row?.record.realNameReport).toBeNull();
    expect(row?.record.handlingUnitCode).toBe('330000');
    expect(row?.record.satisfaction).toBe('基本满意');
  });

  it('rejects rows 6, 7, 9, 10, 12 (row 8 is blank and skipped)', () => {
    expect([...f.ok.keys()]).toEqual([4, 5, 11]);
    expect(f.rejects).toEqual([
      { row: 6, caseId: 'ZJ2024030700003', columns: ['登记时间', '办结结果'] }, // month 13; 立案 on a consultation (rule 4)
      { row: 7, caseId: 'ZJ2024030800004', columns: ['涉及金额', '处理状态'] }, // negative; 办结时间 while 处理中 (rule 2)
      { row: 9, caseId: 'ZJ2024030900005', columns: ['接收渠道', '承办单位代码'] }, // blank required; 339999 (rule 5)
      { row: 10, caseId: 'ZJ2024031000006', columns: ['更新时间'] }, // 2099 (rule 6)
      { row: 12, caseId: 'ZJ2024031200008', columns: ['分送时间'] }, // before 登记时间 (rule 1)
    ]);
  });
});

describe('golden UTF-8 CSV with BOM (quoted fields, a multi-line value, a short row)', () => {
  let f: Loaded;
  beforeAll(async () => {
    f = await load('cases-utf8-bom.csv');
  });

  it('detects the BOM', () => {
    expect(f.format).toBe('csv');
    expect(f.encoding).toBe('utf-8-bom');
    expect(f.mapping.field.get('登记编号')).toBe('caseId'); // the BOM is not part of the first header
  });

  it('row 2: a closed complaint', () => {
    expect(f.ok.get(2)).toEqual({
      warnings: [],
      record: {
        ...EMPTY,
        caseId: 'C2024040100001',
        kind: 'COMPLAINT',
        registeredAt: '2024-04-01 09:15:00',
        channel: '全国12315平台',
        handlingUnitName: '深圳市南山区市场监督管理局',
        handlingUnitCode: '440305',
        respondentName: '深圳某某科技有限公司',
        respondentUscc: '9144030071526726XG',
        onlinePurchase: true,
        platformName: '京东',
        amountInvolved: '1234.50',
        problemCategory: '质量',
        objectCategory: '商品-通讯产品-手机',
        status: '已办结',
        closedAt: '2024-04-10 17:00:00',
        outcome: '调解成功',
        pausedDays: 3,
        satisfaction: '满意',
        updatedAt: '2024-04-11 08:00:00',
      },
    });
  });

  it('row 3: RFC 4180 quotes, an embedded comma and a line break', () => {
    expect(f.ok.get(3)).toEqual({
      warnings: [],
      record: {
        ...EMPTY,
        caseId: 'C2024040200002',
        kind: 'COMPLAINT',
        registeredAt: '2024-04-02 10:05:00', // 2024/4/2 10:05
        channel: '微信',
        handlingUnitName: '深圳市南山区市场监督管理局',
        handlingUnitCode: '440305',
        respondentName: '深圳"好味"餐饮, 有限公司',
        onlinePurchase: true,
        platformName: '美团\r\n外卖', // the file's own CRLF inside the quotes
        amountInvolved: '88.80', // ￥88.8
        problemCategory: '食品安全',
        objectCategory: '服务-餐饮和住宿服务',
        status: '处理中',
        updatedAt: '2024-04-03 12:00:00',
      },
    });
    expect(f.ok.get(7)?.record.satisfaction).toBe('不满意'); // score 2
    expect(f.ok.get(7)?.record.kind).toBe('REPORT');
  });

  it('rejects rows 4, 5, 6, 8 (numbered as a spreadsheet shows them, despite the two-line record)', () => {
    expect([...f.ok.keys()]).toEqual([2, 3, 7]);
    expect(f.rejects).toEqual([
      { row: 4, caseId: 'C2024040300003', columns: ['整行'] }, // 3 columns of 19
      { row: 5, caseId: 'C2024040400004', columns: ['接收渠道', '客体类别', '是否网购', '中止天数'] },
      { row: 6, caseId: 'C2024040500005', columns: ['办结时间'] }, // 已办结 without 办结时间 (rule 2)
      { row: 8, caseId: 'C2024040700007', columns: ['问题类别'] }, // a report category on a complaint
    ]);
  });
});

describe('golden UTF-8 CSV without BOM (shuffled headers, unknown and personal columns)', () => {
  let f: Loaded;
  beforeAll(async () => {
    f = await load('cases-utf8-shuffled.csv');
  });

  it('maps headers after NFKC + trim, sets personal and unknown columns apart', () => {
    expect(f.encoding).toBe('utf-8');
    expect(f.mapping.field.get(' 登记编号 ')).toBe('caseId');
    expect(f.mapping.field.get('更新时间　')).toBe('updatedAt');
    expect(f.mapping.personal).toEqual(['投诉人姓名', '联系电话']);
    expect(f.mapping.unknown).toEqual(['备注（内部）']);
    expect(f.mapping.missingRequired).toEqual([]);
  });

  it('rows 2 and 3', () => {
    expect(f.ok.get(2)?.record).toEqual({
      ...EMPTY,
      caseId: 'HZ-0501-001',
      kind: 'COMPLAINT',
      registeredAt: '2024-05-01 09:05:00',
      channel: 'APP',
      handlingUnitName: '杭州市西湖区市场监督管理局',
      handlingUnitCode: '330106',
      amountInvolved: '2000.00',
      status: '已办结',
      closedAt: '2024-05-02 17:30:00',
      satisfaction: '满意', // score 4
      updatedAt: '2024-05-02 18:00:00',
    });
    expect(f.ok.get(3)?.record).toEqual({
      ...EMPTY,
      caseId: 'HZ-0502-002',
      kind: 'REPORT',
      registeredAt: '2024-05-02 08:00:00',
      channel: '来信',
      handlingUnitName: '西溪所',
      handlingUnitCode: '330106001',
      status: '处理中',
      updatedAt: '2024-05-03 10:00:00',
    });
  });

  it('rejects rows 4–7 without echoing any personal data', () => {
    expect(f.rejects).toEqual([
      { row: 4, caseId: 'HZ-0503-003', columns: ['业务类型'] }, // 投拆
      { row: 5, caseId: null, columns: ['登记编号'] }, // 50 characters
      { row: 6, caseId: 'HZ-0505-005', columns: ['登记时间'] }, // 2030 (rule 6)
      { row: 7, caseId: 'HZ-0506-006', columns: ['回访结果'] }, // score 6
    ]);
    const text = JSON.stringify(f.allIssues);
    for (const personal of ['王五', '赵六', '孙七', '周八', '1370013', '1360013', '1350013', '1340013']) {
      expect(text).not.toContain(personal);
    }
  });
});

describe('golden GB18030 CSV', () => {
  let f: Loaded;
  beforeAll(async () => {
    f = await load('cases-gbk.csv');
  });

  it('detects GB18030 and decodes its 4-byte characters', () => {
    expect(f.encoding).toBe('gb18030');
    expect(f.ok.get(2)?.record).toEqual({
      ...EMPTY,
      caseId: 'GD-001',
      kind: 'COMPLAINT',
      registeredAt: '2024-06-01 10:00:00',
      channel: '12315热线',
      handlingUnitName: '深圳市南山区市场监督管理局',
      handlingUnitCode: '440305',
      respondentName: '𠮷野家餐饮（深圳）有限公司',
      respondentRegionCode: '440305',
      industryCode: 'H62',
      status: '已办结',
      closedAt: '2024-06-05 10:00:00',
      outcome: 'ODR先行和解',
      updatedAt: '2024-06-05 10:30:00',
    });
    expect(f.ok.get(6)?.record).toEqual({
      ...EMPTY,
      caseId: 'GD-005',
      kind: 'SUGGESTION',
      registeredAt: '2024-06-05 10:00:00',
      channel: '其他部门转办',
      handlingUnitName: '深圳市南山区市场监督管理局',
      handlingUnitCode: '440305',
      status: '已办结',
      closedAt: '2024-06-06 10:00:00',
      outcome: '已答复',
      updatedAt: '2024-06-06 11:00:00',
    });
    expect(f.ok.get(3)?.record.industryCode).toBe('F52');
  });

  it('rejects rows 4 and 5', () => {
    expect(f.rejects).toEqual([
      { row: 4, caseId: 'GD-003', columns: ['主体所在地代码', '行业分类'] }, // 3301; X99
      { row: 5, caseId: 'GD-004', columns: ['办结结果'] }, // 调解成功 on a report (rule 4)
    ]);
  });
});

describe('golden JSON Lines with English keys', () => {
  let f: Loaded;
  beforeAll(async () => {
    f = await load('cases-english.jsonl');
  });

  it('maps English keys case-insensitively and drops personal keys', () => {
    expect(f.format).toBe('jsonl');
    expect(f.mapping.field.get('Updated_At')).toBe('updatedAt');
    expect(f.mapping.personal).toEqual(['phone', 'email']);
    expect(f.mapping.unknown).toEqual([]);
  });

  it('lines 1 and 2: JSON numbers and booleans, an Excel serial, a numeric code', () => {
    expect(f.ok.get(1)?.record).toEqual({
      ...EMPTY,
      caseId: 'NJ-001',
      kind: 'COMPLAINT',
      registeredAt: '2024-03-05 14:03:00',
      channel: '全国12315平台',
      handlingUnitName: '南京市玄武区市场监督管理局',
      handlingUnitCode: '320102',
      onlinePurchase: true,
      platformName: '拼多多',
      amountInvolved: '99.90',
      status: '已办结',
      closedAt: '2024-03-20 10:00:00',
      outcome: '终止调解-拒绝调解',
      satisfaction: '满意', // 4
      pausedDays: 2,
      updatedAt: '2024-03-20 11:00:00',
    });
    expect(f.ok.get(2)?.record).toEqual({
      ...EMPTY,
      caseId: 'NJ-002',
      kind: 'CONSULTATION',
      registeredAt: '2024-03-05 14:03:00', // serial 45356.58541666667 = 2024-03-05 + 843 min
      channel: '12315热线',
      handlingUnitName: '南京市市场监督管理局',
      handlingUnitCode: '320100',
      status: '待受理',
      updatedAt: '2024-03-05 14:10:00',
    });
    expect(f.ok.get(8)?.record.disclosed).toBe(false);
  });

  it('rejects lines 4–7 (line 3 is blank)', () => {
    expect([...f.ok.keys()]).toEqual([1, 2, 8]);
    expect(f.rejects).toEqual([
      { row: 4, caseId: null, columns: ['整行'] }, // truncated JSON
      { row: 5, caseId: null, columns: ['整行'] }, // an array
      { row: 6, caseId: 'NJ-005', columns: ['挽回经济损失', '中止天数'] }, // 3 decimals; -1
      { row: 7, caseId: 'NJ-006', columns: ['接收渠道'] }, // an object value
    ]);
  });
});

import type { RawRow } from '../read/export-types';
import { mapHeaders } from './header-mapping';
import { type RowResult, validateRow } from './validate-row';

// 2024-07-01 00:00:00 Shanghai; rule 6 limit = 2024-07-02 00:00:00.
const ctx = { loadTime: new Date('2024-06-30T16:00:00Z') };

const BASE: Record<string, unknown> = {
  登记编号: 'T-1',
  业务类型: '投诉',
  登记时间: '2024-03-05 10:00',
  接收渠道: '微信',
  承办单位: '西湖区局',
  承办单位代码: '330106',
  处理状态: '处理中',
  更新时间: '2024-03-10 10:00',
  分送时间: '',
  受理决定: '',
  受理决定时间: '',
  办结时间: '',
  办结结果: '',
  立案决定时间: '',
  核查延期: '',
  实名举报: '',
  告知时间: '',
  统一社会信用代码: '',
  问题类别: '',
  投诉人姓名: '张三',
  联系电话: '13800138000',
};
const mapping = mapHeaders(Object.keys(BASE));

function check(overrides: Record<string, unknown>): RowResult {
  const row: RawRow = { rowNumber: 2, values: new Map(Object.entries({ ...BASE, ...overrides })) };
  return validateRow(row, mapping, ctx);
}
const columns = (r: RowResult): string[] => (r.ok ? [] : r.issues.map((i) => i.column));
const reasons = (r: RowResult): string => (r.ok ? '' : r.issues.map((i) => `${i.reasonZh}|${i.reasonEn}`).join('\n'));

describe('validateRow basics', () => {
  it('loads the base row and never reads the personal columns', () => {
    const r = check({});
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.record.caseId).toBe('T-1');
      expect(r.record.kind).toBe('COMPLAINT');
      expect(JSON.stringify(r.record)).not.toContain('张三');
      expect(JSON.stringify(r.record)).not.toContain('13800138000');
      expect(r.warnings).toEqual([]);
    }
  });

  it('trims values; white space only is no value', () => {
    const r = check({ 登记编号: '  T-2 ', 分送时间: '   ' });
    expect(r.ok && r.record.caseId).toBe('T-2');
    expect(r.ok && r.record.dispatchedAt).toBeNull();
  });

  it('a missing required value rejects naming the column', () => {
    const r = check({ 承办单位: '　', 处理状态: null });
    expect(columns(r)).toEqual(['承办单位', '处理状态']);
    expect(reasons(r)).toContain('必填项为空');
  });

  it('a required column missing from the header rejects every row with 缺少必填列', () => {
    const { 接收渠道: _dropped, ...rest } = BASE;
    const m = mapHeaders(Object.keys(rest));
    expect(m.missingRequired).toEqual(['channel']);
    const r = validateRow({ rowNumber: 5, values: new Map(Object.entries(rest)) }, m, ctx);
    expect(r).toEqual({
      ok: false,
      caseId: 'T-1',
      issues: [{ column: '接收渠道', reasonZh: '缺少必填列', reasonEn: 'required column is missing from the header' }],
    });
  });

  it('a case id over 40 characters rejects, and the reject carries no case id', () => {
    const r = check({ 登记编号: 'X'.repeat(41) });
    expect(r).toMatchObject({ ok: false, caseId: null });
    expect(columns(r)).toEqual(['登记编号']);
    expect(check({ 登记编号: 'X'.repeat(40) }).ok).toBe(true);
  });

  it('a read error rejects the whole row', () => {
    const r = validateRow(
      { rowNumber: 9, values: new Map([['登记编号', 'T-9']]), readError: { reasonZh: '坏', reasonEn: 'bad' } },
      mapping,
      ctx,
    );
    expect(r).toEqual({ ok: false, caseId: 'T-9', issues: [{ column: '整行', reasonZh: '坏', reasonEn: 'bad' }] });
  });

  it('an enumerated value outside its set rejects even in an optional column', () => {
    expect(columns(check({ 问题类别: '服务态度' }))).toEqual(['问题类别']);
    expect(columns(check({ 业务类型: 'COMPLAINT' }))).toEqual(['业务类型']);
  });

  it('问题类别 must belong to the kind; consultations take either list', () => {
    expect(columns(check({ 问题类别: '无照经营' }))).toEqual(['问题类别']);
    expect(check({ 业务类型: '举报', 问题类别: '无照经营' }).ok).toBe(true);
    expect(check({ 业务类型: '咨询', 问题类别: '无照经营' }).ok).toBe(true);
  });

  it('an invalid USCC is dropped with a warning and the row still loads', () => {
    const r = check({ 统一社会信用代码: '91330100716105852A' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.record.respondentUscc).toBeNull();
      expect(r.warnings.map((w) => w.column)).toEqual(['统一社会信用代码']);
    }
    const good = check({ 统一社会信用代码: '91330100716105852f' });
    expect(good.ok && good.record.respondentUscc).toBe('91330100716105852F');
  });

  it('a row breaking several rules is one reject listing them all', () => {
    const r = check({ 登记时间: 'x', 承办单位代码: '12345', 办结时间: '2024-03-06 10:00', 更新时间: '2030-01-01 00:00' });
    expect(columns(r)).toEqual(['登记时间', '承办单位代码', '处理状态', '更新时间']);
  });
});

describe('consistency rule 1: stage times within [登记时间, 更新时间]', () => {
  it.each(['分送时间', '受理决定时间', '告知时间'])('%s earlier than 登记时间 rejects', (column) => {
    const r = check({ [column]: '2024-03-05 09:59:59' });
    expect(columns(r)).toEqual([column]);
    expect(reasons(r)).toContain('规则 1');
  });
  it('办结时间 later than 更新时间 rejects; equal bounds load', () => {
    expect(columns(check({ 处理状态: '已办结', 办结时间: '2024-03-10 10:00:01' }))).toEqual(['办结时间']);
    expect(check({ 处理状态: '已办结', 办结时间: '2024-03-10 10:00:00', 分送时间: '2024-03-05 10:00' }).ok).toBe(true);
  });
  it('立案决定时间 on a report is checked too', () => {
    expect(columns(check({ 业务类型: '举报', 立案决定时间: '2024-03-04 10:00' }))).toEqual(['立案决定时间']);
  });
});

describe('consistency rule 2: 已办结 ⇔ 办结时间', () => {
  it('已办结 without 办结时间 rejects on 办结时间', () => {
    const r = check({ 处理状态: '已办结' });
    expect(columns(r)).toEqual(['办结时间']);
    expect(reasons(r)).toContain('规则 2');
  });
  it('办结时间 with another status rejects on 处理状态', () => {
    expect(columns(check({ 办结时间: '2024-03-06 10:00' }))).toEqual(['处理状态']);
  });
  it('a malformed 办结时间 is reported once, as malformed', () => {
    const r = check({ 处理状态: '已办结', 办结时间: 'soon' });
    expect(columns(r)).toEqual(['办结时间']);
    expect(reasons(r)).not.toContain('规则 2');
  });
});

describe('consistency rule 3: kind-specific columns', () => {
  it('complaint-only values on a report are a warning and are ignored', () => {
    const r = check({ 业务类型: '举报', 受理决定: '受理', 受理决定时间: '2024-03-04 10:00' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.record.acceptance).toBeNull();
      expect(r.record.decidedAt).toBeNull(); // ignored, so rule 1 does not judge it
      expect(r.warnings.map((w) => w.column)).toEqual(['受理决定', '受理决定时间']);
      expect(r.warnings[0]?.reasonZh).toContain('规则 3');
    }
  });
  it('report-only values on a complaint are a warning and are ignored', () => {
    const r = check({ 核查延期: '是', 实名举报: '否', 立案决定时间: '2024-03-06 10:00' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect([r.record.extensionApproved, r.record.realNameReport, r.record.filingDecidedAt]).toEqual([null, null, null]);
      expect(r.warnings.map((w) => w.column)).toEqual(['立案决定时间', '核查延期', '实名举报']);
    }
  });
  it('they are kept on their own kind', () => {
    const r = check({ 受理决定: '不予受理', 受理决定时间: '2024-03-06 10:00' });
    expect(r.ok && [r.record.acceptance, r.record.decidedAt]).toEqual(['不予受理', '2024-03-06 10:00:00']);
  });
  it('a value outside its set still rejects, whatever the kind', () => {
    expect(columns(check({ 业务类型: '举报', 受理决定: '同意' }))).toEqual(['受理决定']);
  });
});

describe('consistency rule 4: 办结结果 matches the kind', () => {
  it.each([
    ['投诉', '立案'],
    ['举报', '调解成功'],
    ['咨询', '移送'],
    ['建议', '不予立案'],
  ])('%s with %s rejects', (kind, outcome) => {
    const r = check({ 业务类型: kind, 处理状态: '已办结', 办结时间: '2024-03-06 10:00', 办结结果: outcome });
    expect(columns(r)).toEqual(['办结结果']);
    expect(reasons(r)).toContain('规则 4');
  });
  it.each([
    ['投诉', '终止调解-主体灭失'],
    ['举报', '并案处理'],
    ['咨询', '已答复'],
    ['建议', '已答复'],
  ])('%s with %s loads', (kind, outcome) => {
    expect(check({ 业务类型: kind, 处理状态: '已办结', 办结时间: '2024-03-06 10:00', 办结结果: outcome }).ok).toBe(true);
  });
  it('an outcome in no list is an enumeration reject', () => {
    const r = check({ 办结结果: '已处理' });
    expect(columns(r)).toEqual(['办结结果']);
    expect(reasons(r)).not.toContain('规则 4');
  });
});

describe('consistency rule 5: handling unit code', () => {
  it.each(['330000', '330100', '330106', '330106001', '330106999'])('%s loads', (code) => {
    expect(check({ 承办单位代码: code }).ok).toBe(true);
  });
  it.each(['339999', '330199001', '330100001'])('%s rejects as rule 5 (unknown region or station not under a county)', (code) => {
    const r = check({ 承办单位代码: code });
    expect(columns(r)).toEqual(['承办单位代码']);
    expect(reasons(r)).toContain('规则 5');
  });
  it.each(['33010', '3301060', '33010A'])('%s rejects as malformed', (code) => {
    expect(reasons(check({ 承办单位代码: code }))).toContain('6 位或 9 位数字');
  });
});

describe('consistency rule 6: no date later than load time + 24 h', () => {
  it('the limit itself loads, one second later rejects', () => {
    expect(check({ 更新时间: '2024-07-02 00:00:00' }).ok).toBe(true);
    const r = check({ 更新时间: '2024-07-02 00:00:01' });
    expect(columns(r)).toEqual(['更新时间']);
    expect(reasons(r)).toContain('规则 6');
  });
  it('applies to 登记时间 too', () => {
    expect(columns(check({ 登记时间: '2024-07-03 00:00', 更新时间: '2024-07-01 00:00' }))).toEqual(['登记时间']);
  });
});

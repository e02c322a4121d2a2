import { mapHeaders } from './header-mapping';

describe('mapHeaders (case-export.md §Files)', () => {
  it('matches Chinese headers after NFKC + trim and English keys case-insensitively, in any order', () => {
    const m = mapHeaders(['更新时间', '  登记编号　', 'KIND', 'Registered_At', '承办单位代码', '不予受理原因']);
    expect([...m.field.entries()]).toEqual([
      ['更新时间', 'updatedAt'],
      ['  登记编号　', 'caseId'],
      ['KIND', 'kind'],
      ['Registered_At', 'registeredAt'],
      ['承办单位代码', 'handlingUnitCode'],
      ['不予受理原因', 'rejectionReason'],
    ]);
    expect(m.missingRequired).toEqual(['channel', 'handlingUnitName', 'status']);
  });

  it('NFKC folds full-width forms: （ = ( and full-width letters', () => {
    // 'ｃａｓｅ＿ｉｄ' is full-width; NFKC makes it case_id.
    const m = mapHeaders(['ｃａｓｅ＿ｉｄ', '备注（内部）']);
    expect(m.field.get('ｃａｓｅ＿ｉｄ')).toBe('caseId');
    expect(m.unknown).toEqual(['备注（内部）']);
  });

  it('sets every personal-data column apart, in Chinese and English', () => {
    const personal = [
      '投诉人姓名',
      '举报人姓名',
      '联系电话',
      '手机号码',
      '身份证号',
      '证件号码',
      '投诉人地址',
      '电子邮箱',
      'complainant_name',
      'Reporter_Name',
      'phone',
      'MOBILE',
      'id_number',
      'address',
      'email',
    ];
    const m = mapHeaders(['登记编号', ...personal]);
    expect(m.personal).toEqual(personal);
    expect([...m.field.keys()]).toEqual(['登记编号']);
    expect(m.unknown).toEqual([]);
  });

  it('two headers naming one field both map (JSON Lines keys written in different cases)', () => {
    const m = mapHeaders(['case_id', 'CASE_ID']);
    expect([...m.field.values()]).toEqual(['caseId', 'caseId']);
  });
});

import { foldOperatorName, isFoodRelated, operatorKey } from './food';

describe('isFoodRelated (indicators.md §6)', () => {
  it.each([
    ['食品安全', null, true],
    ['食品安全违法行为', null, true],
    [null, '商品-食品', true],
    [null, '商品-食品-乳制品', true],
    [null, '商品-烟、酒、饮料-白酒', true],
    [null, '服务-餐饮和住宿服务-餐饮服务', true],
    ['质量', '商品-食品', true],
    [null, '服务-餐饮和住宿服务-住宿服务', false],
    [null, '服务-餐饮和住宿服务', false],
    [null, '服务-餐饮和住宿服务-餐饮服务-外卖', false],
    [null, '商品-药品', false],
    [null, '商品', false],
    ['质量', '商品-家用电器', false],
    ['食品', null, false],
    [null, null, false],
  ])('%s / %s → %s', (problem, object, expected) => {
    expect(isFoodRelated(problem, object)).toBe(expected);
  });
});

describe('foldOperatorName', () => {
  it('folds full-width ASCII and the ideographic space, then trims', () => {
    expect(foldOperatorName('ＡＢＣ　餐饮')).toBe('ABC 餐饮');
    expect(foldOperatorName('　ｘｙｚ１２３（店）　')).toBe('xyz123(店)');
    // the range ends: U+FF01 ！ → !, U+FF5E ～ → ~
    expect(foldOperatorName('！～')).toBe('!~');
  });

  it('changes nothing else', () => {
    expect(foldOperatorName('某某餐饮有限责任公司')).toBe('某某餐饮有限责任公司');
    expect(foldOperatorName('某某餐饮有限公司')).toBe('某某餐饮有限公司');
    expect(foldOperatorName('A  B')).toBe('A  B');
    expect(foldOperatorName('abc')).toBe('abc'); // case is kept
    // U+FF0C ， is a full-width form and folds; U+3002 。 and U+3001 、 are CJK punctuation and stay
    expect(foldOperatorName('，。、')).toBe(',。、');
  });
});

describe('operatorKey', () => {
  it('prefers the USCC, then the folded name, else null', () => {
    expect(operatorKey('91350100M000100Y43', 'ＡＢＣ')).toBe('91350100M000100Y43');
    expect(operatorKey(null, ' ＡＢＣ　餐饮 ')).toBe('ABC 餐饮');
    expect(operatorKey('', '某店')).toBe('某店');
    expect(operatorKey(null, '　 ')).toBeNull();
    expect(operatorKey(null, null)).toBeNull();
  });
});

import { isValidUscc, usccCheckChar } from './uscc';

describe('isValidUscc (GB 32100-2015)', () => {
  it('computes the check character by hand for the standard example', () => {
    // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
    // 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it.each([
    '914403001922038216', // 华为技术有限公司
    '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
    '91330100716105852F', // 阿里巴巴（中国）有限公司
    '91110000802100433B', // 北京百度网讯科技有限公司
  ])('accepts the published code %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it('writes a remainder of 0 as check 0 and a remainder of 1 as Y', () => {
    // sum 0 → 31 − 0 = 31 → 0; sum 1 (a single leading 1, weight 1) → 30 → Y
    expect(isValidUscc('000000000000000000')).toBe(true);
    expect(isValidUscc('10000000000000000Y')).toBe(true);
    expect(isValidUscc('100000000000000000')).toBe(false);
  });

  it.each([
    ['91350100M000100Y44', 'flipped check digit'],
    ['914403001922038217', 'flipped check digit'],
    ['9144030071526726XH', 'flipped check letter'],
    ['9144030071526726xg', 'lowercase'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y430', '19 characters'],
    ['91350100I000100Y43', 'I is outside the set'],
    ['91350100O000100Y43', 'O is outside the set'],
    [' 91350100M000100Y43', 'leading space'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });
});

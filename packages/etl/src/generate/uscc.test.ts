import { isValidUscc, usccCheckChar } from '@c12315/domain';
import { corruptUscc, makeUscc, orgCodeCheckChar } from './uscc';

test('GB 32100 check character of a published code, 91350100M000100Y43', () => {
  // By hand: 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M(21)·20 + 1·8 + Y(30)·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
  expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  // 31 − 0 is written as 0: 00000000000000000 sums to 0.
  expect(usccCheckChar('00000000000000000')).toBe('0');
});

test('GB 11714 organisation code check: 12345678 → 8 (3·1+7·2+9·3+10·4+5·5+8·6+4·7+2·8 = 201, 11 − 201 mod 11 = 8)', () => {
  expect(orgCodeCheckChar('12345678')).toBe('8');
});

test('generated codes pass the domain check; corrupted ones do not', () => {
  for (let i = 0; i < 200; i++) {
    const code = makeUscc(i % 2 === 0 ? '91' : '92', '140105', 12_345_000 + i * 7919);
    expect(code).toHaveLength(18);
    expect(isValidUscc(code)).toBe(true);
    expect(isValidUscc(corruptUscc(code))).toBe(false);
  }
});

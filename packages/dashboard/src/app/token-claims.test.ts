import { regionOfToken } from './token-claims';

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (claims: object) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.c2ln`;

describe('regionOfToken', () => {
  test('reads the region claim of the api’s token (packages/api/src/auth/tokens.ts claims)', () => {
    // the second username makes the base64url payload hold both '-' and '_' (not plain base64)
    expect(regionOfToken(token({ sub: '1', username: 'admin', role: 'PROVINCE_ADMIN', region: '140000', pwc: 1 }))).toBe(
      '140000',
    );
    expect(regionOfToken(token({ username: '??>>~~', region: '140100' }))).toBe('140100');
  });

  test('no token, a malformed token or a region that is not six digits: null', () => {
    expect(regionOfToken(null)).toBeNull();
    expect(regionOfToken('not-a-jwt')).toBeNull();
    expect(regionOfToken('a.%%%.b')).toBeNull();
    expect(regionOfToken(token({ region: 'x' }))).toBeNull();
    expect(regionOfToken(token({}))).toBeNull();
  });
});

import type { GraphQLError } from 'graphql';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password';

// argon2id (64 MiB, t=3) for real: a few hundred ms per hash on a loaded 2-core machine.
jest.setTimeout(60_000);

function policyError(password: string, username?: string): GraphQLError | null {
  try {
    checkPasswordPolicy(password, 'password', username);
    return null;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe('password policy and hashing', () => {
  test('at least 10 characters with letters and digits; errors name the argument', () => {
    expect(policyError('abc123def4')).toBeNull();
    expect(policyError('abc123def')?.message).toBe('password: must be at least 10 characters');
    expect(policyError('abcdefghijkl')?.message).toBe('password: must contain both letters and digits');
    expect(policyError('123456789012')?.extensions.code).toBe('BAD_USER_INPUT');
    expect(policyError('省局管理员密码2024年')).toBeNull();
    expect(policyError('zhangsan2024x', 'zhangsan')?.message).toContain('username');
  });

  test('generated passwords meet the policy and differ', () => {
    const a = generatePassword();
    expect(a).toHaveLength(16);
    expect(policyError(a)).toBeNull();
    expect(generatePassword()).not.toBe(a);
  });

  test('argon2id hash: not the password, verifies only the right one; unknown user (null hash) is false', async () => {
    const hash = await hashPassword('abc123def4');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain('abc123def4');
    expect(await verifyPassword(hash, 'abc123def4')).toBe(true);
    expect(await verifyPassword(hash, 'abc123def5')).toBe(false);
    expect(await verifyPassword(null, 'abc123def4')).toBe(false);
    expect(await verifyPassword('garbage', 'abc123def4')).toBe(false);
  });
});

test('an empty password is refused, not an error, for known and unknown users alike', async () => {
  const hash = await hashPassword('correct-horse-42');
  await expect(verifyPassword(hash, '')).resolves.toBe(false);
  await expect(verifyPassword(null, '')).resolves.toBe(false);
});

import { randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';
import { badUserInput } from '../common/errors';

/** Password policy of the users CLI and `createUser`/`resetPassword`: ≥ 10 characters, letters and digits. */
export const PASSWORD_MIN_LENGTH = 10;
/** Caps the argon2 input so a huge "password" cannot be used to burn CPU. */
export const PASSWORD_MAX_LENGTH = 256;

/** Throws BAD_USER_INPUT naming `argument` when the password breaks the policy. */
export function checkPasswordPolicy(password: string, argument = 'password', username?: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw badUserInput(argument, `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw badUserInput(argument, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) {
    throw badUserInput(argument, 'must contain both letters and digits');
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    throw badUserInput(argument, 'must not contain the username');
  }
}

/** argon2id with the library's defaults (64 MiB, t=3): the OWASP-recommended family. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

let dummyHash: Promise<string> | null = null;

/**
 * Verify a password; with `hash` null (no such user) a dummy hash is verified instead, so an unknown username costs
 * the same time as a wrong password and timing does not reveal which usernames exist.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  if (hash === null) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    // argon2 refuses an empty password: still a refused sign-in, never a server error.
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash is a refused sign-in, not a server error.
    return false;
  }
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password meeting the policy (demo users): 16 characters from crypto randomness, letters and digits. */
export function generatePassword(length = 16): string {
  for (;;) {
    const chars = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]);
    const password = chars.join('');
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password;
  }
}

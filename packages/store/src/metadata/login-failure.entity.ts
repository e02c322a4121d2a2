import { EntitySchema } from '@mikro-orm/core';

/**
 * One failed sign-in counted against a key — `u:<username>` or `ip:<client address>` — for the login rate limit
 * (packages/api/src/auth/login-rate-limiter.ts). Kept in the metadata DB so that every api instance counts the same
 * failures; rows older than the limit's window are deleted as new ones arrive. Never a password or a token.
 */
export class LoginFailure {
  id!: number;
  key!: string;
  /** Epoch milliseconds (the limiter's clock), compared as numbers on SQLite and PostgreSQL alike. */
  failedAtMs!: number;
}

export const LoginFailureSchema = new EntitySchema<LoginFailure>({
  class: LoginFailure,
  tableName: 'login_failure',
  indexes: [{ properties: ['key', 'failedAtMs'] }, { properties: ['failedAtMs'] }],
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    key: { type: 'string', length: 200 },
    failedAtMs: { type: 'bigint', mapToPk: false, runtimeType: 'number' },
  },
});

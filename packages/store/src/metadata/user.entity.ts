import { EntitySchema } from '@mikro-orm/core';

/** The roles of issue "GraphQL API" §Auth (the GraphQL `Role` enum of schema.graphql has the same values). */
export const USER_ROLES = ['PROVINCE_ADMIN', 'CITY_CHIEF', 'SUPERVISOR', 'FOOD_SAFETY', 'ANALYST'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A user of the API, bound to one region (its scope). The password is kept only as an argon2id hash. */
export class UserAccount {
  id!: number;
  /** Stored lower-case: sign-in and uniqueness ignore case. */
  username!: string;
  passwordHash!: string;
  role!: UserRole;
  /** A province, city or county code (GB/T 2260). */
  regionCode!: string;
  disabled = false;
  createdAt: Date = new Date();
  /** Tokens minted before the last change are refused: a reset logs every session out. */
  passwordChangedAt: Date = new Date();
}

export const AUTH_AUDIT_EVENTS = [
  'LOGIN_OK',
  'LOGIN_FAILED',
  'LOGIN_RATE_LIMITED',
  'USER_ADDED',
  'USER_DISABLED',
  'PASSWORD_RESET',
] as const;
export type AuthAuditEvent = (typeof AUTH_AUDIT_EVENTS)[number];

/** The sign-in and user-management trail. Never holds a password or a hash, in any form. */
export class AuthAuditEntry {
  id!: number;
  at: Date = new Date();
  event!: AuthAuditEvent;
  /** The account concerned (as typed, for failed sign-ins of unknown names). */
  username!: string;
  /** Who did it: the account itself, an admin's username, `cli:<os user>` or `demo-seed`. */
  actor: string | null = null;
  ip: string | null = null;
  /** A short reason, e.g. "wrong password" — for the operators, never shown to the caller. */
  detail: string | null = null;
}

export const UserAccountSchema = new EntitySchema<UserAccount>({
  class: UserAccount,
  tableName: 'users',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    username: { type: 'string', length: 64, unique: true },
    passwordHash: { type: 'string', length: 255 },
    role: { type: 'string', length: 32 },
    regionCode: { type: 'string', length: 6 },
    disabled: { type: 'boolean' },
    createdAt: { type: 'datetime' },
    passwordChangedAt: { type: 'datetime' },
  },
});

export const AuthAuditEntrySchema = new EntitySchema<AuthAuditEntry>({
  class: AuthAuditEntry,
  tableName: 'auth_audit_log',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    at: { type: 'datetime', index: true },
    event: { type: 'string', length: 32 },
    username: { type: 'string', length: 128 },
    actor: { type: 'string', length: 128, nullable: true },
    ip: { type: 'string', length: 64, nullable: true },
    detail: { type: 'string', length: 255, nullable: true },
  },
});

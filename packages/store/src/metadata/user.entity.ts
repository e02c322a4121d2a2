import { EntitySchema } from '@mikro-orm/core';

/**
 * The roles of issue "GraphQL API" §Auth (the GraphQL `Role` enum of schema.graphql has the same values), plus SCREEN
 * (issue 15): the read-only command-centre wall display, which reads the `screen` query and nothing else.
 */
export const USER_ROLES = ['PROVINCE_ADMIN', 'CITY_CHIEF', 'SUPERVISOR', 'FOOD_SAFETY', 'ANALYST', 'SCREEN'] as const;
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
  /** Optional work e-mail address (a staff account's, never a complainant's): where the monthly 通报 is mailed. */
  email: string | null = null;
  createdAt: Date = new Date();
  /** Tokens minted before the last change are refused: a reset logs every session out. */
  passwordChangedAt: Date = new Date();
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
    email: { type: 'string', length: 254, nullable: true },
    createdAt: { type: 'datetime' },
    passwordChangedAt: { type: 'datetime' },
  },
});

import type { AppConfig } from '@c12315/store';
import { Role } from '../common/graphql-types';
import type { AppContext } from '../context';
import { assertAuthConfig } from './auth-secret';
import { generatePassword } from './password';
import { countUserAccounts, createUserAccount } from './user-accounts.service';

type Orm = AppContext['orm'];

export interface SeededUser {
  username: string;
  password: string;
  role: Role;
  regionCode: string;
}

/**
 * Demo mode: one user per role, with random passwords that the server prints once at start-up (issue "GraphQL API"
 * §Auth). Only into an empty user table: an existing installation keeps its accounts and passwords.
 * Provincial roles are bound to the province, the city-facing roles to `cityCode`.
 */
export async function seedDemoUsers(orm: Orm, provinceCode: string, cityCode: string): Promise<SeededUser[]> {
  if ((await countUserAccounts(orm)) > 0) return [];
  const plan: { username: string; role: Role; regionCode: string }[] = [
    { username: 'admin', role: Role.PROVINCE_ADMIN, regionCode: provinceCode },
    { username: 'chief', role: Role.CITY_CHIEF, regionCode: cityCode },
    { username: 'supervisor', role: Role.SUPERVISOR, regionCode: cityCode },
    { username: 'foodsafety', role: Role.FOOD_SAFETY, regionCode: cityCode },
    { username: 'analyst', role: Role.ANALYST, regionCode: provinceCode },
  ];
  const seeded: SeededUser[] = [];
  for (const entry of plan) {
    const password = generatePassword();
    await createUserAccount(orm, { ...entry, password }, { actor: 'demo-seed' });
    seeded.push({ ...entry, password });
  }
  return seeded;
}

/**
 * Start-up: production checks the signing secret and never creates a default user; any other mode seeds the demo
 * users into an empty table. Returns the seeded accounts for the caller to print.
 */
export async function prepareAuth(
  config: Pick<AppConfig, 'production' | 'authSecret'>,
  orm: Orm,
  demo: { provinceCode: string; cityCode: string },
): Promise<SeededUser[]> {
  assertAuthConfig(config);
  if (config.production) return [];
  return seedDemoUsers(orm, demo.provinceCode, demo.cityCode);
}

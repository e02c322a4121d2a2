/**
 * User management shared by the GraphQL mutations and the users CLI: validation (errors name the argument), argon2id
 * hashing and the audit trail. Passwords never leave this module except as a hash.
 */
import { findRegion } from '@c12315/domain';
import { type AuditAction, recordAudit, USER_ROLES, UserAccount, type UserRole } from '@c12315/store';
import { badUserInput } from '../common/errors';
import type { AppContext } from '../context';
import { checkPasswordPolicy, hashPassword } from './password';

type Orm = AppContext['orm'];

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface NewUserInput {
  username: string;
  password: string;
  role: string;
  regionCode: string;
  /** Optional work e-mail address (where the monthly 通报 is mailed when SMTP_URL is set). */
  email?: string | null;
}

/** Who acts, for the audit log: an admin's username (and role), `cli:<os user>` or `demo-seed`; ip when over HTTP. */
export interface Actor {
  actor: string;
  role?: string | null;
  ip?: string | null;
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function parseRole(role: string, argument = 'role'): UserRole {
  const value = role.trim().toUpperCase();
  if (!(USER_ROLES as readonly string[]).includes(value)) {
    throw badUserInput(argument, `unknown role "${role}" (expected one of ${USER_ROLES.join(', ')})`);
  }
  return value as UserRole;
}

/** A user's region: a known province, city or county code; a PROVINCE_ADMIN administers a whole province. */
export function checkUserRegion(role: UserRole, regionCode: string, argument = 'regionCode'): void {
  const region = findRegion(regionCode.trim());
  if (!region || region.level === 'STATION') {
    throw badUserInput(argument, `unknown region code "${regionCode}" (expected a province, city or county code)`);
  }
  if (role === 'PROVINCE_ADMIN' && region.level !== 'PROVINCE') {
    throw badUserInput(
      argument,
      `a PROVINCE_ADMIN must be bound to a province code, ${regionCode} is a ${region.level.toLowerCase()}`,
    );
  }
  // The wall map shows a province's cities or a city's counties (issue 15): a county has no map below it.
  if (role === 'SCREEN' && region.level !== 'PROVINCE' && region.level !== 'CITY') {
    throw badUserInput(
      argument,
      `a SCREEN must be bound to a province or city code, ${regionCode} is a ${region.level.toLowerCase()}`,
    );
  }
}

/**
 * One sign-in or user-management entry of the audit log (store: audit-log.ts). The entry belongs to the account
 * concerned's region (null for a sign-in attempt with an unknown name), so its province's admins see it.
 */
export async function writeAudit(
  orm: Orm,
  action: AuditAction,
  account: { username: string; regionCode?: string | null },
  who: Partial<Actor>,
  detail: string | null = null,
): Promise<void> {
  await recordAudit(orm.em, {
    action,
    // A failed sign-in's username is whatever was typed: recordAudit bounds its length; it is not a password either way.
    actor: who.actor ?? account.username,
    actorRole: who.role ?? null,
    regionCode: account.regionCode ?? null,
    target: account.username,
    detail,
    ip: who.ip ?? null,
  });
}

/** A work address: one `local@domain.tld`, no display name, no list (at most 254 characters, RFC 5321). */
export function parseEmail(email: string, argument = 'email'): string {
  const value = email.trim();
  if (
    value.length > 254 ||
    !/^[^\s@<>()"',;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(value)
  ) {
    throw badUserInput(argument, `不是有效的电子邮件地址 / not an e-mail address: ${JSON.stringify(value.slice(0, 64))}`);
  }
  return value;
}

export async function findUser(orm: Orm, username: string): Promise<UserAccount | null> {
  return orm.em.fork().findOne(UserAccount, { username: normalizeUsername(username) });
}

async function requireUserAccount(orm: Orm, username: string): Promise<UserAccount> {
  const user = await findUser(orm, username);
  if (!user) throw badUserInput('username', `no user "${normalizeUsername(username)}"`);
  return user;
}

export async function createUserAccount(orm: Orm, input: NewUserInput, who: Actor): Promise<UserAccount> {
  const username = normalizeUsername(input.username);
  if (!USERNAME.test(username)) {
    throw badUserInput('username', '3–64 characters: letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  const role = parseRole(input.role);
  const regionCode = input.regionCode.trim();
  checkUserRegion(role, regionCode);
  checkPasswordPolicy(input.password, 'password', username);
  const email = input.email === undefined || input.email === null ? null : parseEmail(input.email);
  if (await findUser(orm, username)) throw badUserInput('username', `user "${username}" already exists`);
  const user = new UserAccount();
  user.username = username;
  user.passwordHash = await hashPassword(input.password);
  user.role = role;
  user.regionCode = regionCode;
  user.email = email;
  user.createdAt = new Date();
  user.passwordChangedAt = user.createdAt;
  await orm.em.fork().persistAndFlush(user);
  await writeAudit(orm, 'USER_ADDED', user, who, `${role} ${regionCode}`);
  return user;
}

export async function disableUserAccount(orm: Orm, username: string, who: Actor): Promise<UserAccount> {
  const em = orm.em.fork();
  const user = await em.findOne(UserAccount, { username: normalizeUsername(username) });
  if (!user) throw badUserInput('username', `no user "${normalizeUsername(username)}"`);
  if (!user.disabled) {
    user.disabled = true;
    await em.flush();
    await writeAudit(orm, 'USER_DISABLED', user, who);
  }
  return user;
}

export async function resetUserPassword(orm: Orm, username: string, password: string, who: Actor): Promise<UserAccount> {
  const existing = await requireUserAccount(orm, username);
  checkPasswordPolicy(password, 'password', existing.username);
  const em = orm.em.fork();
  const user = await em.findOneOrFail(UserAccount, { id: existing.id });
  user.passwordHash = await hashPassword(password);
  // Tokens carry this stamp and must match it exactly; a strictly later value guarantees a change even when the
  // database keeps fewer digits than milliseconds.
  user.passwordChangedAt = new Date(Math.max(Date.now(), user.passwordChangedAt.getTime() + 1000));
  await em.flush();
  await writeAudit(orm, 'PASSWORD_RESET', user, who);
  return user;
}

export async function listUserAccounts(orm: Orm, within?: (regionCode: string) => boolean): Promise<UserAccount[]> {
  const users = await orm.em.fork().find(UserAccount, {}, { orderBy: { username: 'asc' } });
  return within ? users.filter((u) => within(u.regionCode)) : users;
}

export async function countUserAccounts(orm: Orm): Promise<number> {
  return orm.em.fork().count(UserAccount, {});
}

import { isWithin } from '@c12315/domain';
import type { UserRole } from '@c12315/store';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Computed, METADATA_COST, PASSWORD_HASH_COST } from '../common/engine-cost';
import { badUserInput, forbidden, notFound, unauthenticated } from '../common/errors';
import { Role } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';
import { AuthPayload, toUser, User } from './auth.type';
import { LoginRateLimiter } from './login-rate-limiter';
import { PASSWORD_MAX_LENGTH, verifyPassword } from './password';
import { assertCaseScope, requireRole, requireUser } from './scope';
import { signToken } from './tokens';
import {
  checkUserRegion,
  createUserAccount,
  disableUserAccount,
  findUser,
  listUserAccounts,
  normalizeUsername,
  resetUserPassword,
  writeAudit,
} from './user-accounts.service';

/** One message for unknown user, wrong password and disabled account: the answer must not reveal which. */
const BAD_CREDENTIALS = 'invalid username or password';

let loginLimiter = new LoginRateLimiter();

/** Replace the sign-in limiter's options (tests inject a fake clock); its counts live in the metadata DB. */
export function setLoginRateLimiter(limiter: LoginRateLimiter): void {
  loginLimiter = limiter;
}

/** PROVINCE_ADMIN alone manages users, and only inside its province (schema.graphql header). */
function requireAdmin(ctx: AppContext): AuthUser {
  const user = requireUser(ctx);
  requireRole(user, [Role.PROVINCE_ADMIN]);
  return user;
}

async function requireManagedUser(ctx: AppContext, admin: AuthUser, username: string) {
  const target = await findUser(ctx.orm, username);
  if (!target) throw notFound(`user "${normalizeUsername(username)}"`);
  if (!isWithin(target.regionCode, admin.regionCode)) {
    throw forbidden(`user "${target.username}" is outside your province (${admin.regionCode})`);
  }
  return target;
}

/**
 * The failures counted (username and address: login-rate-limiter.ts), the account read, the password verified (a
 * dummy hash for an unknown user), the failure recorded or cleared, the attempt audited.
 */
export const LOGIN_COST = PASSWORD_HASH_COST + 5 * METADATA_COST;
/** A new password hashed, the account read and written, the change audited. */
const PASSWORD_CHANGE_COST = PASSWORD_HASH_COST + 3 * METADATA_COST;

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload)
  @Computed(LOGIN_COST)
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: AppContext,
  ): Promise<AuthPayload> {
    const name = normalizeUsername(username);
    if (!name) throw badUserInput('username', 'required');
    if (!password) throw badUserInput('password', 'required');
    if (name.length > 128 || password.length > PASSWORD_MAX_LENGTH) throw unauthenticated(BAD_CREDENTIALS);
    const ip = ctx.ip ?? '';
    try {
      await loginLimiter.assertAllowed(ctx.em, name, ip);
    } catch (error) {
      const known = await findUser(ctx.orm, name);
      await writeAudit(ctx.orm, 'LOGIN_RATE_LIMITED', known ?? { username: name }, { actor: name, ip });
      throw error;
    }
    const account = await findUser(ctx.orm, name);
    const passwordOk = await verifyPassword(account?.passwordHash ?? null, password);
    if (!account || !passwordOk || account.disabled) {
      await loginLimiter.recordFailure(ctx.em, name, ip);
      const reason = !account ? 'unknown user' : !passwordOk ? 'wrong password' : 'account disabled';
      await writeAudit(ctx.orm, 'LOGIN_FAILED', account ?? { username: name }, { actor: name, ip }, reason);
      throw unauthenticated(BAD_CREDENTIALS);
    }
    await loginLimiter.recordSuccess(ctx.em, name);
    await writeAudit(ctx.orm, 'LOGIN_OK', account, { actor: name, role: account.role, ip });
    return { token: await signToken(account, ctx), user: toUser(account) };
  }

  @Query(() => User)
  @Computed(METADATA_COST)
  async me(@Ctx() ctx: AppContext): Promise<User> {
    const user = requireUser(ctx);
    const account = await findUser(ctx.orm, user.username);
    if (!account || account.disabled) throw unauthenticated();
    return toUser(account);
  }

  @Query(() => [User], { description: 'PROVINCE_ADMIN: the users of its province' })
  @Computed(METADATA_COST)
  async users(@Ctx() ctx: AppContext): Promise<User[]> {
    const admin = requireAdmin(ctx);
    return (await listUserAccounts(ctx.orm, (code) => isWithin(code, admin.regionCode))).map(toUser);
  }

  @Mutation(() => User, { description: 'PROVINCE_ADMIN: add a user bound to a region of its province' })
  @Computed(PASSWORD_CHANGE_COST)
  async createUser(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Arg('role', () => Role) role: Role,
    @Arg('regionCode', () => String) regionCode: string,
    @Ctx() ctx: AppContext,
  ): Promise<User> {
    const admin = requireAdmin(ctx);
    // A malformed or unknown region is the caller's typo (BAD_USER_INPUT); a real one elsewhere is FORBIDDEN.
    checkUserRegion(role as UserRole, regionCode.trim());
    assertCaseScope(admin, regionCode.trim());
    const account = await createUserAccount(
      ctx.orm,
      { username, password, role, regionCode },
      { actor: admin.username, role: admin.role, ip: ctx.ip },
    );
    return toUser(account);
  }

  @Mutation(() => User, { description: 'PROVINCE_ADMIN: disable a user of its province (its tokens stop working)' })
  @Computed(3 * METADATA_COST)
  async disableUser(@Arg('username', () => String) username: string, @Ctx() ctx: AppContext): Promise<User> {
    const admin = requireAdmin(ctx);
    const target = await requireManagedUser(ctx, admin, username);
    if (target.id === admin.id) throw forbidden('you cannot disable your own account');
    return toUser(await disableUserAccount(ctx.orm, target.username, { actor: admin.username, role: admin.role, ip: ctx.ip }));
  }

  @Mutation(() => User, { description: "PROVINCE_ADMIN: set a new password (the user's older tokens stop working)" })
  @Computed(PASSWORD_CHANGE_COST)
  async resetPassword(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: AppContext,
  ): Promise<User> {
    const admin = requireAdmin(ctx);
    const target = await requireManagedUser(ctx, admin, username);
    return toUser(
      await resetUserPassword(ctx.orm, target.username, password, { actor: admin.username, role: admin.role, ip: ctx.ip }),
    );
  }
}

import type { AppConfig } from '@c12315/store';
import { UserAccount } from '@c12315/store';
import { unauthenticated } from '../common/errors';
import type { Role } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';
import { authSecretFor } from './auth-secret';
import { JwtError, signHs256, verifyHs256 } from './jwt-hs256';

/** Tokens expire after a working day (issue "GraphQL API" §Auth: tokens expire). */
export const TOKEN_TTL_SECONDS = 8 * 60 * 60;
/**
 * A SCREEN token (the command-centre wall PC, issue 15) lasts 30 days, so the wall stays signed in without an officer
 * typing a password each morning. It reads nothing but the screen (auth/screen-role.ts), and every request still
 * checks the account row: `users disable` or `users reset-password` ends it at once.
 */
export const SCREEN_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

export function tokenTtlSeconds(role: string): number {
  return role === 'SCREEN' ? SCREEN_TOKEN_TTL_SECONDS : TOKEN_TTL_SECONDS;
}
const ISSUER = 'c12315-api';
const AUDIENCE = 'c12315';

export interface AuthDeps {
  orm: AppContext['orm'];
  config: Pick<AppConfig, 'production' | 'authSecret' | 'dataDir'>;
  /** Injectable clock (tests); defaults to the system clock. */
  now?: () => Date;
}

interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  region: string;
  /** passwordChangedAt (epoch ms) when minted: a reset changes it, so every older token stops working. */
  pwc: number;
}

/** Sign a token for `user` (its DB row, so the password-change stamp is the stored one). */
export async function signToken(user: UserAccount, deps: AuthDeps): Promise<string> {
  const now = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
  const claims: Omit<TokenClaims, 'sub'> = {
    username: user.username,
    role: user.role as Role,
    region: user.regionCode,
    pwc: user.passwordChangedAt.getTime(),
  };
  const payload = {
    ...claims,
    sub: String(user.id),
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + tokenTtlSeconds(user.role),
  };
  return signHs256(payload, authSecretFor(deps.config));
}

function verifiedClaims(token: string, deps: AuthDeps): TokenClaims {
  let payload: Record<string, unknown>;
  try {
    const now = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
    payload = verifyHs256(token, authSecretFor(deps.config), { issuer: ISSUER, audience: AUDIENCE, now });
  } catch (error) {
    if (error instanceof JwtError && error.reason === 'expired') throw unauthenticated('token expired, sign in again');
    throw unauthenticated('invalid token');
  }
  const claims = payload as Partial<TokenClaims>;
  if (
    typeof claims.sub !== 'string' ||
    !/^\d+$/.test(claims.sub) ||
    typeof claims.pwc !== 'number' ||
    typeof claims.username !== 'string'
  ) {
    throw unauthenticated('invalid token');
  }
  return claims as TokenClaims;
}

/**
 * The user a token stands for. Throws UNAUTHENTICATED for an expired, forged or tampered token, and for one whose
 * user no longer exists, is disabled, or has changed password since the token was issued.
 * Role and region come from the database row, which stays the authority over what the token claims.
 */
export async function verifyToken(token: string, deps: AuthDeps): Promise<AuthUser> {
  if (!token) throw unauthenticated();
  const claims = verifiedClaims(token, deps);
  const user = await deps.orm.em.fork().findOne(UserAccount, { id: Number(claims.sub) });
  if (!user || user.disabled || user.username !== claims.username) throw unauthenticated('invalid token');
  if (user.passwordChangedAt.getTime() !== claims.pwc) throw unauthenticated('password changed, sign in again');
  return { id: user.id, username: user.username, role: user.role as Role, regionCode: user.regionCode };
}

/**
 * For the HTTP layer (GraphQL context, CSV export): null without an Authorization header, the user for a valid
 * `Bearer <token>`, UNAUTHENTICATED otherwise.
 */
export async function authUserFromRequest(
  authorizationHeader: string | undefined | null,
  deps: AuthDeps,
): Promise<AuthUser | null> {
  if (authorizationHeader === undefined || authorizationHeader === null || authorizationHeader.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader);
  if (!match?.[1]) throw unauthenticated('Authorization header must be "Bearer <token>"');
  return verifyToken(match[1], deps);
}

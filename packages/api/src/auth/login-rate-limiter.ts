import { LoginFailure } from '@c12315/store';
import type { EntityManager } from '@mikro-orm/core';
import { tooManyRequests } from '../common/errors';

export interface LoginRateLimitOptions {
  /** Failures allowed per username inside the window before sign-in is refused. */
  maxFailuresPerUsername: number;
  /** Failures allowed per client address (higher: offices sign in from behind one NAT address). */
  maxFailuresPerIp: number;
  windowMs: number;
  /** Injectable clock (tests). */
  now: () => number;
}

const DEFAULTS: LoginRateLimitOptions = {
  maxFailuresPerUsername: 5,
  maxFailuresPerIp: 20,
  windowMs: 15 * 60 * 1000,
  now: () => Date.now(),
};

/**
 * Limit on failed sign-ins (issue "GraphQL API" §Auth), per username and per client address, over a sliding window.
 * The failures are rows of the metadata DB's `login_failure` table, not this process's memory, so every api instance
 * behind the proxy counts the same ones (README "Several api instances"): five wrong passwords spread over two
 * instances trip the limit as five on one would. A sign-in reads at most `max` rows per key through the
 * (key, failed_at_ms) index; a failure inserts one row per key and deletes the rows that left the window, so the table
 * holds one window's failures whatever an attacker sends. The object holds only its options.
 */
export class LoginRateLimiter {
  private readonly options: LoginRateLimitOptions;

  constructor(options: Partial<LoginRateLimitOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Throws TOO_MANY_REQUESTS, naming the wait, when the username or the address is over its limit. */
  async assertAllowed(em: EntityManager, username: string, ip: string): Promise<void> {
    const now = this.options.now();
    const waits = [
      await this.waitMs(em, userKey(username), this.options.maxFailuresPerUsername, now),
      ip ? await this.waitMs(em, ipKey(ip), this.options.maxFailuresPerIp, now) : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw tooManyRequests(`too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
    }
  }

  async recordFailure(em: EntityManager, username: string, ip: string): Promise<void> {
    const now = this.options.now();
    const fork = em.fork();
    for (const key of ip ? [userKey(username), ipKey(ip)] : [userKey(username)]) {
      fork.persist(fork.create(LoginFailure, { key, failedAtMs: now }));
    }
    await fork.flush();
    await fork.nativeDelete(LoginFailure, { failedAtMs: { $lte: now - this.options.windowMs } });
  }

  /** A successful sign-in clears the username's failures (not the address's: one good account must not reset it). */
  async recordSuccess(em: EntityManager, username: string): Promise<void> {
    await em.fork().nativeDelete(LoginFailure, { key: userKey(username) });
  }

  /** 0 when allowed; otherwise how long until the oldest counted failure leaves the window. */
  private async waitMs(em: EntityManager, key: string, max: number, now: number): Promise<number> {
    const recent = await em
      .fork()
      .find(
        LoginFailure,
        { key, failedAtMs: { $gt: now - this.options.windowMs } },
        { orderBy: { failedAtMs: 'desc' }, limit: max, fields: ['failedAtMs'] },
      );
    if (recent.length < max) return 0;
    const oldestCounted = (recent[max - 1] as LoginFailure).failedAtMs;
    return oldestCounted + this.options.windowMs - now;
  }
}

function userKey(username: string): string {
  return `u:${username.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}

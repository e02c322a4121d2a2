import { tooManyRequests } from '../common/errors';

export interface LoginRateLimitOptions {
  /** Failures allowed per username inside the window before sign-in is refused. */
  maxFailuresPerUsername: number;
  /** Failures allowed per client address (higher: offices sign in from behind one NAT address). */
  maxFailuresPerIp: number;
  windowMs: number;
  /** Upper bound on tracked keys, so a spray of random usernames cannot grow memory without end. */
  maxKeys: number;
  /** Injectable clock (tests). */
  now: () => number;
}

const DEFAULTS: LoginRateLimitOptions = {
  maxFailuresPerUsername: 5,
  maxFailuresPerIp: 20,
  windowMs: 15 * 60 * 1000,
  maxKeys: 10_000,
  now: () => Date.now(),
};

/**
 * In-memory limit on failed sign-ins (issue "GraphQL API" §Auth), per username and per client address, over a
 * sliding window. One server process owns the API (ARCHITECTURE.md), so memory is the right place for it; a restart
 * forgets the counts, which only costs an attacker's waiting time, never a user's account.
 */
export class LoginRateLimiter {
  private readonly options: LoginRateLimitOptions;
  /** key → failure times (ms), oldest first. Map order = insertion order, used for eviction. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: Partial<LoginRateLimitOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Throws TOO_MANY_REQUESTS, naming the wait, when the username or the address is over its limit. */
  assertAllowed(username: string, ip: string): void {
    const now = this.options.now();
    const waits = [
      this.waitMs(userKey(username), this.options.maxFailuresPerUsername, now),
      ip ? this.waitMs(ipKey(ip), this.options.maxFailuresPerIp, now) : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw tooManyRequests(`too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
    }
  }

  recordFailure(username: string, ip: string): void {
    const now = this.options.now();
    this.push(userKey(username), now);
    if (ip) this.push(ipKey(ip), now);
  }

  /** A successful sign-in clears the username's failures (not the address's: one good account must not reset it). */
  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
  }

  private recent(key: string, now: number): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const cutoff = now - this.options.windowMs;
    while (times.length > 0 && (times[0] as number) <= cutoff) times.shift();
    if (times.length === 0) this.failures.delete(key);
    return times;
  }

  /** 0 when allowed; otherwise how long until the oldest counted failure leaves the window. */
  private waitMs(key: string, max: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < max) return 0;
    const oldestCounted = times[times.length - max] as number;
    return oldestCounted + this.options.windowMs - now;
  }

  private push(key: string, now: number): void {
    const times = this.recent(key, now);
    times.push(now);
    // Keep only what can still matter, and move the key to the end of the eviction order.
    const keep = Math.max(this.options.maxFailuresPerUsername, this.options.maxFailuresPerIp);
    this.failures.delete(key);
    this.failures.set(key, times.slice(-keep));
    while (this.failures.size > this.options.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }
}

function userKey(username: string): string {
  return `u:${username.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}

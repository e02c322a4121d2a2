import type { GraphQLError } from 'graphql';
import { LoginRateLimiter } from './login-rate-limiter';

const MIN = 60_000;

function fakeClock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function errorOf(fn: () => void): GraphQLError | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe('LoginRateLimiter', () => {
  test('the 5th failure of a username inside 15 min trips the limit, naming the wait; it recovers when the window passes', () => {
    const clock = fakeClock();
    const limiter = new LoginRateLimiter({ now: clock.now });
    // failures at t = 0, 1, 2, 3, 4 minutes
    for (let i = 0; i < 5; i++) {
      expect(errorOf(() => limiter.assertAllowed('alice', '10.0.0.1'))).toBeNull();
      limiter.recordFailure('alice', '10.0.0.1');
      clock.advance(MIN);
    }
    // now t = 5 min: the oldest failure (t = 0) leaves the window at t = 15 min → 10 minutes to wait
    const error = errorOf(() => limiter.assertAllowed('Alice', '10.0.0.2'));
    expect(error?.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(error?.message).toContain('10 minutes');
    // another user from another address is not affected
    expect(errorOf(() => limiter.assertAllowed('bob', '10.0.0.3'))).toBeNull();
    clock.advance(10 * MIN - 1);
    expect(errorOf(() => limiter.assertAllowed('alice', '10.0.0.2'))?.message).toMatch(/in 1 minute$/);
    clock.advance(1);
    // t = 15 min: the t = 0 failure is out, four remain → allowed again
    expect(errorOf(() => limiter.assertAllowed('alice', '10.0.0.2'))).toBeNull();
    limiter.recordFailure('alice', '10.0.0.2');
    // five inside the window again (t = 1, 2, 3, 4, 15 min)
    expect(errorOf(() => limiter.assertAllowed('alice', '10.0.0.2'))?.extensions.code).toBe('TOO_MANY_REQUESTS');
  });

  test('per address: 20 failures over different usernames trip the address, not the usernames elsewhere', () => {
    const clock = fakeClock();
    const limiter = new LoginRateLimiter({ now: clock.now });
    for (let i = 0; i < 20; i++) limiter.recordFailure(`user${i}`, '192.0.2.9');
    expect(errorOf(() => limiter.assertAllowed('someone-new', '192.0.2.9'))?.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(errorOf(() => limiter.assertAllowed('someone-new', '192.0.2.10'))).toBeNull();
    clock.advance(15 * MIN);
    expect(errorOf(() => limiter.assertAllowed('someone-new', '192.0.2.9'))).toBeNull();
  });

  test('a successful sign-in clears the username’s failures', () => {
    const limiter = new LoginRateLimiter({ now: fakeClock().now });
    for (let i = 0; i < 4; i++) limiter.recordFailure('carol', `10.1.0.${i}`);
    limiter.recordSuccess('carol');
    limiter.recordFailure('carol', '10.1.0.9');
    expect(errorOf(() => limiter.assertAllowed('carol', '10.1.0.9'))).toBeNull();
  });

  test('memory is bounded: the oldest keys are evicted past maxKeys', () => {
    const limiter = new LoginRateLimiter({ now: fakeClock().now, maxKeys: 3, maxFailuresPerUsername: 1 });
    limiter.recordFailure('a', '');
    for (const name of ['b', 'c', 'd']) limiter.recordFailure(name, '');
    // 'a' was evicted, 'd' is still tracked
    expect(errorOf(() => limiter.assertAllowed('a', ''))).toBeNull();
    expect(errorOf(() => limiter.assertAllowed('d', ''))?.extensions.code).toBe('TOO_MANY_REQUESTS');
  });
});

/**
 * The sign-in limit counts failures in the metadata DB (login_failure), on SQLite and PostgreSQL: the window, the
 * per-username and per-address limits, the reset by a good sign-in, and a table that never holds more than one window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoginFailure, loadConfig, openMetadataStore } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { assertBackend, databaseUrlFor, metadataBackends } from '../../test-support/metadata-backends';
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

async function errorOf(run: () => Promise<void>): Promise<GraphQLError | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe.each(metadataBackends())('on %s metadata', (backend) => {
  let orm: MikroORM;
  let dataDir: string;
  const em = () => orm.em.fork();

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'login-limit-'));
    orm = await openMetadataStore({ ...loadConfig({ DATA_DIR: dataDir }), databaseUrl: await databaseUrlFor(backend) });
    assertBackend(orm, backend);
  });

  beforeEach(async () => {
    await em().nativeDelete(LoginFailure, {});
  });

  afterAll(async () => {
    await orm.close(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the 5th failure of a username inside 15 min trips the limit, naming the wait; it recovers when the window passes', async () => {
    const clock = fakeClock();
    const limiter = new LoginRateLimiter({ now: clock.now });
    // failures at t = 0, 1, 2, 3, 4 minutes
    for (let i = 0; i < 5; i++) {
      expect(await errorOf(() => limiter.assertAllowed(em(), 'alice', '10.0.0.1'))).toBeNull();
      await limiter.recordFailure(em(), 'alice', '10.0.0.1');
      clock.advance(MIN);
    }
    // now t = 5 min: the oldest failure (t = 0) leaves the window at t = 15 min → 10 minutes to wait
    const error = await errorOf(() => limiter.assertAllowed(em(), 'Alice', '10.0.0.2'));
    expect(error?.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(error?.message).toContain('10 minutes');
    // another user from another address is not affected
    expect(await errorOf(() => limiter.assertAllowed(em(), 'bob', '10.0.0.3'))).toBeNull();
    clock.advance(10 * MIN - 1);
    expect((await errorOf(() => limiter.assertAllowed(em(), 'alice', '10.0.0.2')))?.message).toMatch(/in 1 minute$/);
    clock.advance(1);
    // t = 15 min: the t = 0 failure is out, four remain → allowed again
    expect(await errorOf(() => limiter.assertAllowed(em(), 'alice', '10.0.0.2'))).toBeNull();
    await limiter.recordFailure(em(), 'alice', '10.0.0.2');
    // five inside the window again (t = 1, 2, 3, 4, 15 min)
    expect((await errorOf(() => limiter.assertAllowed(em(), 'alice', '10.0.0.2')))?.extensions.code).toBe('TOO_MANY_REQUESTS');
  });

  test('per address: 20 failures over different usernames trip the address, not the usernames elsewhere', async () => {
    const clock = fakeClock();
    const limiter = new LoginRateLimiter({ now: clock.now });
    for (let i = 0; i < 20; i++) await limiter.recordFailure(em(), `user${i}`, '192.0.2.9');
    expect((await errorOf(() => limiter.assertAllowed(em(), 'someone-new', '192.0.2.9')))?.extensions.code).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(await errorOf(() => limiter.assertAllowed(em(), 'someone-new', '192.0.2.10'))).toBeNull();
    clock.advance(15 * MIN);
    expect(await errorOf(() => limiter.assertAllowed(em(), 'someone-new', '192.0.2.9'))).toBeNull();
  });

  test('a successful sign-in clears the username’s failures', async () => {
    const limiter = new LoginRateLimiter({ now: fakeClock().now });
    for (let i = 0; i < 4; i++) await limiter.recordFailure(em(), 'carol', `10.1.0.${i}`);
    await limiter.recordSuccess(em(), 'carol');
    await limiter.recordFailure(em(), 'carol', '10.1.0.9');
    expect(await errorOf(() => limiter.assertAllowed(em(), 'carol', '10.1.0.9'))).toBeNull();
  });

  test('two limiters (two api instances) on one DB count the same failures', async () => {
    const clock = fakeClock();
    const onA = new LoginRateLimiter({ now: clock.now });
    const onB = new LoginRateLimiter({ now: clock.now });
    for (let i = 0; i < 3; i++) await onA.recordFailure(em(), 'dave', '10.2.0.1');
    for (let i = 0; i < 2; i++) await onB.recordFailure(em(), 'dave', '10.2.0.2');
    expect((await errorOf(() => onA.assertAllowed(em(), 'dave', '10.2.0.3')))?.extensions.code).toBe('TOO_MANY_REQUESTS');
    expect((await errorOf(() => onB.assertAllowed(em(), 'dave', '10.2.0.3')))?.extensions.code).toBe('TOO_MANY_REQUESTS');
  });

  test('the table holds one window: failures that left it are deleted as new ones arrive', async () => {
    const clock = fakeClock();
    const limiter = new LoginRateLimiter({ now: clock.now });
    for (let i = 0; i < 30; i++) await limiter.recordFailure(em(), `spray${i}`, `198.51.100.${i}`);
    expect(await em().count(LoginFailure, {})).toBe(60);
    clock.advance(15 * MIN);
    await limiter.recordFailure(em(), 'late', '198.51.100.200');
    expect((await em().find(LoginFailure, {}, { orderBy: { key: 'asc' } })).map((f) => f.key)).toEqual([
      'ip:198.51.100.200',
      'u:late',
    ]);
  });
});

import { createLimiter, LimiterBusyError } from './concurrency-limit';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createLimiter', () => {
  it('runs at most `max` tasks at once, the others in arrival order', async () => {
    const limiter = createLimiter(2, 10);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(n);
      await tick();
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => limiter.run(task(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it('refuses beyond the queue, and a failing task frees its slot', async () => {
    const limiter = createLimiter(1, 1);
    const first = limiter.run(async () => {
      await tick();
      throw new Error('boom');
    });
    const second = limiter.run(async () => 'second');
    await expect(limiter.run(async () => 'third')).rejects.toBeInstanceOf(LimiterBusyError);
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('second');
    await expect(limiter.run(async () => 'fourth')).resolves.toBe('fourth');
  });
});

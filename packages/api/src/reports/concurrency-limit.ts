/**
 * A small FIFO limiter for expensive work (a headless Chromium per PDF request): at most `max` tasks run at once, at
 * most `maxQueued` wait; beyond that the caller is told to come back (LimiterBusyError → HTTP 503) instead of piling
 * browsers onto a 2-core machine.
 */
export class LimiterBusyError extends Error {
  constructor() {
    super('too many reports are being generated; try again shortly');
  }
}

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly queued: number;
}

export function createLimiter(max: number, maxQueued: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) next();
  };
  return {
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= max) {
        if (waiting.length >= maxQueued) throw new LimiterBusyError();
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

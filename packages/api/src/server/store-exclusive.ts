/**
 * Work that must not overlap on the server's store: a load handed over by the CLI and a backup. They run one at a
 * time, in arrival order, so a backup sees the store before a load or after it, never half of one.
 */
let queue: Promise<unknown> = Promise.resolve();

export function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.catch(() => undefined);
  return run;
}

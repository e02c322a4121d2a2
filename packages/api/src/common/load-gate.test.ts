import { ReadWriteGate } from './load-gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadWriteGate', () => {
  it('lets readers in together and keeps the writer out until the last one leaves', async () => {
    const gate = new ReadWriteGate();
    const r1 = await gate.shared();
    const r2 = await gate.shared();
    let writing = false;
    const w = gate.exclusive().then((release) => {
      writing = true;
      return release;
    });
    await tick();
    expect(writing).toBe(false);
    r1();
    await tick();
    expect(writing).toBe(false);
    r2();
    const release = await w;
    expect(writing).toBe(true);
    release();
    expect(gate.state()).toEqual({ readers: 0, writer: false, waiting: 0 });
  });

  it('prefers a waiting writer: readers arriving after it wait for its section', async () => {
    const gate = new ReadWriteGate();
    const order: string[] = [];
    const r1 = await gate.shared();
    const w = gate.exclusive().then((release) => {
      order.push('writer in');
      return release;
    });
    const late = gate.shared().then((release) => {
      order.push('late reader in');
      return release;
    });
    await tick();
    expect(gate.state()).toEqual({ readers: 1, writer: false, waiting: 2 });
    r1();
    const releaseWriter = await w;
    await tick();
    expect(order).toEqual(['writer in']);
    releaseWriter();
    (await late)();
    expect(order).toEqual(['writer in', 'late reader in']);
  });

  it('admits every reader queued before the next writer at once, and releases only once', async () => {
    const gate = new ReadWriteGate();
    const w1 = await gate.exclusive();
    const readers = [gate.shared(), gate.shared(), gate.shared()];
    const w2 = gate.exclusive();
    w1();
    const released = await Promise.all(readers);
    expect(gate.state()).toEqual({ readers: 3, writer: false, waiting: 1 });
    released[0]?.();
    released[0]?.(); // a second call changes nothing
    expect(gate.state().readers).toBe(2);
    released[1]?.();
    released[2]?.();
    (await w2)();
    expect(gate.state()).toEqual({ readers: 0, writer: false, waiting: 0 });
  });

  it('read() releases when the computation throws', async () => {
    const gate = new ReadWriteGate();
    await expect(gate.read(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.state()).toEqual({ readers: 0, writer: false, waiting: 0 });
  });
});

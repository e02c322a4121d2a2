/**
 * Every answer wholly before or wholly after a load handed to this server (README "Using it"): a read/write gate.
 * Each GraphQL operation and export reads inside a shared section; a load's visible phase — writing `cases`, rebuilding
 * and swapping in the read model's changed months, recording the outcome in the ledger (etl LoadOptions.visibleChanges)
 * — runs inside the exclusive section. Reading, staging and validating the file happen before it, while readers go on.
 *
 * The writer is preferred: once a load asks for the exclusive section, new readers wait behind it (otherwise 200
 * clients asking without pause would keep a load waiting for ever); readers then wait for the readers already inside
 * and for the visible phase. A reader releases as soon as its answer is computed, before it is sent, so a slow client
 * never holds a load back.
 *
 * One gate per process: it covers what this process reads and writes, i.e. the embedded store this server owns. A
 * standalone `pnpm etl load` on a ClickHouse server (CLICKHOUSE_URL) writes from another process and is not covered,
 * nor are the requests of other api instances (README "Several api instances"); the read cache serves none of what
 * they computed during a load after it (read-cache.ts).
 */

type Waiter = { exclusive: boolean; admit: () => void };

export class ReadWriteGate {
  private readers = 0;
  private writer = false;
  private readonly queue: Waiter[] = [];

  /** Enters a shared section; resolves to its release (idempotent). */
  async shared(): Promise<() => void> {
    if (!this.writer && this.queue.length === 0) {
      this.readers++;
    } else {
      await new Promise<void>((admit) => this.queue.push({ exclusive: false, admit }));
    }
    return this.once(() => {
      this.readers--;
      this.drain();
    });
  }

  /** Enters the exclusive section once the readers inside have left; resolves to its release (idempotent). */
  async exclusive(): Promise<() => void> {
    if (!this.writer && this.readers === 0 && this.queue.length === 0) {
      this.writer = true;
    } else {
      await new Promise<void>((admit) => this.queue.push({ exclusive: true, admit }));
    }
    return this.once(() => {
      this.writer = false;
      this.drain();
    });
  }

  /** `compute()` inside a shared section. */
  async read<T>(compute: () => Promise<T>): Promise<T> {
    const release = await this.shared();
    try {
      return await compute();
    } finally {
      release();
    }
  }

  /** Readers inside, writer inside, sections waiting: for tests and logs. */
  state(): { readers: number; writer: boolean; waiting: number } {
    return { readers: this.readers, writer: this.writer, waiting: this.queue.length };
  }

  /** Admits, in arrival order, the next writer alone or every reader up to the next waiting writer. */
  private drain(): void {
    if (this.writer) return;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Waiter;
      if (next.exclusive) {
        if (this.readers > 0) return;
        this.queue.shift();
        this.writer = true;
        next.admit();
        return;
      }
      this.queue.shift();
      this.readers++;
      next.admit();
    }
  }

  private once(release: () => void): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  }
}

/** The gate of this process's store: the load endpoint, every GraphQL operation and export, the ranking warm-up. */
export const storeGate = new ReadWriteGate();

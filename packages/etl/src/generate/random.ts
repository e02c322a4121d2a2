/**
 * Seeded randomness for the synthetic export. Everything the generator prints derives from one seed (no Math.random,
 * no clock), so the same options give the same bytes.
 */
import seedrandom from 'seedrandom';

export class Rand {
  private readonly prng: () => number;

  constructor(seed: string) {
    // alea: fast and good enough for test data; one stream per purpose keeps streams independent of each other.
    this.prng = seedrandom.alea(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.prng() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.prng() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.prng() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  normal(): number {
    const u = 1 - this.prng();
    const v = this.prng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const a = items[i] as T;
      items[i] = items[j] as T;
      items[j] = a;
    }
    return items;
  }
}

/** Weighted choice in O(log n) over a fixed list (cumulative weights + binary search). */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('weighted table needs items and weights');
    let sum = 0;
    for (const w of weights) {
      sum += Math.max(0, w);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('weighted table needs a positive weight');
    this.total = sum;
  }

  static of<T>(pairs: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
    return new WeightedTable(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }

  pick(rand: Rand): T {
    const x = rand.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }

  /** Share of the total weight carried by items matching `test` (for tests and planning). */
  share(test: (item: T) => boolean): number {
    let s = 0;
    let prev = 0;
    this.items.forEach((item, i) => {
      const c = this.cumulative[i] as number;
      if (test(item)) s += c - prev;
      prev = c;
    });
    return s / this.total;
  }
}

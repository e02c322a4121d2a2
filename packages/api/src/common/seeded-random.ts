/**
 * mulberry32: a small seeded generator, so a run drawn from it (a reconciliation question, a fuzzed GraphQL operation,
 * a kill moment of bench/kill-loop.ts) can be drawn again from the same seed. No imports: the benchmarks load it alone.
 */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A text seed (`--seed kill-loop`) as random()'s number seed. */
export function seedOfText(text: string): number {
  return [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 0x9e3779b9);
}

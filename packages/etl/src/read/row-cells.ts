/**
 * The cells of one CSV record or sheet row seen as a header → value map (RawRow.values) without building a Map per
 * row: the header positions are computed once per file and shared by every row.
 */
export class HeaderIndex {
  /** Header text (non-blank, first occurrence wins) → column position. */
  readonly position = new Map<string, number>();
  constructor(readonly header: readonly string[]) {
    header.forEach((h, i) => {
      if (h.trim() !== '' && !this.position.has(h)) this.position.set(h, i);
    });
  }
}

export class RowCells implements ReadonlyMap<string, unknown> {
  constructor(
    private readonly index: HeaderIndex,
    private readonly cells: readonly unknown[],
  ) {}
  get size(): number {
    return this.index.position.size;
  }
  /** A cell the row lacks (a short row) reads as null, as before. */
  get(header: string): unknown {
    const i = this.index.position.get(header);
    return i === undefined ? undefined : (this.cells[i] ?? null);
  }
  has(header: string): boolean {
    return this.index.position.has(header);
  }
  *entries(): MapIterator<[string, unknown]> {
    for (const [h, i] of this.index.position) yield [h, this.cells[i] ?? null];
  }
  keys(): MapIterator<string> {
    return this.index.position.keys();
  }
  *values(): MapIterator<unknown> {
    for (const i of this.index.position.values()) yield this.cells[i] ?? null;
  }
  forEach(fn: (value: unknown, key: string, map: ReadonlyMap<string, unknown>) => void): void {
    for (const [h, v] of this.entries()) fn(v, h, this);
  }
  [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.entries();
  }
}

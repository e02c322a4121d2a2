/**
 * A fact carried through a build's GROUP BY as its position in a list (UInt8: cheaper to expand, hash and group than
 * its name) and named again on the grouped rows — the pattern of both fact tables' builds (indicator_facts,
 * operator_facts).
 */
export interface FactPositions<Id extends string> {
  /** The SQL UInt8 of `id`'s position (1-based). */
  position(id: Id): string;
  /** The SQL name of the fact at the position `expr` (a UInt8 expression). */
  name(expr: string): string;
}

export function factPositions<Id extends string>(ids: readonly Id[]): FactPositions<Id> {
  const names = `[${ids.map((id) => `'${id}'`).join(', ')}]`;
  return {
    position(id) {
      const i = ids.indexOf(id);
      if (i < 0) throw new Error(`unknown fact ${id}`);
      return `toUInt8(${i + 1})`;
    },
    name: (expr) => `${names}[${expr}]`,
  };
}

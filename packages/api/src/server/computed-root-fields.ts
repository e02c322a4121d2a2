/**
 * The root fields of an operation that run statements (marked by common/engine-cost.ts `Computed`), for the
 * per-request limit in limits.ts. Costs alone would let a request fan out to as many cheap-looking fields as fit under
 * MAX_COST; the count keeps one request from ordering more than a page's worth of separate computations.
 */
import {
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { COMPUTED_EXTENSION } from '../common/engine-cost';

/**
 * Response key → field name of each computed root field, fragments followed. Fields sharing a response key are merged
 * by execution into one resolver call, so they count once; `@skip` / `@include` are not evaluated (counted as run).
 */
export function computedRootFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): Map<string, string> {
  const found = new Map<string, string>();
  const fields = schema.getRootType(operation.operation)?.getFields();
  if (!fields) return found;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (fields[selection.name.value]?.extensions?.[COMPUTED_EXTENSION]) {
          found.set(selection.alias?.value ?? selection.name.value, selection.name.value);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return found;
}

/** "ranking ×200, metrics ×3": each field name with how many times it is selected, most first. */
export function describeFieldCounts(fields: ReadonlyMap<string, string>): string {
  const counts = new Map<string, number>();
  for (const name of fields.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ');
}

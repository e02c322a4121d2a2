/**
 * The SCREEN role (issue 15): the command-centre wall display's account. It reads what /screen shows — `me` and the
 * `screen` query, and the data-change events (GET /events) — and nothing else: no other query (no case list, no
 * ranking configuration, no region tree beyond what `screen` carries), no mutation, no export or file. The rule is
 * checked once per request, before anything runs, on the operation's root fields (fragments followed), so a resolver
 * added later is refused to SCREEN unless it is named here.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { forbidden } from '../common/errors';
import { Role } from '../common/graphql-types';
import type { AppContext, AuthUser } from '../context';

/** The root fields a SCREEN token may select (`login` is anonymous anyway: signing in again is allowed). */
export const SCREEN_ROOT_FIELDS: ReadonlySet<string> = new Set(['me', 'screen', 'login']);

export function isScreenUser(user: AuthUser | null | undefined): boolean {
  return user?.role === Role.SCREEN;
}

/** Names of the operation's root fields, fragments followed (`__typename` and introspection left out). */
function rootFieldNames(operation: OperationDefinitionNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>) {
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

/** FORBIDDEN unless every root field of a SCREEN user's operation is one the screen reads (a query, never a mutation). */
export function assertScreenMayRun(
  user: AuthUser | null | undefined,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): void {
  if (!isScreenUser(user)) return;
  const refused = [...rootFieldNames(operation, fragments)].filter(
    (name) => !SCREEN_ROOT_FIELDS.has(name) || (operation.operation !== 'query' && name !== 'login'),
  );
  if (refused.length > 0) throw forbidden(`role SCREEN reads the command-centre screen only, not ${refused.join(', ')}`);
}

/** FORBIDDEN for a SCREEN user: the file exports (CSV, .xlsx, PDF, .docx) are not on the screen. */
export function assertNotScreen(user: AuthUser | null | undefined, what: string): void {
  if (isScreenUser(user)) throw forbidden(`role SCREEN reads the command-centre screen only, not ${what}`);
}

/** The check above on every GraphQL request, once the operation is known and before it executes. */
export function screenRolePlugin(): ApolloServerPlugin<AppContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          assertScreenMayRun(contextValue.user, operation, fragments);
        },
      };
    },
  };
}

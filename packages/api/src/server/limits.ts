/**
 * Query limits (issue "GraphQL API" §Limits; issue 12 §6): depth, the number of computed root fields and cost are
 * checked before any resolver runs, so an expensive query costs the server nothing but its parse. Root fields carry
 * the cost of the statements they run (common/engine-cost.ts); every other field costs 1.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  separateOperations,
  visit,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { computedRootFields, describeFieldCounts } from './computed-root-fields';

export const MAX_DEPTH = 10;
/** Points (common/engine-cost.ts, ≈ 1 ms of engine time on 500 k cases): a dashboard page's request stays under 500. */
export const MAX_COST = 5000;
/** Root fields that run statements, per operation: a dashboard request selects at most 2. */
export const MAX_COMPUTED_ROOT_FIELDS = 10;

export interface QueryLimits {
  maxCost: number;
  maxComputedRootFields: number;
}

export interface OperationRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}

/** The operation to run with the fragments it uses, or null when the name matches none (graphql-js reports that). */
function selectOperation({ document, operationName }: OperationRequest): DocumentNode | null {
  return operationName ? (separateOperations(document)[operationName] ?? null) : document;
}

/** The cost of the operation `request` runs, as the limit reckons it. */
export function operationCost(schema: GraphQLSchema, request: OperationRequest): number {
  const query = selectOperation(request);
  if (!query) return 0;
  return getComplexity({
    schema,
    query,
    variables: request.variables ?? {},
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** Response key → field name of the computed root fields the operation selects. */
export function operationComputedRootFields(schema: GraphQLSchema, request: OperationRequest): Map<string, string> {
  const query = selectOperation(request);
  const operation = query?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!query || !operation) return new Map();
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of query.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return computedRootFields(schema, operation, fragments);
}

/** The client's request is at fault: 400 (Apollo answers 500 for an error thrown before execution otherwise). */
const REFUSED = { status: 400 };

/** Throws BAD_USER_INPUT naming the limit when the operation selects too many computed root fields or costs too much. */
export function checkQueryLimits(schema: GraphQLSchema, request: OperationRequest, limits: QueryLimits): void {
  refuseControlCharacters(request);
  // The count first: it is the cheaper check, and its message names the fields that were multiplied.
  const computed = operationComputedRootFields(schema, request);
  if (computed.size > limits.maxComputedRootFields) {
    throw new GraphQLError(
      `at most ${limits.maxComputedRootFields} computed root fields per request (${describeFieldCounts(computed)})`,
      {
        extensions: {
          code: 'BAD_USER_INPUT',
          computedRootFields: computed.size,
          maxComputedRootFields: limits.maxComputedRootFields,
          http: REFUSED,
        },
      },
    );
  }
  const cost = costOrRefusal(schema, request);
  if (cost > limits.maxCost) {
    throw new GraphQLError(`query cost ${cost} exceeds the limit of ${limits.maxCost}`, {
      extensions: { code: 'BAD_USER_INPUT', cost, maxCost: limits.maxCost, http: REFUSED },
    });
  }
}

/** C0 control characters other than tab, line feed and carriage return: never in a name, code, note or date. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

function controlCharacterIn(value: unknown, at: string): string | null {
  if (typeof value === 'string') return hasControl(value) ? at : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = controlCharacterIn(item, `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = controlCharacterIn(item, `${at}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A string argument holding a control character (NUL, ESC…) is refused, naming the variable or argument, before it
 * reaches a store: SQLite's tokenizer stops at a NUL inside a statement's text, which surfaced as an internal error.
 */
function refuseControlCharacters({ document, variables }: OperationRequest): void {
  let found = controlCharacterIn(variables ?? {}, '$')?.replace(/^\$\./, '$') ?? null;
  if (!found) {
    visit(document, {
      Argument(node) {
        if (!found && node.value.kind === Kind.STRING && hasControl(node.value.value)) found = node.name.value;
      },
      ObjectField(node) {
        if (!found && node.value.kind === Kind.STRING && hasControl(node.value.value)) found = node.name.value;
      },
    });
  }
  if (found) {
    throw new GraphQLError(`参数 ${found} 含控制字符 / argument ${found}: control characters (such as NUL) are not accepted`, {
      extensions: { code: 'BAD_USER_INPUT', argument: found, http: REFUSED },
    });
  }
}

/**
 * The cost reckoning coerces the request's variables (graphql-query-complexity calls getVariableValues), before Apollo
 * does: a variable of the wrong type (a string for an Int, 2147483648, a malformed Date) surfaces here as graphql-js's
 * own refusal, which names the variable and carries no code — the client's error, answered 400 as BAD_USER_INPUT.
 */
function costOrRefusal(schema: GraphQLSchema, request: OperationRequest): number {
  try {
    return operationCost(schema, request);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === undefined && error.path === undefined) {
      throw new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { code: 'BAD_USER_INPUT', http: REFUSED },
      });
    }
    throw error;
  }
}

export function costLimitPlugin(schema: () => GraphQLSchema, limits: Partial<QueryLimits> = {}): ApolloServerPlugin {
  const effective: QueryLimits = {
    maxCost: limits.maxCost ?? MAX_COST,
    maxComputedRootFields: limits.maxComputedRootFields ?? MAX_COMPUTED_ROOT_FIELDS,
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          checkQueryLimits(schema(), { document, operationName: request.operationName, variables: request.variables }, effective);
        },
      };
    },
  };
}

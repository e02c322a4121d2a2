import { GraphQLError, type GraphQLFormattedError } from 'graphql';

function isRequestRefusal(error: unknown): boolean {
  return error instanceof GraphQLError && error.originalError === undefined && /^Variable "\$/.test(error.message);
}

/** Codes whose messages are written for users (they name the argument and never carry SQL or engine text). */
const USER_FACING = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'TOO_MANY_REQUESTS',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * Everything else (an engine error, a bug) becomes a generic message with a reference; the detail goes to the
 * server log only.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
  // graphql-js's own refusal of a request (a variable of the wrong type, out of Int range…) carries no code, no path
  // and no original error; its message names the variable and the reason, from the request alone.
  if (formatted.extensions?.code === undefined && isRequestRefusal(error) && formatted.path === undefined) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (USER_FACING.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions };
  }
  const reference = Math.random().toString(36).slice(2, 10);
  console.error(`[graphql error ${reference}]`, error);
  return {
    message: `internal error (reference ${reference})`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', reference },
  };
}

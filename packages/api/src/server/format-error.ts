import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** Apollo hands formatError the inner error of a variable's coercion; the formatted message names the variable. */
function isRequestRefusal(formatted: GraphQLFormattedError): boolean {
  return /^Variable "\$[_A-Za-z][_0-9A-Za-z]*" (got invalid value|of required type|of non-null type)/.test(formatted.message);
}

/**
 * A request refused before any field ran (no data at all) whose every error is the client's (a user-facing code) is
 * answered 400, not the 500 Apollo gives an error raised while coercing variables (e.g. a malformed Date).
 */
export function clientErrorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (errors.every((e) => USER_FACING.has(String(e.extensions?.code)))) response.http.status = 400;
        },
      };
    },
  };
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
  if (formatted.extensions?.code === undefined && isRequestRefusal(formatted) && formatted.path === undefined) {
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

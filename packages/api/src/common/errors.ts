import { GraphQLError } from 'graphql';

/**
 * The error vocabulary of the contract schema: every error carries `extensions.code`; messages name the argument and
 * never carry SQL, engine messages or stack traces.
 */
export function badUserInput(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`${argument}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(reason, { extensions: { code: 'FORBIDDEN' } });
}

export function unauthenticated(reason = 'sign in required'): GraphQLError {
  return new GraphQLError(reason, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function tooManyRequests(reason: string): GraphQLError {
  return new GraphQLError(reason, { extensions: { code: 'TOO_MANY_REQUESTS' } });
}

export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: 'NOT_FOUND' } });
}

/** The caller acted on a state that changed meanwhile (e.g. an edit based on an older configuration version). */
export function conflict(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`${argument}: ${reason}`, { extensions: { code: 'CONFLICT', argument } });
}

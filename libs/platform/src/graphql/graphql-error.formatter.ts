import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { UserError } from './user-error';

/** Apollo's own codes for malformed requests: the client's mistake, shown as they are. */
const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'UNAUTHENTICATED', 'FORBIDDEN']);

/**
 * The one place errors become GraphQL errors (Apollo's formatError, so it
 * covers every resolver, federation's entity lookups included): a UserError
 * keeps its code, field and details; anything unexpected is logged and
 * answered as INTERNAL_SERVER_ERROR with no detail, so internals never leak.
 */
export function graphqlErrorFormatter(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const original = unwrapResolverError(error);
    const where = { ...(formatted.path ? { path: formatted.path } : {}), ...(formatted.locations ? { locations: formatted.locations } : {}) };
    if (original instanceof UserError) {
      return { message: original.message, ...where, extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...original.details } };
    }
    const code = formatted.extensions?.['code'];
    if (original instanceof GraphQLError && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      return { message: formatted.message, ...where, extensions: { code } };
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return { message: formatted.message, ...where, extensions: { code } };
    logger.error({ err: original }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal error: the operation failed; it has been logged.', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { LIMIT_CODE_EXTENSION } from './limits/query-limits';

/** Extensions a client may see; everything else (stack traces, subgraph names, internals) is dropped. */
const HIDDEN_EXTENSIONS = new Set(['stacktrace', 'exception', 'serviceName', 'http']);

/**
 * The gateway's errors: the services' own codes (BAD_USER_INPUT, FORBIDDEN,
 * NOT_FOUND, CONFLICT, …) and the gateway's (UNAUTHENTICATED, QUERY_TOO_DEEP,
 * …) pass with their message and details; anything without a code, or an
 * internal error, is logged here and answered without detail. A subgraph that
 * cannot be reached is SERVICE_UNAVAILABLE.
 */
export function gatewayErrorFormatter(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted) => {
    const where = { ...(formatted.path ? { path: formatted.path } : {}), ...(formatted.locations ? { locations: formatted.locations } : {}) };
    const { [LIMIT_CODE_EXTENSION]: limitCode, ...extensions } = formatted.extensions ?? {};
    const code = typeof limitCode === 'string' ? limitCode : extensions['code'];
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const shown: Record<string, unknown> = { code };
      for (const [key, value] of Object.entries(extensions)) if (key !== 'code' && !HIDDEN_EXTENSIONS.has(key)) shown[key] = value;
      return { message: formatted.message, ...where, extensions: shown };
    }
    const service = typeof extensions['serviceName'] === 'string' ? extensions['serviceName'] : undefined;
    if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|Couldn't reach/i.test(formatted.message)) {
      logger.error({ service, message: formatted.message, path: formatted.path }, 'a subgraph could not be reached');
      return { message: `A service${service ? ` (${service})` : ''} is unavailable; try again shortly.`, ...where, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    logger.error({ service, message: formatted.message, path: formatted.path }, 'unexpected error in a gateway operation');
    return { message: 'Internal error: the operation failed; it has been logged.', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

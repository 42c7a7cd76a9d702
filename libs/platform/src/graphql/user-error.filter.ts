import { Catch, Inject, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { JSON_LOGGER } from '../platform.tokens';
import { UserError } from './user-error';

/**
 * The one place errors become GraphQL errors: a UserError keeps its code and
 * message; anything else is logged and answered as INTERNAL_SERVER_ERROR with
 * no detail, so internals never leak.
 */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  constructor(@Inject(JSON_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof UserError) {
      return new GraphQLError(exception.message, { extensions: { code: exception.code, ...(exception.field ? { field: exception.field } : {}), ...exception.details } });
    }
    this.logger.error({ err: exception }, 'unexpected error in a GraphQL operation');
    return new GraphQLError('Internal error: the operation failed; it has been logged.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

import { Catch, Inject } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { JSON_LOGGER } from '../platform.tokens';
import { UserError } from './user-error';

/**
 * A user's mistake is an answer, not an incident: hand it to the GraphQL error
 * formatter as it is, without Nest logging it as an error. Refused access is
 * noted at warn level: worth seeing, not worth waking anyone.
 */
@Catch(UserError, GraphQLError)
export class UserErrorFilter implements GqlExceptionFilter {
  constructor(@Inject(JSON_LOGGER) private readonly logger: Logger) {}

  catch(exception: UserError | GraphQLError): UserError | GraphQLError {
    const code = exception instanceof GraphQLError ? exception.extensions['code'] : exception.code;
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') this.logger.warn({ code }, exception.message);
    return exception;
  }
}

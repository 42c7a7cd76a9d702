import type { NextFunction, Request, Response } from 'express';
import { acceptCorrelationId, runWithCorrelationId } from '@valley/messaging';

/** The HTTP header a caller (the gateway, a test, an operator's curl) names its request by. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * Takes the request's correlation id (a malformed or missing one is replaced by
 * a fresh UUID), echoes it in the response and makes it the current one for
 * everything the request runs: GraphQL resolvers, the events they publish
 * through the outbox, the log lines they write.
 *
 * Install it after the body parser: the parser resumes the chain from the
 * socket's stream events, which would run outside this request's scope.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers[CORRELATION_ID_HEADER];
  const id = acceptCorrelationId(Array.isArray(given) ? given[0] : given);
  res.setHeader(CORRELATION_ID_HEADER, id);
  runWithCorrelationId(id, next);
}

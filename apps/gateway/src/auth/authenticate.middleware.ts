import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../gateway-context';
import type { RateLimiter } from '../limits/rate-limiter';
import { currentCorrelationId } from '@valley/platform';
import { TokenRejected, type TokenVerifier } from './token-verifier';

function refuse(res: Response, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * In front of /graphql: the Bearer token
 * verified (401 UNAUTHENTICATED otherwise, before any GraphQL is parsed), and
 * the caller's rate limit (429 RATE_LIMITED with Retry-After).
 */
export function authenticateMiddleware(verifier: TokenVerifier, limiter: RateLimiter, logger: Logger): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const request = req as Request & AuthenticatedRequest;
    // The platform's correlation middleware (startService) took or made it, and echoes it.
    const correlationId = currentCorrelationId();
    request.correlationId = correlationId;
    verifier.fromAuthorization(req.headers.authorization).then(
      (identity) => {
        const wait = limiter.take(`${identity.role}:${identity.subject}`);
        if (wait > 0) {
          logger.warn({ correlationId, subject: identity.subject, role: identity.role }, 'rate limit reached');
          refuse(res, 429, 'RATE_LIMITED', `Too many requests: try again in ${wait} s.`, { 'Retry-After': String(wait) });
          return;
        }
        request.valleyIdentity = identity;
        next();
      },
      (err: unknown) => {
        if (err instanceof TokenRejected) {
          logger.info({ correlationId, reason: err.message }, 'request refused: not authenticated');
          refuse(res, 401, 'UNAUTHENTICATED', err.message, { 'WWW-Authenticate': 'Bearer realm="valley"' });
          return;
        }
        // The identity provider's key set unreachable, say: not the caller's fault.
        logger.error({ correlationId, err }, 'could not verify a token');
        refuse(res, 503, 'AUTHENTICATION_UNAVAILABLE', 'Tokens cannot be verified right now; try again shortly.');
      },
    );
  };
}

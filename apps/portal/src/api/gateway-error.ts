/** One error as the gateway sends it (GraphQL `errors[]`, or the HTTP refusals' body of the same shape). */
export interface WireError {
  message?: unknown;
  extensions?: Record<string, unknown> & { code?: unknown };
}

/**
 * What the portal knows of a failed call: the gateway's code (UNAUTHENTICATED,
 * FORBIDDEN, BAD_USER_INPUT, a service's own such as INVALID_TRANSITION…),
 * its message and details. Never shown raw: see describeError.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** The first error of a gateway answer as a GatewayError (code NETWORK when there was no answer, UNKNOWN when it had no code). */
export function toGatewayError(status: number | undefined, errors: readonly WireError[] | undefined): GatewayError {
  const first = errors?.[0];
  if (!first) {
    const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 429 ? 'RATE_LIMITED' : status !== undefined && status >= 500 ? 'SERVICE_UNAVAILABLE' : 'UNKNOWN';
    return new GatewayError(code, `HTTP ${status ?? '?'}`, {}, status);
  }
  const { code, ...details } = first.extensions ?? {};
  return new GatewayError(typeof code === 'string' ? code : 'UNKNOWN', typeof first.message === 'string' ? first.message : 'error', details, status);
}

/** Whether an error means the user must sign in again. */
export function isSignedOut(error: unknown): boolean {
  return error instanceof GatewayError && error.code === 'UNAUTHENTICATED';
}

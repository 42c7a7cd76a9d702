import type { Identity } from '@valley/platform';

/** What every operation through the gateway carries: set by the authentication middleware. */
export interface GatewayContext {
  identity?: Identity;
  correlationId?: string;
  /** The identity signed for subgraphs, made once per operation. */
  signedIdentity?: string;
}

/** The request properties the middleware sets. */
export interface AuthenticatedRequest {
  valleyIdentity?: Identity;
  correlationId?: string;
}

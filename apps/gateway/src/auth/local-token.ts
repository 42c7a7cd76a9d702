import { SignJWT } from 'jose';
import type { Identity } from '@valley/platform';

export interface LocalTokenOptions {
  secret: string;
  issuer?: string;
  audience?: string;
  ttlSeconds?: number;
  /** Seconds since the epoch the token counts from (tests make expired ones). */
  now?: number;
}

/**
 * An HS256 token the gateway accepts when it runs with GATEWAY_JWT_SECRET:
 * for local use and tests. Production tokens come from the identity provider (RS256).
 */
export async function issueLocalToken(identity: Identity, options: LocalTokenOptions): Promise<string> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ role: identity.role, ...(identity.enterpriseId ? { enterpriseId: identity.enterpriseId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.subject)
    .setIssuer(options.issuer ?? 'valley-local')
    .setAudience(options.audience ?? 'valley-portal')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 3600))
    .sign(new TextEncoder().encode(options.secret));
}

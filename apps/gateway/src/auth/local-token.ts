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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A local sign-in that names no valid identity; the message says what to change. */
export class LocalIdentityError extends Error {
  override readonly name = 'LocalIdentityError';
}

/**
 * The identity a local sign-in names (the portal's, and `npm run token`): an
 * administrator, an applicant (an enterprise user without an enterprise yet),
 * or an enterprise's user. Throws LocalIdentityError for anything else.
 */
export function localIdentity(request: { role?: unknown; enterpriseId?: unknown }): Identity {
  const enterpriseId = request.enterpriseId === null || request.enterpriseId === '' ? undefined : request.enterpriseId;
  if (request.role === 'park-admin') {
    if (enterpriseId !== undefined) throw new LocalIdentityError('a park-admin acts for no enterprise');
    return { subject: 'local-park-admin', role: 'park-admin' };
  }
  if (request.role !== 'enterprise') throw new LocalIdentityError('role is park-admin or enterprise');
  if (enterpriseId === undefined) return { subject: 'local-applicant', role: 'enterprise' };
  if (typeof enterpriseId !== 'string' || !UUID.test(enterpriseId)) throw new LocalIdentityError(`enterpriseId ${String(enterpriseId)} is not a UUID`);
  return { subject: `local-user-${enterpriseId.slice(0, 8).toLowerCase()}`, role: 'enterprise', enterpriseId: enterpriseId.toLowerCase() };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Identity, Role } from './identity';

/** The header the gateway forwards the caller's identity in, signed. */
export const IDENTITY_HEADER = 'x-valley-identity';

const ROLES: readonly Role[] = ['park-admin', 'enterprise'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type IdentityCheck = { ok: true; identity: Identity } | { ok: false; reason: string };

interface Claims {
  sub: string;
  role: Role;
  eid?: string;
  exp: number;
}

function b64(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/**
 * `<payload>.<signature>`: base64url JSON claims and their HMAC-SHA256 under
 * the secret the gateway and the subgraphs share. Short-lived: a captured
 * header is useless after `ttlSeconds`.
 */
export function signIdentity(identity: Identity, secret: string, ttlSeconds = 60, now = Date.now()): string {
  const claims: Claims = { sub: identity.subject, role: identity.role, exp: Math.floor(now / 1000) + ttlSeconds, ...(identity.enterpriseId ? { eid: identity.enterpriseId } : {}) };
  const payload = b64(JSON.stringify(claims));
  return `${payload}.${b64(sign(payload, secret))}`;
}

/** Verifies the signature, the expiry and the claims' shape. */
export function verifyIdentity(header: string | undefined, secret: string, now = Date.now()): IdentityCheck {
  if (!header) return { ok: false, reason: 'no forwarded identity' };
  const [payload, signature, extra] = header.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed forwarded identity' };
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forwarded identity has a bad signature' };
  let claims: Partial<Claims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Claims>;
  } catch {
    return { ok: false, reason: 'malformed forwarded identity' };
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < now) return { ok: false, reason: 'forwarded identity expired' };
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 200) return { ok: false, reason: 'forwarded identity has no subject' };
  if (!ROLES.includes(claims.role as Role)) return { ok: false, reason: 'forwarded identity has an unknown role' };
  if (claims.eid !== undefined && !UUID.test(claims.eid)) return { ok: false, reason: 'forwarded identity has a malformed enterprise id' };
  return { ok: true, identity: { subject: claims.sub, role: claims.role as Role, ...(claims.eid ? { enterpriseId: claims.eid } : {}) } };
}

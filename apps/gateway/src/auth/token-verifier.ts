import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Identity, Role } from '@valley/platform';

const ROLES: readonly Role[] = ['park-admin', 'enterprise'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a token was refused: said to the client (it names no key or internal detail). */
export class TokenRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejected';
  }
}

export interface TokenVerifierOptions {
  /** HS256 key (local use). */
  secret?: string;
  /** RS256 key set of the identity provider (production). */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on exp/nbf. */
  clockToleranceSeconds?: number;
}

/**
 * Turns a Bearer JWT into the caller's identity: signature (HS256 under the
 * local secret, RS256 under the JWKS), expiry, issuer, audience, and the
 * Valley claims — `role` (park-admin | enterprise) and, for enterprise users
 * who act for a resident, `enterpriseId`.
 */
export class TokenVerifier {
  private readonly secretKey?: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.secret) this.secretKey = new TextEncoder().encode(options.secret);
    if (options.jwksUrl) this.jwks = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  }

  /** The identity in an Authorization header value; TokenRejected when there is none or it is not valid. */
  async fromAuthorization(header: string | undefined): Promise<Identity> {
    if (!header) throw new TokenRejected('Not authenticated: send Authorization: Bearer <token>');
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(header);
    if (!match) throw new TokenRejected('Not authenticated: the Authorization header is not a Bearer JWT');
    return this.verify(match[1]!);
  }

  async verify(token: string): Promise<Identity> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new TokenRejected('Not authenticated: the token is malformed');
    }
    let payload: JWTPayload;
    try {
      const common = { issuer: this.options.issuer, audience: this.options.audience, clockTolerance: this.options.clockToleranceSeconds ?? 5, requiredClaims: ['exp', 'sub'] };
      if (alg === 'HS256' && this.secretKey) payload = (await jwtVerify(token, this.secretKey, { ...common, algorithms: ['HS256'] })).payload;
      else if (alg === 'RS256' && this.jwks) payload = (await jwtVerify(token, this.jwks, { ...common, algorithms: ['RS256'] })).payload;
      else throw new TokenRejected(`Not authenticated: tokens signed with ${alg ?? 'no algorithm'} are not accepted here`);
    } catch (err) {
      throw toRejection(err);
    }
    return identityOf(payload);
  }
}

function toRejection(err: unknown): TokenRejected {
  if (err instanceof TokenRejected) return err;
  if (err instanceof joseErrors.JWTExpired) return new TokenRejected('Not authenticated: the token has expired');
  if (err instanceof joseErrors.JWTClaimValidationFailed) return new TokenRejected(`Not authenticated: the token's ${err.claim} claim is not valid here`);
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return new TokenRejected('Not authenticated: the token signature is not valid');
  if (err instanceof joseErrors.JWKSNoMatchingKey) return new TokenRejected('Not authenticated: no key of the identity provider matches the token');
  if (err instanceof joseErrors.JOSEError) return new TokenRejected('Not authenticated: the token is not valid');
  throw err;
}

function identityOf(payload: JWTPayload): Identity {
  const role = payload['role'];
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new TokenRejected('Not authenticated: the token has no valid role (park-admin or enterprise)');
  const subject = payload.sub ?? '';
  if (subject.length === 0 || subject.length > 200) throw new TokenRejected('Not authenticated: the token has no valid subject');
  const enterpriseId = payload['enterpriseId'];
  if (enterpriseId !== undefined && (typeof enterpriseId !== 'string' || !UUID.test(enterpriseId))) throw new TokenRejected('Not authenticated: the token has a malformed enterpriseId');
  if (role === 'park-admin' && enterpriseId !== undefined) throw new TokenRejected('Not authenticated: a park-admin token cannot carry an enterpriseId');
  return { subject, role: role as Role, ...(typeof enterpriseId === 'string' ? { enterpriseId: enterpriseId.toLowerCase() } : {}) };
}

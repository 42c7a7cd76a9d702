import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
}

/**
 * Just enough of an OpenID Connect provider for the portal's sign-in test:
 * discovery, an authorize endpoint that signs the user straight in, a token
 * endpoint that checks the PKCE verifier (S256) and the redirect URI, and the
 * RS256 key set the gateway verifies access tokens with.
 */
export class FakeOidcProvider {
  /** What the token endpoint saw, for the test to check the PKCE exchange happened. */
  readonly exchanges: Array<{ verified: boolean }> = [];
  private readonly codes = new Map<string, PendingCode>();

  private constructor(private readonly server: Server, readonly issuer: string, private readonly key: KeyLike, private readonly claims: Record<string, unknown>, private readonly audience: string) {}

  static async start(options: { claims: Record<string, unknown>; audience: string }): Promise<FakeOidcProvider> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-idp-1', alg: 'RS256', use: 'sig' };
    let provider!: FakeOidcProvider;
    const server = createServer((req, res) => {
      provider.handle(req, jwk).then(
        ({ status, body, location }) => {
          res.setHeader('access-control-allow-origin', '*');
          if (location) res.setHeader('location', location);
          if (body !== undefined) res.setHeader('content-type', 'application/json');
          res.statusCode = status;
          res.end(body === undefined ? undefined : JSON.stringify(body));
        },
        (err: unknown) => {
          res.statusCode = 500;
          res.end(String(err));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    provider = new FakeOidcProvider(server, issuer, privateKey as KeyLike, options.claims, options.audience);
    return provider;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, jwk: Record<string, unknown>): Promise<{ status: number; body?: unknown; location?: string }> {
    const url = new URL(req.url ?? '/', this.issuer);
    if (req.method === 'OPTIONS') return { status: 204 };
    if (url.pathname === '/.well-known/openid-configuration') {
      return { status: 200, body: { issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: this.jwksUrl, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'] } };
    }
    if (url.pathname === '/jwks') return { status: 200, body: { keys: [jwk] } };
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return { status: 400, body: { error: 'invalid_request' } };
      const code = randomUUID();
      this.codes.set(code, { clientId: q.get('client_id') ?? '', redirectUri: q.get('redirect_uri') ?? '', challenge: q.get('code_challenge') ?? '', ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}) });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return { status: 302, location: back.toString() };
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const pending = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const verified = pending !== undefined && createHash('sha256').update(verifier).digest('base64url') === pending.challenge && form.get('redirect_uri') === pending.redirectUri;
      this.exchanges.push({ verified });
      if (!pending || !verified) return { status: 400, body: { error: 'invalid_grant' } };
      const sign = (claims: Record<string, unknown>, audience: string) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'fake-idp-1' }).setIssuer(this.issuer).setAudience(audience).setSubject('sso|park-admin-7').setIssuedAt().setExpirationTime('10m').sign(this.key);
      return {
        status: 200,
        body: {
          token_type: 'Bearer',
          expires_in: 600,
          access_token: await sign(this.claims, this.audience),
          id_token: await sign({ ...(pending.nonce ? { nonce: pending.nonce } : {}) }, pending.clientId),
        },
      };
    }
    return { status: 404, body: { error: 'not_found' } };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { issueLocalToken } from './local-token';
import { TokenRejected, TokenVerifier } from './token-verifier';

const SECRET = 'unit-test-jwt-secret-0123456789-abcdefgh';
const ENTERPRISE = '7d3c9a52-4a7e-4a55-9d1e-3f1c6f1e2b10';

describe('TokenVerifier', () => {
  const local = new TokenVerifier({ secret: SECRET, issuer: 'valley-local', audience: 'valley-portal' });

  it('turns a local HS256 token into the identity it names', async () => {
    const token = await issueLocalToken({ subject: 'u-1', role: 'enterprise', enterpriseId: ENTERPRISE.toUpperCase() }, { secret: SECRET });
    await expect(local.fromAuthorization(`Bearer ${token}`)).resolves.toEqual({ subject: 'u-1', role: 'enterprise', enterpriseId: ENTERPRISE });
  });

  it.each([
    ['no header', undefined, /send Authorization/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /not a Bearer JWT/],
    ['a bearer that is no JWT', 'Bearer abc', /not a Bearer JWT/],
  ])('refuses %s', async (_case, header, message) => {
    await expect(local.fromAuthorization(header)).rejects.toThrow(message);
  });

  it('refuses expired tokens, other issuers and audiences, and unknown roles', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expect(local.verify(await issueLocalToken({ subject: 'u', role: 'park-admin' }, { secret: SECRET, now: past, ttlSeconds: 60 }))).rejects.toThrow(/expired/);
    await expect(local.verify(await issueLocalToken({ subject: 'u', role: 'park-admin' }, { secret: SECRET, issuer: 'elsewhere' }))).rejects.toThrow(/iss/);
    await expect(local.verify(await issueLocalToken({ subject: 'u', role: 'park-admin' }, { secret: SECRET, audience: 'another-app' }))).rejects.toThrow(/aud/);
    await expect(local.verify(await issueLocalToken({ subject: 'u', role: 'root' as never }, { secret: SECRET }))).rejects.toThrow(/role/);
    await expect(local.verify(await issueLocalToken({ subject: 'u', role: 'park-admin', enterpriseId: ENTERPRISE }, { secret: SECRET }))).rejects.toThrow(/park-admin token cannot carry/);
    await expect(local.verify(await issueLocalToken({ subject: 'u', role: 'enterprise', enterpriseId: 'not-a-uuid' }, { secret: SECRET }))).rejects.toThrow(/malformed enterpriseId/);
  });

  it('refuses an HS256 token when only RS256 keys are configured (no algorithm confusion)', async () => {
    const rsOnly = new TokenVerifier({ jwksUrl: 'http://127.0.0.1:9/jwks.json', issuer: 'valley-local', audience: 'valley-portal' });
    await expect(rsOnly.verify(await issueLocalToken({ subject: 'u', role: 'park-admin' }, { secret: SECRET }))).rejects.toThrow(TokenRejected);
  });

  describe('RS256 from an identity provider\'s JWKS', () => {
    let server: Server;
    let jwksUrl: string;
    let privateKey: KeyLike;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey as KeyLike;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const sign = (claims: Record<string, unknown>, key: KeyLike = privateKey, kid = 'idp-key-1') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setSubject('sso|42').setIssuer('https://sso.park.example').setAudience('valley-portal').setIssuedAt().setExpirationTime('10m').sign(key);

    it('accepts a token signed by a key in the set', async () => {
      const idp = new TokenVerifier({ jwksUrl, issuer: 'https://sso.park.example', audience: 'valley-portal' });
      await expect(idp.verify(await sign({ role: 'park-admin' }))).resolves.toEqual({ subject: 'sso|42', role: 'park-admin' });
    });

    it('refuses one signed by a key outside the set', async () => {
      const idp = new TokenVerifier({ jwksUrl, issuer: 'https://sso.park.example', audience: 'valley-portal' });
      const stranger = (await generateKeyPair('RS256')).privateKey as KeyLike;
      await expect(idp.verify(await sign({ role: 'park-admin' }, stranger, 'other-key'))).rejects.toThrow(/no key of the identity provider|not valid/);
      await expect(idp.verify(await sign({ role: 'park-admin' }, stranger))).rejects.toThrow(/signature/);
    });
  });
});

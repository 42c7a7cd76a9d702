import { loadGatewayConfig } from '../gateway.config';
import { localIdentity, LocalIdentityError } from '../auth/local-token';
import { portalClientConfig, portalContentSecurityPolicy } from './portal-client-config';

const SECRET = 'unit-test-jwt-secret-0123456789-abcdefgh';
const ENTERPRISE = '7d3c9a52-4a7e-4a55-9d1e-3f1c6f1e2b10';
const base = { KAFKA_BROKERS: '127.0.0.1:9092', VALLEY_IDENTITY_SECRET: 'identity-secret-0123456789-0123456789' };

describe('the portal\'s local sign-in', () => {
  it('is on outside production with the HS256 secret, and never in production', () => {
    expect(loadGatewayConfig({ ...base, GATEWAY_JWT_SECRET: SECRET, NODE_ENV: 'development' }).localSignIn).toBe(true);
    expect(loadGatewayConfig({ ...base, GATEWAY_JWT_SECRET: SECRET, NODE_ENV: 'production' }).localSignIn).toBe(false);
    expect(loadGatewayConfig({ ...base, GATEWAY_JWKS_URL: 'https://sso.park.example/jwks', NODE_ENV: 'development' }).localSignIn).toBe(false);
  });

  it('names an identity for a role and enterprise, and refuses anything else', () => {
    expect(localIdentity({ role: 'park-admin' })).toEqual({ subject: 'local-park-admin', role: 'park-admin' });
    expect(localIdentity({ role: 'enterprise', enterpriseId: ENTERPRISE.toUpperCase() })).toEqual({ subject: 'local-user-7d3c9a52', role: 'enterprise', enterpriseId: ENTERPRISE });
    expect(localIdentity({ role: 'enterprise' })).toEqual({ subject: 'local-applicant', role: 'enterprise' });
    expect(() => localIdentity({ role: 'root' })).toThrow(LocalIdentityError);
    expect(() => localIdentity({ role: 'enterprise', enterpriseId: 'x' })).toThrow(/UUID/);
    expect(() => localIdentity({ role: 'park-admin', enterpriseId: ENTERPRISE })).toThrow(/no enterprise/);
  });
});

describe('the portal\'s client configuration', () => {
  it('offers OIDC when the issuer and client are configured, and both or neither', () => {
    const config = loadGatewayConfig({ ...base, GATEWAY_JWKS_URL: 'https://sso.park.example/jwks', NODE_ENV: 'production', PORTAL_OIDC_ISSUER: 'https://sso.park.example/realms/valley', PORTAL_OIDC_CLIENT_ID: 'valley-portal' });
    expect(portalClientConfig(config)).toEqual({ signIn: ['oidc'], oidc: { issuer: 'https://sso.park.example/realms/valley', clientId: 'valley-portal', scope: 'openid profile' }, production: true });
    expect(portalContentSecurityPolicy(config)).toContain("connect-src 'self' ws: wss: https://sso.park.example");
    expect(() => loadGatewayConfig({ ...base, GATEWAY_JWT_SECRET: SECRET, PORTAL_OIDC_ISSUER: 'https://sso.park.example' })).toThrow(/go together/);
    expect(() => loadGatewayConfig({ ...base, GATEWAY_JWT_SECRET: SECRET, NODE_ENV: 'production', PORTAL_OIDC_ISSUER: 'https://sso.park.example', PORTAL_OIDC_CLIENT_ID: 'p' })).toThrow(/GATEWAY_JWKS_URL/);
  });

  it('puts no secret in what the browser reads', () => {
    const config = loadGatewayConfig({ ...base, GATEWAY_JWT_SECRET: SECRET });
    expect(JSON.stringify(portalClientConfig(config))).not.toContain(SECRET);
    expect(portalClientConfig(config)).toEqual({ signIn: ['local'], production: false });
  });
});

import { isExpired, readTokenClaims } from './token-claims';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64({ alg: 'HS256' })}.${b64(payload)}.sig`;

describe('readTokenClaims', () => {
  it('reads role, enterprise and expiry (Chinese in claims survives the base64url)', () => {
    expect(readTokenClaims(jwt({ sub: '用户-1', role: 'enterprise', enterpriseId: 'ABC', exp: 10 }))).toEqual({ subject: '用户-1', role: 'enterprise', enterpriseId: 'abc', expiresAt: 10 });
  });

  it('refuses tokens the portal cannot use', () => {
    expect(readTokenClaims('not-a-jwt')).toBeUndefined();
    expect(readTokenClaims(jwt({ sub: 'u', role: 'root', exp: 10 }))).toBeUndefined();
    expect(readTokenClaims(jwt({ sub: 'u', role: 'park-admin' }))).toBeUndefined();
    expect(readTokenClaims('a.!!!.c')).toBeUndefined();
  });

  it('knows an expired token', () => {
    expect(isExpired({ subject: 'u', role: 'park-admin', expiresAt: 100 }, 100_000)).toBe(true);
    expect(isExpired({ subject: 'u', role: 'park-admin', expiresAt: 101 }, 100_000)).toBe(false);
  });
});

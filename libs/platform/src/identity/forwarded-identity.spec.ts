import { signIdentity, verifyIdentity } from './forwarded-identity';

const secret = 'a-test-secret-of-at-least-32-characters!';
const admin = { subject: 'user-1', role: 'park-admin' as const };
const enterprise = { subject: 'user-2', role: 'enterprise' as const, enterpriseId: '7d8f5a3e-2b1c-4e5f-9a8b-1c2d3e4f5a6b' };

describe(verifyIdentity.name, () => {
  it('accepts what the gateway signed', () => {
    expect(verifyIdentity(signIdentity(admin, secret), secret)).toEqual({ ok: true, identity: admin });
    expect(verifyIdentity(signIdentity(enterprise, secret), secret)).toEqual({ ok: true, identity: enterprise });
  });

  it('refuses a missing header, another secret, a tampered payload and an expired identity', () => {
    expect(verifyIdentity(undefined, secret)).toMatchObject({ ok: false, reason: 'no forwarded identity' });
    expect(verifyIdentity(signIdentity(admin, 'another-secret-of-at-least-32-chars!!'), secret)).toMatchObject({ ok: false, reason: /bad signature/ });
    const [, signature] = signIdentity(enterprise, secret).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'user-2', role: 'park-admin', exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
    expect(verifyIdentity(`${forged}.${signature}`, secret)).toMatchObject({ ok: false, reason: /bad signature/ });
    expect(verifyIdentity(signIdentity(admin, secret, 60, Date.now() - 120_000), secret)).toMatchObject({ ok: false, reason: /expired/ });
    expect(verifyIdentity('garbage', secret)).toMatchObject({ ok: false, reason: /malformed/ });
  });
});

import type { TokenClaims } from '../auth/token-claims';
import { navigationFor, resolveRoute } from './routes';

const admin: TokenClaims = { subject: 'a', role: 'park-admin', expiresAt: 0 };
const OWN = '7d3c9a52-4a7e-4a55-9d1e-3f1c6f1e2b10';
const OTHER = '11111111-2222-4333-8444-555555555555';
const resident: TokenClaims = { subject: 'r', role: 'enterprise', enterpriseId: OWN, expiresAt: 0 };

describe('resolveRoute', () => {
  it('sends each role home', () => {
    expect(resolveRoute('/', admin).page).toBe('dashboard');
    expect(resolveRoute('/', resident).page).toBe('mine');
  });

  it('opens any enterprise for administrators', () => {
    expect(resolveRoute(`/enterprises/${OTHER.toUpperCase()}`, admin)).toEqual({ page: 'enterprise', params: { id: OTHER } });
  });

  it('gives an enterprise user its own page for its own id and no access for any other (a forged URL)', () => {
    expect(resolveRoute(`/enterprises/${OWN}`, resident).page).toBe('mine');
    expect(resolveRoute(`/enterprises/${OTHER}`, resident)).toEqual({ page: 'no-access', params: {} });
  });

  it('keeps the administrators\' pages from enterprise users and the reverse', () => {
    for (const path of ['/dashboard', '/onboarding', '/residents', '/provisioning', '/revenue', '/talent', '/partners']) expect(resolveRoute(path, resident).page).toBe('no-access');
    for (const path of ['/mine', '/mine/reports', '/mine/talent']) expect(resolveRoute(path, admin).page).toBe('no-access');
    expect(resolveRoute('/nowhere', admin).page).toBe('no-access');
  });

  it('shows each role only its own navigation', () => {
    expect(navigationFor(resident).map((n) => n.path)).toEqual(['/mine', '/mine/reports', '/mine/talent']);
    expect(navigationFor(admin).map((n) => n.path)).toContain('/dashboard');
  });

  it('opens the partner registry for administrators only', () => {
    expect(resolveRoute('/partners', admin)).toEqual({ page: 'partners', params: {} });
    expect(resolveRoute('/partners/', admin).page).toBe('partners');
    expect(resolveRoute('/partners', resident)).toEqual({ page: 'no-access', params: {} });
    expect(navigationFor(admin).map((n) => n.path)).toContain('/partners');
    expect(navigationFor(resident).map((n) => n.path)).not.toContain('/partners');
  });
});

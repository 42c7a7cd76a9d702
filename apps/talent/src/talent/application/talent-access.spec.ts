import { actsFor, enterpriseScope, requireAdmin } from './talent-access';

const ENTERPRISE = '7d8f5a3e-2b1c-4e5f-9a8b-1c2d3e4f5a6b';
const admin = { subject: 'a', role: 'park-admin' as const };
const user = { subject: 'u', role: 'enterprise' as const, enterpriseId: ENTERPRISE.toUpperCase() };
const newcomer = { subject: 'n', role: 'enterprise' as const };

describe(enterpriseScope.name, () => {
  it('is everything for an administrator, the own enterprise (lower case) for its users, nobody for a user without one', () => {
    expect(enterpriseScope(admin)).toBeNull();
    expect(enterpriseScope(user)).toBe(ENTERPRISE);
    expect(enterpriseScope(newcomer)).toBe('00000000-0000-0000-0000-000000000000');
  });
});

describe(actsFor.name, () => {
  it('lets administrators act for anyone and a user for its own enterprise only', () => {
    expect(actsFor(admin, ENTERPRISE)).toBe(true);
    expect(actsFor(user, ENTERPRISE)).toBe(true);
    expect(actsFor(user, '00000000-0000-4000-8000-000000000001')).toBe(false);
    expect(actsFor(newcomer, ENTERPRISE)).toBe(false);
  });
});

describe(requireAdmin.name, () => {
  it('refuses enterprise users with FORBIDDEN', () => {
    expect(() => requireAdmin(admin, 'run programs')).not.toThrow();
    expect(() => requireAdmin(user, 'run programs')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: 'only park administrators run programs' }));
  });
});

import type { TokenClaims } from '../auth/token-claims';

export type PageName =
  | 'dashboard' | 'onboarding' | 'enterprise' | 'residents' | 'provisioning' | 'revenue' | 'talent' | 'partners'
  | 'mine' | 'mine-reports' | 'mine-talent' | 'no-access';

export interface ResolvedRoute {
  page: PageName;
  params: Record<string, string>;
}

interface RouteSpec {
  pattern: RegExp;
  page: PageName;
  keys: string[];
  roles: ReadonlyArray<TokenClaims['role']>;
}

const UUID = '[0-9a-fA-F-]{36}';

/** Every page, who may open it. Paths are relative to the portal's base (/portal/). */
const ROUTES: RouteSpec[] = [
  { pattern: /^\/dashboard$/, page: 'dashboard', keys: [], roles: ['park-admin'] },
  { pattern: /^\/onboarding$/, page: 'onboarding', keys: [], roles: ['park-admin'] },
  { pattern: new RegExp(`^/enterprises/(${UUID})$`), page: 'enterprise', keys: ['id'], roles: ['park-admin', 'enterprise'] },
  { pattern: /^\/residents$/, page: 'residents', keys: [], roles: ['park-admin'] },
  { pattern: /^\/provisioning$/, page: 'provisioning', keys: [], roles: ['park-admin'] },
  { pattern: /^\/revenue$/, page: 'revenue', keys: [], roles: ['park-admin'] },
  { pattern: /^\/talent$/, page: 'talent', keys: [], roles: ['park-admin'] },
  { pattern: /^\/partners$/, page: 'partners', keys: [], roles: ['park-admin'] },
  { pattern: /^\/mine$/, page: 'mine', keys: [], roles: ['enterprise'] },
  { pattern: /^\/mine\/reports$/, page: 'mine-reports', keys: [], roles: ['enterprise'] },
  { pattern: /^\/mine\/talent$/, page: 'mine-talent', keys: [], roles: ['enterprise'] },
];

/** Where a signed-in user starts. */
export function homePath(claims: TokenClaims): string {
  return claims.role === 'park-admin' ? '/dashboard' : '/mine';
}

/**
 * The page for a path and a user. An enterprise user reaches only its own
 * pages: another enterprise's id (a forged URL) is `no-access` before any
 * data is asked for; its own id is its own page.
 */
export function resolveRoute(path: string, claims: TokenClaims): ResolvedRoute {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/') return resolveRoute(homePath(claims), claims);
  for (const route of ROUTES) {
    const match = route.pattern.exec(clean);
    if (!match) continue;
    if (!route.roles.includes(claims.role)) return { page: 'no-access', params: {} };
    const params = Object.fromEntries(route.keys.map((key, i) => [key, match[i + 1]!.toLowerCase()]));
    if (route.page === 'enterprise' && claims.role === 'enterprise') {
      return params['id'] === claims.enterpriseId ? { page: 'mine', params: {} } : { page: 'no-access', params: {} };
    }
    return { page: route.page, params };
  }
  return { page: 'no-access', params: {} };
}

/** The navigation a role sees: path and label key. */
export function navigationFor(claims: TokenClaims): Array<{ path: string; label: `nav.${string}` }> {
  if (claims.role === 'park-admin') {
    return [
      { path: '/dashboard', label: 'nav.dashboard' },
      { path: '/onboarding', label: 'nav.onboarding' },
      { path: '/residents', label: 'nav.residents' },
      { path: '/provisioning', label: 'nav.provisioning' },
      { path: '/revenue', label: 'nav.revenue' },
      { path: '/talent', label: 'nav.talent' },
      { path: '/partners', label: 'nav.partners' },
    ];
  }
  return [
    { path: '/mine', label: 'nav.myEnterprise' },
    { path: '/mine/reports', label: 'nav.myReports' },
    { path: '/mine/talent', label: 'nav.myTalent' },
  ];
}

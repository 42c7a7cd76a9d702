import type { GatewayConfig } from '../gateway.config';

/**
 * What the portal reads at start (/portal/config.json): how to sign in. No
 * secret goes here: the browser sees all of it.
 */
export interface PortalClientConfig {
  /** `local`: pick a role and an enterprise (tokens from /portal/api/local-token); `oidc`: the park's provider. */
  signIn: Array<'local' | 'oidc'>;
  oidc?: { issuer: string; clientId: string; scope: string; resource?: string };
  production: boolean;
}

export function portalClientConfig(config: GatewayConfig): PortalClientConfig {
  const signIn: PortalClientConfig['signIn'] = [];
  if (config.PORTAL_OIDC_ISSUER && config.PORTAL_OIDC_CLIENT_ID) signIn.push('oidc');
  if (config.localSignIn) signIn.push('local');
  return {
    signIn,
    ...(config.PORTAL_OIDC_ISSUER && config.PORTAL_OIDC_CLIENT_ID
      ? { oidc: { issuer: config.PORTAL_OIDC_ISSUER, clientId: config.PORTAL_OIDC_CLIENT_ID, scope: config.PORTAL_OIDC_SCOPE, ...(config.PORTAL_OIDC_RESOURCE ? { resource: config.PORTAL_OIDC_RESOURCE } : {}) } }
      : {}),
    production: config.production,
  };
}

/**
 * The page's Content-Security-Policy: the bundle, the gateway (HTTP and its
 * WebSocket) and, when configured, the OIDC provider's endpoints; nothing
 * from a CDN. ECharts and React set inline styles, hence style-src.
 */
export function portalContentSecurityPolicy(config: GatewayConfig): string {
  const issuer = config.PORTAL_OIDC_ISSUER ? ` ${new URL(config.PORTAL_OIDC_ISSUER).origin}` : '';
  return [
    "default-src 'self'",
    `connect-src 'self' ws: wss:${issuer}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${issuer}`,
  ].join('; ');
}

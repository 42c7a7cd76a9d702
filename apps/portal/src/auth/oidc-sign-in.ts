import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { PortalConfig } from './portal-config';

/** The callback route the provider redirects to (register it as the client's redirect URI). */
export const OIDC_CALLBACK_PATH = '/callback';

/**
 * Sign-in with the park's OIDC provider: authorization code with PKCE
 * (oidc-client-ts does the code verifier, state and token exchange; a public
 * client, no secret in the browser). The gateway verifies the access token
 * against GATEWAY_JWKS_URL.
 */
function userManager(oidc: NonNullable<PortalConfig['oidc']>): UserManager {
  const base = `${location.origin}${import.meta.env.BASE_URL.replace(/\/$/, '')}`;
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${base}${OIDC_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${base}/`,
    response_type: 'code',
    scope: oidc.scope,
    ...(oidc.resource ? { extraQueryParams: { resource: oidc.resource, audience: oidc.resource } } : {}),
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

export function startOidcSignIn(oidc: NonNullable<PortalConfig['oidc']>): Promise<void> {
  return userManager(oidc).signinRedirect();
}

let completing: Promise<string> | undefined;

/**
 * Completes the redirect back from the provider; the access token for the
 * gateway. Once per page load: the state is single-use, and a second call
 * (a re-render before the URL changes) would fail with "no matching state".
 */
export function completeOidcSignIn(oidc: NonNullable<PortalConfig['oidc']>): Promise<string> {
  completing ??= userManager(oidc).signinRedirectCallback().then((user) => user.access_token);
  return completing;
}

export function endOidcSession(oidc: NonNullable<PortalConfig['oidc']>): Promise<void> {
  return userManager(oidc).removeUser();
}

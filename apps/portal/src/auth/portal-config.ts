/** The sign-in configuration the gateway serves at /portal/config.json (see the gateway's portal-client-config.ts). */
export interface PortalConfig {
  signIn: Array<'local' | 'oidc'>;
  oidc?: { issuer: string; clientId: string; scope: string; resource?: string };
  production: boolean;
}

export async function loadPortalConfig(): Promise<PortalConfig> {
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  return (await res.json()) as PortalConfig;
}

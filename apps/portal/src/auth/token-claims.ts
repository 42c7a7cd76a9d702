/** The Valley claims of a token, read in the browser to pick pages; the gateway verifies the token itself. */
export interface TokenClaims {
  subject: string;
  role: 'park-admin' | 'enterprise';
  enterpriseId?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The claims of a JWT, or undefined when it is not one the portal can use (no role, no expiry). */
export function readTokenClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]!)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const { sub, role, enterpriseId, exp } = payload;
  if (typeof sub !== 'string' || (role !== 'park-admin' && role !== 'enterprise') || typeof exp !== 'number') return undefined;
  return { subject: sub, role, expiresAt: exp, ...(typeof enterpriseId === 'string' ? { enterpriseId: enterpriseId.toLowerCase() } : {}) };
}

export function isExpired(claims: TokenClaims, nowMs: number = Date.now()): boolean {
  return claims.expiresAt * 1000 <= nowMs;
}

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { createGatewayClient, type GatewayClient } from '../api/gateway-client';
import { isExpired, readTokenClaims, type TokenClaims } from '../auth/token-claims';

export interface Session {
  token: string;
  claims: TokenClaims;
  client: GatewayClient;
  source: 'local' | 'oidc';
}

interface SessionState {
  session?: Session;
  /** Why the last session ended (shown on the sign-in page). */
  endedBecause?: 'expired';
  signIn(token: string, source: Session['source']): boolean;
  signOut(reason?: 'expired'): void;
}

// Per tab: closing the tab ends the session, and no token outlives the browser.
const STORAGE_KEY = 'valley.portal.session';
const SessionContext = createContext<SessionState | undefined>(undefined);

function restore(): { token: string; source: Session['source'] } | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as { token?: unknown; source?: unknown } | null;
    if (saved && typeof saved.token === 'string' && (saved.source === 'local' || saved.source === 'oidc')) return { token: saved.token, source: saved.source };
  } catch {
    // a damaged entry is no session
  }
  return undefined;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState(restore);
  const [endedBecause, setEndedBecause] = useState<'expired'>();

  const signOut = useCallback((reason?: 'expired') => {
    sessionStorage.removeItem(STORAGE_KEY);
    setStored(undefined);
    setEndedBecause(reason);
  }, []);

  const signIn = useCallback((token: string, source: Session['source']) => {
    const claims = readTokenClaims(token);
    if (!claims || isExpired(claims)) return false;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token, source }));
    setEndedBecause(undefined);
    setStored({ token, source });
    return true;
  }, []);

  const value = useMemo<SessionState>(() => {
    const claims = stored ? readTokenClaims(stored.token) : undefined;
    const session = stored && claims && !isExpired(claims)
      ? { token: stored.token, source: stored.source, claims, client: createGatewayClient(stored.token, () => signOut('expired')) }
      : undefined;
    return { session, endedBecause: stored && !session ? 'expired' : endedBecause, signIn, signOut };
  }, [stored, endedBecause, signIn, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionState outside SessionProvider');
  return value;
}

/** The signed-in session (pages are only rendered with one). */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession without a session');
  return session;
}

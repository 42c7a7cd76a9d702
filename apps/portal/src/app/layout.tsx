import type { ReactNode } from 'react';
import { useI18n } from './i18n-context';
import { Link } from './router';
import { navigationFor } from './routes';
import { useSession, useSessionState } from './session-context';
import type { MessageKey } from '../i18n/translate';

/** The frame around every page: the role's navigation, who is signed in, the language switch. */
export function Layout({ path, children }: { path: string; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { claims } = useSession();
  const { signOut } = useSessionState();
  const items = navigationFor(claims);
  // The most specific item is the current one (/mine/reports is not also /mine).
  const current = items.filter((item) => path === item.path || path.startsWith(`${item.path}/`)).sort((a, b) => b.path.length - a.path.length)[0]?.path;
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">{t('app.short')}</div>
        <nav>
          {items.map((item) => (
            <Link key={item.path} to={item.path} className={item.path === current ? 'nav-item active' : 'nav-item'} testId={`nav-${item.path.slice(1).replace('/', '-')}`}>{t(item.label as MessageKey)}</Link>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <span className="who" data-testid="who">{t(`role.${claims.role}`)}{claims.enterpriseId ? ` · ${claims.enterpriseId.slice(0, 8)}` : ''}</span>
          <button type="button" className="link" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">{t('lang.switch')}</button>
          <button type="button" className="link" onClick={() => signOut()} data-testid="sign-out">{t('nav.signOut')}</button>
        </header>
        <main>{children}</main>
      </div>
    </div>
  );
}

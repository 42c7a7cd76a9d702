import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../app/i18n-context';
import { useSessionState } from '../app/session-context';
import { localEnterprises, localToken } from '../auth/local-sign-in';
import { startOidcSignIn } from '../auth/oidc-sign-in';
import type { PortalConfig } from '../auth/portal-config';
import { ErrorNotice } from '../components/error-notice';
import { labelOf } from '../i18n/translate';

/** Sign-in: the park's OIDC provider when configured; locally, pick a role and an enterprise. */
export function SignInPage({ config }: { config: PortalConfig }) {
  const { t, locale, setLocale } = useI18n();
  const { endedBecause } = useSessionState();
  const [error, setError] = useState<unknown>();
  return (
    <div className="sign-in">
      <div className="sign-in-card">
        <button type="button" className="lang link" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">{t('lang.switch')}</button>
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('signIn.subtitle')}</p>
        {endedBecause === 'expired' ? <div className="notice">{t('signIn.expired')}</div> : null}
        {config.oidc ? <button type="button" className="primary wide" onClick={() => startOidcSignIn(config.oidc!).catch(setError)} data-testid="sign-in-oidc">{t('signIn.oidc')}</button> : null}
        {config.signIn.includes('local') ? <LocalSignIn onError={setError} /> : null}
        {config.signIn.length === 0 ? <div className="notice notice-error">{t('signIn.unavailable')}</div> : null}
        <ErrorNotice error={error} />
      </div>
    </div>
  );
}

function LocalSignIn({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useI18n();
  const { signIn } = useSessionState();
  const [role, setRole] = useState<'park-admin' | 'enterprise'>('park-admin');
  const [enterpriseId, setEnterpriseId] = useState('');
  const [enterprises, setEnterprises] = useState<Array<{ id: string; name: string; status: string }>>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (role !== 'enterprise' || enterprises) return;
    localEnterprises().then((list) => {
      setEnterprises(list);
      setEnterpriseId((current) => current || (list.find((e) => e.status === 'approved')?.id ?? ''));
    }, onError);
  }, [role, enterprises, onError]);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    onError(undefined);
    try {
      signIn(await localToken(role, role === 'enterprise' ? enterpriseId || undefined : undefined), 'local');
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack" onSubmit={(ev) => void submit(ev)} data-testid="local-sign-in">
      <h2>{t('signIn.local')}</h2>
      <label>{t('signIn.role')}
        <select value={role} onChange={(ev) => setRole(ev.target.value as typeof role)} data-testid="sign-in-role">
          <option value="park-admin">{t('role.park-admin')}</option>
          <option value="enterprise">{t('role.enterprise')}</option>
        </select>
      </label>
      {role === 'enterprise' ? (
        <label>{t('signIn.enterprise')}
          <select value={enterpriseId} onChange={(ev) => setEnterpriseId(ev.target.value)} data-testid="sign-in-enterprise">
            <option value="">{t('signIn.applicant')}</option>
            {(enterprises ?? []).map((e) => <option key={e.id} value={e.id}>{e.name} · {labelOf(t, 'status', e.status)}</option>)}
          </select>
        </label>
      ) : null}
      <button type="submit" className="primary wide" disabled={busy} data-testid="sign-in-submit">{t('signIn.submit')}</button>
    </form>
  );
}

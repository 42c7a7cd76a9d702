import { useI18n } from '../app/i18n-context';
import type { PartnerCredentials } from './partner-queries';

/**
 * A partner's new credentials, shown once: the password is kept nowhere (not
 * by the platform, not by the portal), so closing this panel drops it; a lost
 * password is rotated, not recovered.
 */
export function PartnerCredentialsPanel({ credentials, onClose }: { credentials: PartnerCredentials; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <div className="overlay">
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby="partner-credentials-title" data-testid="partner-credentials">
        <h2 id="partner-credentials-title">{t('partners.credentialsTitle', { name: credentials.partner.name })}</h2>
        <div className="notice notice-warn" role="alert" data-testid="partner-credentials-warning">{t('partners.passwordOnce')}</div>
        <dl className="facts">
          <dt>{t('partners.username')}</dt><dd><code data-testid="partner-credentials-username">{credentials.username}</code></dd>
          <dt>{t('partners.password')}</dt><dd><code className="secret" data-testid="partner-credentials-password">{credentials.password}</code></dd>
          <dt>{t('partners.mechanism')}</dt><dd><code data-testid="partner-credentials-mechanism">{credentials.mechanism}</code></dd>
          <dt>{t('partners.groupPrefix')}</dt><dd><code>{credentials.partner.groupPrefix}</code></dd>
          <dt>{t('partners.brokers')}</dt><dd>{t('partners.brokerHint')} <a href="/asyncapi" target="_blank" rel="noreferrer">/asyncapi</a></dd>
        </dl>
        {credentials.aclsEnforced ? null : <div className="notice" data-testid="partner-credentials-open-broker">{t('partners.aclsNotEnforced')}</div>}
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onClose} data-testid="partner-credentials-close">{t('partners.passwordNoted')}</button>
        </div>
      </section>
    </div>
  );
}

import { Fragment, useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { useGatewayQuery } from '../app/use-gateway-query';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { formatShanghaiTime } from '../format/month.format';
import { labelOf } from '../i18n/translate';
import { PartnerActions } from './partner-actions';
import { PartnerAudit } from './partner-audit';
import { PartnerCredentialsPanel } from './partner-credentials.panel';
import { PARTNERS, type PartnerCredentials, type PartnerView } from './partner-queries';
import { PartnerRegisterForm } from './partner-register.form';

/** The partner systems (carriers, the statistics bureau, banks) on the park's Kafka: register, rotate, revoke, and each one's audit trail. */
export function PartnersPage() {
  const { t } = useI18n();
  const state = useGatewayQuery<{ partners: PartnerView[] }>(PARTNERS);
  const [open, setOpen] = useState<string>();
  // The one place the password lives, until the panel closes.
  const [credentials, setCredentials] = useState<PartnerCredentials>();
  const issued = (c: PartnerCredentials) => {
    setCredentials(c);
    setOpen(c.partner.id);
    state.reload();
  };
  return (
    <div className="page">
      <h1>{t('partners.title')}</h1>
      <PartnerRegisterForm onRegistered={issued} />
      <SectionCard title={t('partners.list')}>
        <QueryView state={state}>
          {({ partners }) => partners.length === 0 ? <div className="muted">{t('common.none')}</div> : (
            <table className="table" data-testid="partners">
              <thead><tr><th>{t('partners.name')}</th><th>{t('partners.kind')}</th><th>{t('common.status')}</th><th>{t('partners.topics')}</th><th>{t('partners.username')}</th><th>{t('partners.registeredAt')}</th></tr></thead>
              <tbody>{partners.map((p) => (
                <Fragment key={p.id}>
                  <tr data-testid="partner-row" data-partner-id={p.id}>
                    <td><button type="button" className="link" onClick={() => setOpen(open === p.id ? undefined : p.id)} data-testid="partner-open">{p.name}</button></td>
                    <td>{labelOf(t, 'partnerKind', p.kind)}</td>
                    <td><StatusBadge prefix="partnerStatus" value={p.status} testId="partner-status" /></td>
                    <td className="small">{p.topics.length ? p.topics.map((topic) => <div key={topic}><code>{topic}</code></div>) : <span className="muted">—</span>}</td>
                    <td><code>{p.username}</code></td>
                    <td>{formatShanghaiTime(p.registeredAt)}</td>
                  </tr>
                  {open === p.id ? (
                    <tr><td colSpan={6} className="partner-detail">
                      <PartnerFacts partner={p} />
                      <PartnerActions partner={p} onRotated={issued} onChanged={state.reload} />
                      <PartnerAudit audit={p.audit} />
                    </td></tr>
                  ) : null}
                </Fragment>
              ))}</tbody>
            </table>
          )}
        </QueryView>
      </SectionCard>
      {credentials ? <PartnerCredentialsPanel credentials={credentials} onClose={() => setCredentials(undefined)} /> : null}
    </div>
  );
}

function PartnerFacts({ partner }: { partner: PartnerView }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      <dt>{t('partners.groupPrefix')}</dt><dd><code>{partner.groupPrefix}</code></dd>
      <dt>{t('partners.writes')}</dt><dd>{partner.writes.length ? partner.writes.map((w) => <code key={w}>{w}</code>) : '—'}</dd>
      <dt>{t('partners.registeredBy')}</dt><dd>{partner.registeredBy}</dd>
      {partner.credentialsRotatedAt ? <><dt>{t('partners.rotatedAt')}</dt><dd>{formatShanghaiTime(partner.credentialsRotatedAt)}</dd></> : null}
      {partner.revokedAt ? <><dt>{t('partners.revokedAt')}</dt><dd>{formatShanghaiTime(partner.revokedAt)}</dd></> : null}
      {partner.revokedReason ? <><dt>{t('common.reason')}</dt><dd data-testid="partner-revoked-reason">{partner.revokedReason}</dd></> : null}
    </dl>
  );
}

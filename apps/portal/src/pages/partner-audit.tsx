import { useI18n } from '../app/i18n-context';
import { formatShanghaiTime } from '../format/month.format';
import { labelOf } from '../i18n/translate';
import type { PartnerView } from './partner-queries';
import { auditDetailsText } from './partner-registry';

/** A partner's audit trail, oldest first: who registered, rotated, revoked it, and what changed. */
export function PartnerAudit({ audit }: { audit: PartnerView['audit'] }) {
  const { t } = useI18n();
  return (
    <table className="table table-compact" data-testid="partner-audit">
      <thead><tr><th>{t('common.time')}</th><th>{t('enterprise.action')}</th><th>{t('enterprise.actor')}</th><th>{t('common.details')}</th></tr></thead>
      <tbody>{audit.map((a, i) => (
        <tr key={i} data-testid="partner-audit-row" data-action={a.action}>
          <td>{formatShanghaiTime(a.at)}</td><td>{labelOf(t, 'partnerAudit', a.action)}</td><td>{a.actorSubject}</td><td className="small">{auditDetailsText(a.details)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

import { useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { useGatewayAction } from '../app/use-gateway-query';
import { ErrorNotice } from '../components/error-notice';
import { REVOKE_PARTNER, ROTATE_PARTNER, type PartnerCredentials, type PartnerView } from './partner-queries';

/** An active partner's two decisions: new credentials (confirmed first: the old password stops working), or revocation with a reason. */
export function PartnerActions({ partner, onRotated, onChanged }: { partner: PartnerView; onRotated: (credentials: PartnerCredentials) => void; onChanged: () => void }) {
  const { t } = useI18n();
  const action = useGatewayAction();
  const [open, setOpen] = useState<'rotate' | 'revoke'>();
  const [reason, setReason] = useState('');
  if (partner.status !== 'active') return null;

  const rotate = async () => {
    const result = await action.run<{ rotatePartnerCredentials: PartnerCredentials }>(ROTATE_PARTNER, { id: partner.id });
    if (!result) return;
    setOpen(undefined);
    onRotated(result.rotatePartnerCredentials);
  };
  const revoke = async () => {
    if (reason.trim() === '') return;
    const result = await action.run(REVOKE_PARTNER, { id: partner.id, reason: reason.trim() });
    if (!result) return;
    setOpen(undefined);
    setReason('');
    onChanged();
  };

  return (
    <div className="decision-bar">
      <button type="button" disabled={action.busy} onClick={() => setOpen('rotate')} data-testid="partner-rotate">{t('partners.rotate')}</button>
      <button type="button" className="danger" disabled={action.busy} onClick={() => setOpen('revoke')} data-testid="partner-revoke">{t('partners.revoke')}</button>
      {open === 'rotate' ? (
        <div className="reason-form">
          <span>{t('partners.rotateConfirm')}</span>
          <button type="button" className="primary" disabled={action.busy} onClick={() => void rotate()} data-testid="partner-rotate-confirm">{t('common.confirm')} · {t('partners.rotate')}</button>
          <button type="button" onClick={() => setOpen(undefined)}>{t('common.cancel')}</button>
        </div>
      ) : null}
      {open === 'revoke' ? (
        <div className="reason-form">
          <textarea placeholder={t('partners.revokeReason')} value={reason} maxLength={500} onChange={(ev) => setReason(ev.target.value)} data-testid="partner-revoke-reason" />
          <button type="button" className="danger" disabled={action.busy || reason.trim() === ''} onClick={() => void revoke()} data-testid="partner-revoke-confirm">{t('common.confirm')} · {t('partners.revoke')}</button>
          <button type="button" onClick={() => setOpen(undefined)}>{t('common.cancel')}</button>
        </div>
      ) : null}
      <ErrorNotice error={action.error} />
    </div>
  );
}

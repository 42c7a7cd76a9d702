import { useI18n } from '../app/i18n-context';
import { StatusBadge } from '../components/status-badge';
import { formatBytes } from '../format/bytes.format';
import { formatYuan } from '../format/money.format';
import { labelOf } from '../i18n/translate';

export const ALLOCATION_FIELDS = 'id status bandwidthMbps monthlyIncludedBytes poolId pendingReason plan { name version parkPriceFenPerGb marketPriceFenPerGb overagePolicy }';

export interface AllocationView {
  id: string; status: string; bandwidthMbps: number; monthlyIncludedBytes: string; poolId: string | null; pendingReason: string | null;
  plan: { name: string; version: number; parkPriceFenPerGb: string; marketPriceFenPerGb: string; overagePolicy: string };
}

/** An allocation's terms and this month's usage against its quota. */
export function AllocationCard({ allocation, usage, month }: { allocation: AllocationView; usage?: { usedBytes: string; includedBytes: string; quotaPercent: number; overageState: string }; month: string }) {
  const { t, locale } = useI18n();
  const percent = Math.min(100, usage?.quotaPercent ?? 0);
  return (
    <div data-testid="allocation-card">
      <dl className="facts">
        <dt>{t('common.status')}</dt><dd><StatusBadge prefix="allocation" value={allocation.status} testId="allocation-status" /></dd>
        <dt>{t('provisioning.plan')}</dt><dd>{allocation.plan.name} v{allocation.plan.version}</dd>
        <dt>{t('provisioning.bandwidth')}</dt><dd data-testid="allocation-bandwidth">{allocation.bandwidthMbps}</dd>
        <dt>{t('provisioning.included')}</dt><dd>{formatBytes(allocation.monthlyIncludedBytes)} · {labelOf(t, 'policy', allocation.plan.overagePolicy)}</dd>
        <dt>{t('provisioning.parkPrice')}</dt><dd>{formatYuan(allocation.plan.parkPriceFenPerGb, locale)} <span className="muted small">({t('provisioning.marketPrice')} {formatYuan(allocation.plan.marketPriceFenPerGb, locale)})</span></dd>
        {allocation.pendingReason ? <><dt>{t('common.reason')}</dt><dd>{allocation.pendingReason}</dd></> : null}
      </dl>
      {usage ? (
        <div className="usage">
          <div className="muted small">{t('provisioning.usage')} · {month}</div>
          <div className="bar"><div className={usage.quotaPercent >= 100 ? 'bar-fill bar-over' : 'bar-fill'} style={{ width: `${percent}%` }} /></div>
          <div className="small">{formatBytes(usage.usedBytes)} / {formatBytes(usage.includedBytes)} ({usage.quotaPercent}%) · {labelOf(t, 'overage', usage.overageState)}</div>
        </div>
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { Link } from '../app/router';
import { useGatewayQuery } from '../app/use-gateway-query';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { formatBytes } from '../format/bytes.format';
import { formatYuan } from '../format/money.format';
import { shanghaiMonthOf } from '../format/month.format';
import { labelOf } from '../i18n/translate';

const PROVISIONING = `query Provisioning { pools { id name region capacityMbps allocatedMbps utilisationPercent }
  plans { id name currentVersion versions { version bandwidthMbps monthlyIncludedBytes parkPriceFenPerGb marketPriceFenPerGb overagePolicy active } }
  allocations { id enterpriseId status bandwidthMbps poolId plan { name version } }
  enterprises(filter: { statuses: [approved, suspended] }, first: 100) { items { id name } } }`;
const USAGE = `query Usage($e: ID!, $m: String!) { usage(enterpriseId: $e, month: $m) { usedBytes includedBytes quotaPercent overageState } }`;

interface ProvisioningData {
  pools: Array<{ id: string; name: string; region: string; capacityMbps: number; allocatedMbps: number; utilisationPercent: number }>;
  plans: Array<{ id: string; name: string; currentVersion: number; versions: Array<{ version: number; bandwidthMbps: number; monthlyIncludedBytes: string; parkPriceFenPerGb: string; marketPriceFenPerGb: string; overagePolicy: string; active: boolean }> }>;
  allocations: Array<{ id: string; enterpriseId: string; status: string; bandwidthMbps: number; poolId: string | null; plan: { name: string; version: number } }>;
  enterprises: { items: Array<{ id: string; name: string }> };
}

/** Pools with utilisation, plans, allocations, and one enterprise's usage against its quota. */
export function ProvisioningPage() {
  const { t, locale } = useI18n();
  const state = useGatewayQuery<ProvisioningData>(PROVISIONING);
  const [selected, setSelected] = useState<string>();
  return (
    <div className="page">
      <h1>{t('provisioning.title')}</h1>
      <QueryView state={state}>
        {(d) => {
          const names = new Map(d.enterprises.items.map((e) => [e.id, e.name]));
          const pools = new Map(d.pools.map((p) => [p.id, p.name]));
          return (
            <>
              <SectionCard title={t('provisioning.pools')}>
                <table className="table" data-testid="pools">
                  <thead><tr><th>{t('provisioning.pool')}</th><th>{t('provisioning.region')}</th><th>{t('provisioning.capacity')}</th><th>{t('provisioning.allocated')}</th><th>{t('provisioning.utilisation')}</th></tr></thead>
                  <tbody>{d.pools.map((p) => (
                    <tr key={p.id}><td>{p.name}</td><td>{p.region}</td><td>{p.capacityMbps}</td><td>{p.allocatedMbps}</td>
                      <td><div className="bar"><div className="bar-fill" style={{ width: `${Math.min(100, p.utilisationPercent)}%` }} /></div>{p.utilisationPercent}%</td></tr>
                  ))}</tbody>
                </table>
              </SectionCard>
              <SectionCard title={t('provisioning.plans')}>
                <table className="table">
                  <thead><tr><th>{t('provisioning.plan')}</th><th>{t('provisioning.version')}</th><th>{t('provisioning.bandwidth')}</th><th>{t('provisioning.included')}</th><th>{t('provisioning.parkPrice')}</th><th>{t('provisioning.marketPrice')}</th><th>{t('provisioning.overage')}</th></tr></thead>
                  <tbody>{d.plans.map((p) => {
                    const v = p.versions.find((x) => x.version === p.currentVersion) ?? p.versions[p.versions.length - 1];
                    return v ? (
                      <tr key={p.id}><td>{p.name}</td><td>v{v.version}</td><td>{v.bandwidthMbps}</td><td>{formatBytes(v.monthlyIncludedBytes)}</td><td>{formatYuan(v.parkPriceFenPerGb, locale)}</td><td>{formatYuan(v.marketPriceFenPerGb, locale)}</td><td>{labelOf(t, 'policy', v.overagePolicy)}</td></tr>
                    ) : null;
                  })}</tbody>
                </table>
              </SectionCard>
              <SectionCard title={t('provisioning.allocations')}>
                <table className="table" data-testid="allocations">
                  <thead><tr><th>{t('common.enterprise')}</th><th>{t('common.status')}</th><th>{t('provisioning.plan')}</th><th>{t('provisioning.bandwidth')}</th><th>{t('provisioning.pool')}</th><th /></tr></thead>
                  <tbody>{d.allocations.map((a) => (
                    <tr key={a.id}>
                      <td><Link to={`/enterprises/${a.enterpriseId}`}>{names.get(a.enterpriseId) ?? a.enterpriseId.slice(0, 8)}</Link></td>
                      <td><StatusBadge prefix="allocation" value={a.status} /></td>
                      <td>{a.plan.name} v{a.plan.version}</td><td>{a.bandwidthMbps}</td><td>{a.poolId ? pools.get(a.poolId) ?? '' : ''}</td>
                      <td><button type="button" onClick={() => setSelected(a.enterpriseId)}>{t('provisioning.showUsage')}</button></td>
                    </tr>
                  ))}</tbody>
                </table>
              </SectionCard>
              {selected ? <UsageCard enterpriseId={selected} name={names.get(selected) ?? selected} /> : null}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function UsageCard({ enterpriseId, name }: { enterpriseId: string; name: string }) {
  const { t } = useI18n();
  const month = shanghaiMonthOf(new Date());
  const state = useGatewayQuery<{ usage: { usedBytes: string; includedBytes: string; quotaPercent: number; overageState: string } }>(USAGE, { e: enterpriseId, m: month });
  return (
    <SectionCard title={`${t('provisioning.usage')} · ${name} · ${month}`} testId="usage">
      <QueryView state={state}>
        {({ usage }) => (
          <>
            <div className="bar"><div className={usage.quotaPercent >= 100 ? 'bar-fill bar-over' : 'bar-fill'} style={{ width: `${Math.min(100, usage.quotaPercent)}%` }} /></div>
            <div>{t('provisioning.used')} {formatBytes(usage.usedBytes)} / {t('provisioning.quota')} {formatBytes(usage.includedBytes)} ({usage.quotaPercent}%) · {t('provisioning.overageState')}: {labelOf(t, 'overage', usage.overageState)}</div>
          </>
        )}
      </QueryView>
    </SectionCard>
  );
}

import { useI18n } from '../app/i18n-context';
import { useSession } from '../app/session-context';
import { useGatewayQuery } from '../app/use-gateway-query';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { formatYuan } from '../format/money.format';
import { formatShanghaiTime, shanghaiMonthOf } from '../format/month.format';
import { labelOf } from '../i18n/translate';
import { AllocationCard, ALLOCATION_FIELDS, type AllocationView } from './allocation-card';

const MINE = `query Mine($id: ID!) { enterprise(id: $id) { id name uscc industry status admittedMonth submittedAt
  history { action toStatus reason decidedAt }
  flowAllocation { ${ALLOCATION_FIELDS} }
  flowUsage { usedBytes includedBytes quotaPercent overageState }
  revenueMultiplier { revenueFen inputFen multiplier series { month revenueFen inputFen multiplier } } } }`;

interface MineData {
  enterprise: {
    id: string; name: string; uscc: string; industry: string; status: string; admittedMonth: string | null; submittedAt: string;
    history: Array<{ action: string; toStatus: string; reason: string | null; decidedAt: string }>;
    flowAllocation: AllocationView | null;
    flowUsage: { usedBytes: string; includedBytes: string; quotaPercent: number; overageState: string };
    revenueMultiplier: { revenueFen: string; inputFen: string; multiplier: string | null; series: Array<{ month: string; revenueFen: string; inputFen: string; multiplier: string | null }> };
  };
}

/** A resident's own page: its application, allocation and usage, and what it paid for data flow. Only its own id is ever asked for. */
export function MyEnterprisePage() {
  const { t, locale } = useI18n();
  const { claims } = useSession();
  const state = useGatewayQuery<MineData>(MINE, { id: claims.enterpriseId ?? '' }, { skip: !claims.enterpriseId });
  if (!claims.enterpriseId) return <div className="page"><h1>{t('mine.title')}</h1><p className="muted">{t('mine.noEnterprise')}</p></div>;
  return (
    <div className="page">
      <QueryView state={state}>
        {({ enterprise: e }) => (
          <>
            <h1 data-testid="mine-name">{e.name} <StatusBadge prefix="status" value={e.status} /></h1>
            <div className="grid-2">
              <SectionCard title={t('mine.application')}>
                <dl className="facts">
                  <dt>{t('enterprise.uscc')}</dt><dd>{e.uscc}</dd>
                  <dt>{t('common.industry')}</dt><dd>{labelOf(t, 'industry', e.industry)}</dd>
                  <dt>{t('onboarding.submittedAt')}</dt><dd>{formatShanghaiTime(e.submittedAt)}</dd>
                  {e.admittedMonth ? <><dt>{t('enterprise.admittedMonth')}</dt><dd>{e.admittedMonth}</dd></> : null}
                </dl>
                <ul className="list">{e.history.map((h, i) => (
                  <li key={i}><span className="muted">{formatShanghaiTime(h.decidedAt)}</span> <StatusBadge prefix="status" value={h.toStatus} /> {h.reason ?? ''}</li>
                ))}</ul>
              </SectionCard>
              <SectionCard title={t('enterprise.allocation')}>
                {e.flowAllocation ? <AllocationCard allocation={e.flowAllocation} usage={e.flowUsage} month={shanghaiMonthOf(new Date())} /> : <div className="muted">{t('enterprise.noAllocation')}</div>}
              </SectionCard>
            </div>
            <SectionCard title={`${t('mine.charges')} · ${t('mine.multiplier')} ${e.revenueMultiplier.multiplier ?? '—'}`}>
              <table className="table" data-testid="charges">
                <thead><tr><th>{t('common.month')}</th><th>{t('dashboard.input')}</th><th>{t('revenue.revenue')}</th><th>{t('dashboard.seriesMultiplier')}</th></tr></thead>
                <tbody>{e.revenueMultiplier.series.filter((m) => !e.admittedMonth || m.month >= e.admittedMonth).reverse().map((m) => (
                  <tr key={m.month}><td>{m.month}</td><td>{formatYuan(m.inputFen, locale)}</td><td>{formatYuan(m.revenueFen, locale)}</td><td>{m.multiplier ?? '—'}</td></tr>
                ))}</tbody>
              </table>
            </SectionCard>
          </>
        )}
      </QueryView>
    </div>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { Link } from '../app/router';
import { useSession } from '../app/session-context';
import { useGatewayQuery } from '../app/use-gateway-query';
import { watchParkFeed, type FeedItem } from '../api/live-feed.client';
import { EChart } from '../components/echart';
import { FigureCard } from '../components/figure-card';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { formatBytes } from '../format/bytes.format';
import { formatYuanCompact } from '../format/money.format';
import { formatShanghaiTime } from '../format/month.format';
import { labelOf } from '../i18n/translate';
import { industryRevenueChart, monthlyChart, poolChart, residentsPie } from './dashboard-charts';

export const DASHBOARD_QUERY = `query Dashboard { parkDashboard {
  residentCount residentsByIndustry { industry count }
  poolUtilisation { id name capacityMbps allocatedMbps utilisationPercent }
  quotaAlertCount quotaAlerts(first: 8) { enterpriseId enterpriseName thresholdPercent usedBytes includedBytes reachedAt }
  revenueTotals { revenueFen inputFen multiplier enterprises }
  revenueByIndustry { key revenueFen inputFen multiplier }
  revenueMonthly(months: 12) { month revenueFen inputFen multiplier }
  overdueReportCount overdueReports(first: 8) { enterpriseId enterpriseName month deadline }
  talentTotals { trained completed placed completionRate placementRate } } }`;

export interface DashboardData {
  parkDashboard: {
    residentCount: number;
    residentsByIndustry: Array<{ industry: string; count: number }>;
    poolUtilisation: Array<{ id: string; name: string; capacityMbps: number; allocatedMbps: number; utilisationPercent: number }>;
    quotaAlertCount: number;
    quotaAlerts: Array<{ enterpriseId: string; enterpriseName: string; thresholdPercent: number; usedBytes: string; includedBytes: string; reachedAt: string }>;
    revenueTotals: { revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number };
    revenueByIndustry: Array<{ key: string; revenueFen: string; inputFen: string; multiplier: string | null }>;
    revenueMonthly: Array<{ month: string; revenueFen: string; inputFen: string; multiplier: string | null }>;
    overdueReportCount: number;
    overdueReports: Array<{ enterpriseId: string; enterpriseName: string; month: string; deadline: string }>;
    talentTotals: { trained: number | null; completed: number | null; placed: number; completionRate: string | null; placementRate: string | null };
  };
}

/** The park's cockpit: headline figures, charts, alerts, and the live feed refreshing them. */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const state = useGatewayQuery<DashboardData>(DASHBOARD_QUERY);
  const feed = useLiveFeed(state.reload);

  return (
    <div className="page">
      <h1>{t('dashboard.title')}</h1>
      <QueryView state={state}>
        {({ parkDashboard: d }) => (
          <>
            <div className="figures">
              <FigureCard label={t('dashboard.residents')} value={String(d.residentCount)} testId="figure-residents" />
              <FigureCard label={t('dashboard.revenue')} value={formatYuanCompact(d.revenueTotals.revenueFen, locale)} testId="figure-revenue" />
              <FigureCard label={t('dashboard.input')} value={formatYuanCompact(d.revenueTotals.inputFen, locale)} testId="figure-input" />
              <FigureCard label={t('dashboard.multiplier')} value={d.revenueTotals.multiplier ?? '—'} unit={t('dashboard.multiplierUnit')} testId="figure-multiplier" />
            </div>
            <Charts d={d} />
            <div className="grid-3">
              <SectionCard title={`${t('dashboard.quotaAlerts')} (${d.quotaAlertCount})`} testId="quota-alerts">
                <ul className="list">
                  {d.quotaAlerts.length === 0 ? <li className="muted">{t('common.none')}</li> : d.quotaAlerts.map((a) => (
                    <li key={`${a.enterpriseId}-${a.thresholdPercent}`}>
                      <Link to={`/enterprises/${a.enterpriseId}`}>{a.enterpriseName}</Link>
                      <span className={a.thresholdPercent >= 100 ? 'badge badge-rejected' : 'badge badge-suspended'}>{a.thresholdPercent}%</span>
                      <span className="muted">{formatBytes(a.usedBytes)} / {formatBytes(a.includedBytes)}</span>
                    </li>
                  ))}
                </ul>
              </SectionCard>
              <SectionCard title={`${t('dashboard.overdue')} (${d.overdueReportCount})`} testId="overdue-reports">
                <ul className="list">
                  {d.overdueReports.length === 0 ? <li className="muted">{t('common.none')}</li> : d.overdueReports.map((o) => (
                    <li key={`${o.enterpriseId}-${o.month}`}>
                      <Link to={`/enterprises/${o.enterpriseId}`}>{o.enterpriseName}</Link>
                      <span className="muted">{o.month}</span>
                    </li>
                  ))}
                </ul>
              </SectionCard>
              <SectionCard title={t('dashboard.talent')} testId="talent-totals">
                <div className="mini-figures">
                  <div><span className="muted">{t('dashboard.trained')}</span><strong data-testid="figure-trained">{d.talentTotals.trained ?? 0}</strong></div>
                  <div><span className="muted">{t('dashboard.completed')}</span><strong>{d.talentTotals.completed ?? 0}</strong></div>
                  <div><span className="muted">{t('dashboard.placed')}</span><strong data-testid="figure-placed">{d.talentTotals.placed}</strong></div>
                </div>
              </SectionCard>
            </div>
          </>
        )}
      </QueryView>
      <SectionCard title={<>{t('dashboard.live')} <span className={feed.connected ? 'dot dot-on' : 'dot'} title={t(feed.connected ? 'dashboard.liveConnected' : 'dashboard.liveDisconnected')} data-testid="live-state" data-connected={feed.connected} /></>} testId="live-feed">
        <ul className="list">
          {feed.items.length === 0 ? <li className="muted">{t('dashboard.liveEmpty')}</li> : feed.items.map((item) => (
            <li key={item.eventId} data-testid="live-item">
              <span className="muted">{formatShanghaiTime(item.occurredAt)}</span> {describeFeedItem(item, t)}
            </li>
          ))}
        </ul>
      </SectionCard>
    </div>
  );
}

function describeFeedItem(item: FeedItem, t: ReturnType<typeof useI18n>['t']): string {
  const enterprise = item.name ?? item.enterpriseId.slice(0, 8);
  return t(`feed.${item.kind}`, { name: enterprise, enterprise, percent: item.thresholdPercent ?? '', month: item.month ?? '', role: item.role ?? '' });
}

function Charts({ d }: { d: DashboardData['parkDashboard'] }) {
  const { t, locale } = useI18n();
  const industry = useCallback((value: string) => labelOf(t, 'industry', value), [t]);
  const monthly = useMemo(() => monthlyChart(d.revenueMonthly, t, locale), [d.revenueMonthly, t, locale]);
  const byIndustry = useMemo(() => industryRevenueChart(d.revenueByIndustry, industry, locale), [d.revenueByIndustry, industry, locale]);
  const pools = useMemo(() => poolChart(d.poolUtilisation, t), [d.poolUtilisation, t]);
  const residents = useMemo(() => residentsPie(d.residentsByIndustry, industry), [d.residentsByIndustry, industry]);
  return (
    <div className="grid-2">
      <SectionCard title={t('dashboard.monthly')}><EChart option={monthly} testId="chart-monthly" /></SectionCard>
      <SectionCard title={t('dashboard.byIndustry')}><EChart option={byIndustry} testId="chart-industry" /></SectionCard>
      <SectionCard title={t('dashboard.pools')}><EChart option={pools} testId="chart-pools" /></SectionCard>
      <SectionCard title={t('dashboard.residentsByIndustry')}><EChart option={residents} testId="chart-residents" /></SectionCard>
    </div>
  );
}

/** The live feed: newest first (at most 8), and a debounced refresh of the figures on each event. */
function useLiveFeed(refresh: () => void): { items: FeedItem[]; connected: boolean } {
  const { token } = useSession();
  const [items, setItems] = useState<FeedItem[]>([]);
  const [connected, setConnected] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    const stop = watchParkFeed(token, (item) => {
      setItems((current) => [item, ...current.filter((x) => x.eventId !== item.eventId)].slice(0, 8));
      clearTimeout(timer.current);
      timer.current = setTimeout(refresh, 800);
    }, setConnected);
    return () => {
      clearTimeout(timer.current);
      stop();
    };
  }, [token, refresh]);
  return { items, connected };
}

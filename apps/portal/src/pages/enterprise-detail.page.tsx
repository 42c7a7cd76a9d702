import { useEffect, useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { useGatewayAction, useGatewayQuery } from '../app/use-gateway-query';
import { ErrorNotice } from '../components/error-notice';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { formatBytes } from '../format/bytes.format';
import { formatYuan } from '../format/money.format';
import { formatShanghaiTime, shanghaiMonthOf } from '../format/month.format';
import type { MessageKey } from '../i18n/translate';
import { labelOf } from '../i18n/translate';
import { AllocationCard, ALLOCATION_FIELDS, type AllocationView } from './allocation-card';
import { ACTION_SPECS, ACTIONS_BY_STATUS, type EnterpriseAction } from './enterprise-actions';
import { NoAccessPage } from './no-access.page';
import { currentFigures, REPORT_FIELDS, type ReportView } from './report-versions';
import { PlacementTable } from './talent.page';

const ENTERPRISE = `query Enterprise($id: ID!) { enterprise(id: $id) {
  id name uscc legalRepresentative contactPhone contactEmail industry status registeredCapitalFen plannedBandwidthMbps
  plannedMonthlyTrafficBytes headcount admittedMonth exitDate submittedAt updatedAt
  history { action fromStatus toStatus actorSubject actorRole reason decidedAt }
  flowAllocation { ${ALLOCATION_FIELDS} }
  flowUsage { usedBytes includedBytes quotaPercent overageState }
  revenueReports { ${REPORT_FIELDS} }
  placements { id traineeRef role startDate } } }`;

export interface EnterpriseView {
  id: string; name: string; uscc: string; legalRepresentative: string; contactPhone: string; contactEmail: string; industry: string; status: string;
  registeredCapitalFen: string; plannedBandwidthMbps: number; plannedMonthlyTrafficBytes: string; headcount: number; admittedMonth: string | null; exitDate: string | null;
  submittedAt: string; updatedAt: string;
  history: Array<{ action: string; fromStatus: string | null; toStatus: string; actorSubject: string; actorRole: string; reason: string | null; decidedAt: string }>;
  flowAllocation: AllocationView | null;
  flowUsage: { usedBytes: string; includedBytes: string; quotaPercent: number; overageState: string };
  revenueReports: ReportView[];
  placements: Array<{ id: string; traineeRef: string; role: string; startDate: string }>;
}

/** An application or a resident for administrators: its file, its history, the decisions open to it, its allocation. */
export function EnterpriseDetailPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const state = useGatewayQuery<{ enterprise: EnterpriseView }>(ENTERPRISE, { id });
  const e = state.data?.enterprise;
  // After an approval the allocation arrives through Kafka: look again until it is there.
  const waitingForAllocation = e?.status === 'approved' && (!e.flowAllocation || e.flowAllocation.status === 'pending');
  usePolling(waitingForAllocation, state.reload);

  if (state.error && !state.data && isHidden(state.error)) return <NoAccessPage />;
  return (
    <div className="page">
      <QueryView state={state}>
        {({ enterprise }) => (
          <>
            <h1>{enterprise.name} <StatusBadge prefix="status" value={enterprise.status} testId="enterprise-status" /></h1>
            <DecisionBar enterprise={enterprise} onDone={state.reload} />
            <div className="grid-2">
              <SectionCard title={t('enterprise.title')}>
                <dl className="facts">
                  <dt>{t('enterprise.uscc')}</dt><dd>{enterprise.uscc}</dd>
                  <dt>{t('common.industry')}</dt><dd>{labelOf(t, 'industry', enterprise.industry)}</dd>
                  <dt>{t('enterprise.legalRepresentative')}</dt><dd>{enterprise.legalRepresentative}</dd>
                  <dt>{t('enterprise.contact')}</dt><dd>{enterprise.contactPhone} · {enterprise.contactEmail}</dd>
                  <dt>{t('enterprise.registeredCapital')}</dt><dd>{formatYuan(enterprise.registeredCapitalFen, locale)}</dd>
                  <dt>{t('enterprise.plannedBandwidth')}</dt><dd>{enterprise.plannedBandwidthMbps} Mbps</dd>
                  <dt>{t('enterprise.plannedTraffic')}</dt><dd>{formatBytes(enterprise.plannedMonthlyTrafficBytes)}</dd>
                  <dt>{t('enterprise.headcount')}</dt><dd>{enterprise.headcount}</dd>
                  <dt>{t('onboarding.submittedAt')}</dt><dd>{formatShanghaiTime(enterprise.submittedAt)}</dd>
                  {enterprise.admittedMonth ? <><dt>{t('enterprise.admittedMonth')}</dt><dd>{enterprise.admittedMonth}</dd></> : null}
                  {enterprise.exitDate ? <><dt>{t('enterprise.exitDate')}</dt><dd>{enterprise.exitDate}</dd></> : null}
                </dl>
              </SectionCard>
              <SectionCard title={t('enterprise.allocation')} testId="allocation">
                {enterprise.flowAllocation
                  ? <AllocationCard allocation={enterprise.flowAllocation} usage={enterprise.flowUsage} month={shanghaiMonthOf(new Date())} />
                  : <div className="muted" data-testid="allocation-none">{t(waitingForAllocation ? 'enterprise.allocationWaiting' : 'enterprise.noAllocation')}</div>}
              </SectionCard>
            </div>
            <div className="grid-2">
              <SectionCard title={t('enterprise.reports')}>
                {enterprise.revenueReports.length === 0 ? <div className="muted">{t('common.none')}</div> : (
                  <table className="table">
                    <thead><tr><th>{t('common.month')}</th><th>{t('common.status')}</th><th>{t('revenue.revenue')}</th><th>{t('revenue.anomaly')}</th></tr></thead>
                    <tbody>{[...enterprise.revenueReports].reverse().map((r) => (
                      <tr key={r.id}><td>{r.month}</td><td><StatusBadge prefix="revenue.reportStatus" value={r.status} /></td><td>{formatYuan(currentFigures(r)?.revenueFen ?? '0', locale)}</td><td>{r.anomaly ?? ''}</td></tr>
                    ))}</tbody>
                  </table>
                )}
              </SectionCard>
              <SectionCard title={t('enterprise.placements')}><PlacementTable placements={enterprise.placements} /></SectionCard>
            </div>
            <HistoryCard history={enterprise.history} />
          </>
        )}
      </QueryView>
    </div>
  );
}

/** NOT_FOUND and FORBIDDEN on a page's own record: the page is not the user's (ids cannot be probed). */
function isHidden(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'NOT_FOUND' || code === 'FORBIDDEN';
}

function usePolling(active: boolean, reload: () => void, everyMs = 1500, forMs = 90_000): void {
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => (Date.now() - started > forMs ? clearInterval(timer) : reload()), everyMs);
    return () => clearInterval(timer);
  }, [active, reload, everyMs, forMs]);
}

function DecisionBar({ enterprise, onDone }: { enterprise: EnterpriseView; onDone: () => void }) {
  const { t } = useI18n();
  const action = useGatewayAction();
  const [open, setOpen] = useState<EnterpriseAction>();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  const [done, setDone] = useState<EnterpriseAction>();
  const available = ACTIONS_BY_STATUS[enterprise.status] ?? [];

  const perform = async (which: EnterpriseAction) => {
    const spec = ACTION_SPECS[which];
    if (spec.needsReason && !open) {
      setOpen(which);
      return;
    }
    if (spec.needsReason && reason.trim() === '') return;
    const result = await action.run(spec.mutation, { id: enterprise.id, ...(spec.needsReason ? { reason: reason.trim() } : {}), ...(spec.needsDate ? { date } : {}) });
    if (result) {
      setDone(which);
      setOpen(undefined);
      setReason('');
      onDone();
    }
  };

  if (available.length === 0 && !done) return null;
  const label = (which: EnterpriseAction) => t(`enterprise.${which}` as MessageKey);
  return (
    <div className="decision-bar">
      {available.map((which) => (
        <button key={which} type="button" className={ACTION_SPECS[which].danger ? 'danger' : 'primary'} disabled={action.busy} onClick={() => void perform(which)} data-testid={`action-${which}`}>{label(which)}</button>
      ))}
      {open ? (
        <div className="reason-form">
          <textarea placeholder={t('enterprise.reasonRequired')} value={reason} onChange={(ev) => setReason(ev.target.value)} data-testid="action-reason" />
          {ACTION_SPECS[open].needsDate ? <input type="date" value={date} onChange={(ev) => setDate(ev.target.value)} /> : null}
          <button type="button" className="primary" disabled={action.busy || reason.trim() === ''} onClick={() => void perform(open)} data-testid="action-confirm">{t('common.confirm')} · {label(open)}</button>
          <button type="button" onClick={() => setOpen(undefined)}>{t('common.cancel')}</button>
        </div>
      ) : null}
      {done && !action.error ? <div className="notice notice-ok" data-testid="action-done">{t('enterprise.done', { action: label(done) })}</div> : null}
      <ErrorNotice error={action.error} />
    </div>
  );
}

function HistoryCard({ history }: { history: EnterpriseView['history'] }) {
  const { t } = useI18n();
  return (
    <SectionCard title={t('enterprise.history')}>
      <table className="table" data-testid="history">
        <thead><tr><th>{t('common.time')}</th><th>{t('enterprise.action')}</th><th>{t('common.status')}</th><th>{t('enterprise.actor')}</th><th>{t('common.reason')}</th></tr></thead>
        <tbody>
          {history.map((h, i) => (
            <tr key={i}>
              <td>{formatShanghaiTime(h.decidedAt)}</td>
              <td>{h.action}</td>
              <td>{h.fromStatus ? <><StatusBadge prefix="status" value={h.fromStatus} /> → </> : null}<StatusBadge prefix="status" value={h.toStatus} /></td>
              <td>{h.actorSubject} <span className="muted small">({labelOf(t, 'role', h.actorRole)})</span></td>
              <td>{h.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </SectionCard>
  );
}

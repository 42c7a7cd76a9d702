import { Fragment, useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { Link } from '../app/router';
import { useSession } from '../app/session-context';
import { useGatewayAction, useGatewayQuery } from '../app/use-gateway-query';
import { ErrorNotice } from '../components/error-notice';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { formatYuan } from '../format/money.format';
import { addMonths, shanghaiMonthOf } from '../format/month.format';
import { labelOf } from '../i18n/translate';
import { currentFigures, REPORT_FIELDS, ReportVersions, type ReportView } from './report-versions';

const REVENUE = `query Revenue($m: String!) { revenueReports(month: $m) { ${REPORT_FIELDS} } missingRevenueReports(month: $m) { enterpriseId name industry }
  enterprises(filter: { statuses: [approved, suspended, exited] }, first: 100) { items { id name } } }`;
const ACCEPT = 'mutation A($id: ID!) { acceptRevenueReport(reportId: $id) { id status } }';
const RETURN = 'mutation R($id: ID!, $comment: String!) { returnRevenueReport(reportId: $id, comment: $comment) { id status } }';

interface RevenueData {
  revenueReports: ReportView[];
  missingRevenueReports: Array<{ enterpriseId: string; name: string; industry: string }>;
  enterprises: { items: Array<{ id: string; name: string }> };
}

/** A month's reports: status, anomalies, review (accept / return), versions, who has not reported, the CSV. */
export function RevenuePage() {
  const { t } = useI18n();
  const { client } = useSession();
  const [month, setMonth] = useState(() => addMonths(shanghaiMonthOf(new Date()), -1));
  const state = useGatewayQuery<RevenueData>(REVENUE, { m: month });
  const [exportError, setExportError] = useState<unknown>();
  const exportCsv = () => {
    setExportError(undefined);
    client.download(`/downloads/revenue/${month}.csv`, `valley-revenue-${month}.csv`).catch(setExportError);
  };
  return (
    <div className="page">
      <h1>{t('revenue.title')}</h1>
      <div className="filters">
        <label>{t('common.month')} <input type="month" value={month} onChange={(ev) => ev.target.value && setMonth(ev.target.value)} data-testid="revenue-month" /></label>
        <button type="button" onClick={state.reload}>{t('common.refresh')}</button>
        <button type="button" onClick={exportCsv} data-testid="export-csv">{t('revenue.export')}</button>
      </div>
      <ErrorNotice error={exportError} />
      <QueryView state={state}>
        {(d) => {
          const names = new Map(d.enterprises.items.map((e) => [e.id, e.name]));
          return (
            <div className="grid-main-side">
              <SectionCard title={`${t('revenue.reports')} · ${month}`}>
                {d.revenueReports.length === 0 ? <div className="muted">{t('common.none')}</div> : (
                  <table className="table" data-testid="revenue-reports">
                    <thead><tr><th>{t('common.enterprise')}</th><th>{t('common.status')}</th><th>{t('revenue.revenue')}</th><th>{t('revenue.tax')}</th><th>{t('revenue.version')}</th><th>{t('revenue.anomaly')}</th><th>{t('common.actions')}</th></tr></thead>
                    <tbody>{d.revenueReports.map((r) => <ReportRow key={r.id} report={r} name={names.get(r.enterpriseId) ?? r.enterpriseId.slice(0, 8)} onDone={state.reload} />)}</tbody>
                  </table>
                )}
              </SectionCard>
              <SectionCard title={`${t('revenue.missing')} (${d.missingRevenueReports.length})`} testId="missing-reports">
                <ul className="list">
                  {d.missingRevenueReports.length === 0 ? <li className="muted">{t('revenue.allReported')}</li> : d.missingRevenueReports.map((m) => (
                    <li key={m.enterpriseId}><Link to={`/enterprises/${m.enterpriseId}`}>{m.name}</Link> <span className="muted">{labelOf(t, 'industry', m.industry)}</span></li>
                  ))}
                </ul>
              </SectionCard>
            </div>
          );
        }}
      </QueryView>
    </div>
  );
}

function ReportRow({ report, name, onDone }: { report: ReportView; name: string; onDone: () => void }) {
  const { t, locale } = useI18n();
  const action = useGatewayAction();
  const [expanded, setExpanded] = useState(false);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const figures = currentFigures(report);
  const decide = async (query: string, variables: Record<string, unknown>) => {
    if (await action.run(query, variables)) {
      setReturning(false);
      onDone();
    }
  };
  return (
    <Fragment>
      <tr data-testid="report-row" data-enterprise-id={report.enterpriseId}>
        <td><Link to={`/enterprises/${report.enterpriseId}`}>{name}</Link></td>
        <td><StatusBadge prefix="revenue.reportStatus" value={report.status} testId="report-status" /></td>
        <td>{figures ? formatYuan(figures.revenueFen, locale) : ''}</td>
        <td>{figures ? formatYuan(figures.taxFen, locale) : ''}</td>
        <td><button type="button" className="link" onClick={() => setExpanded(!expanded)}>v{report.currentVersion}</button></td>
        <td>{report.anomaly ? <span className="badge badge-suspended" title={report.anomaly}>⚠ {report.anomaly}</span> : ''}</td>
        <td>
          {report.status === 'submitted' ? (
            <>
              <button type="button" className="primary" disabled={action.busy} onClick={() => void decide(ACCEPT, { id: report.id })} data-testid="report-accept">{t('revenue.accept')}</button>
              <button type="button" disabled={action.busy} onClick={() => setReturning(!returning)}>{t('revenue.return')}</button>
            </>
          ) : null}
        </td>
      </tr>
      {returning ? (
        <tr><td colSpan={7}>
          <div className="reason-form">
            <textarea placeholder={t('common.comment')} value={comment} onChange={(ev) => setComment(ev.target.value)} />
            <button type="button" className="primary" disabled={action.busy || comment.trim() === ''} onClick={() => void decide(RETURN, { id: report.id, comment: comment.trim() })}>{t('revenue.return')}</button>
          </div>
        </td></tr>
      ) : null}
      {action.error ? <tr><td colSpan={7}><ErrorNotice error={action.error} /></td></tr> : null}
      {expanded ? <tr><td colSpan={7}><ReportVersions report={report} /></td></tr> : null}
    </Fragment>
  );
}

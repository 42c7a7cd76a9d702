import { Fragment, useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../app/i18n-context';
import { useSession } from '../app/session-context';
import { useGatewayAction, useGatewayQuery } from '../app/use-gateway-query';
import { ErrorNotice } from '../components/error-notice';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { formatYuan, parseYuanToFen } from '../format/money.format';
import { addMonths, shanghaiMonthOf } from '../format/month.format';
import { currentFigures, REPORT_FIELDS, ReportVersions, type ReportView } from './report-versions';

const REPORTS = `query MyReports($id: ID!) { enterprise(id: $id) { id admittedMonth status revenueReports { ${REPORT_FIELDS} } } }`;
const SUBMIT = `mutation Submit($e: ID!, $m: String!, $f: ReportFiguresInput!, $key: String) { submitRevenueReport(enterpriseId: $e, month: $m, figures: $f, idempotencyKey: $key) { id status } }`;
const AMEND = `mutation Amend($id: ID!, $f: ReportFiguresInput!, $reason: String!) { amendRevenueReport(reportId: $id, figures: $f, reason: $reason) { id status } }`;

interface ReportsData {
  enterprise: { id: string; admittedMonth: string | null; status: string; revenueReports: ReportView[] };
}

/** A resident's monthly reports: submit (or resubmit after a return), see the review, amend accepted figures. */
export function MyReportsPage() {
  const { t, locale } = useI18n();
  const { claims } = useSession();
  const state = useGatewayQuery<ReportsData>(REPORTS, { id: claims.enterpriseId ?? '' }, { skip: !claims.enterpriseId });
  const [amending, setAmending] = useState<string>();
  if (!claims.enterpriseId) return <div className="page"><p className="muted">{t('mine.noEnterprise')}</p></div>;
  return (
    <div className="page">
      <h1>{t('mine.reports')}</h1>
      <QueryView state={state}>
        {({ enterprise }) => (
          <>
            <ReportForm enterprise={enterprise} onDone={state.reload} />
            <SectionCard title={t('mine.reports')} actions={<button type="button" onClick={state.reload} data-testid="reports-refresh">{t('common.refresh')}</button>}>
              {enterprise.revenueReports.length === 0 ? <div className="muted">{t('common.none')}</div> : (
                <table className="table" data-testid="my-reports">
                  <thead><tr><th>{t('common.month')}</th><th>{t('common.status')}</th><th>{t('revenue.revenue')}</th><th>{t('revenue.tax')}</th><th>{t('common.comment')}</th><th /></tr></thead>
                  <tbody>{[...enterprise.revenueReports].reverse().map((r) => {
                    const f = currentFigures(r);
                    return (
                      <Fragment key={r.id}>
                        <tr data-testid="my-report-row" data-month={r.month}>
                          <td>{r.month}</td><td><StatusBadge prefix="revenue.reportStatus" value={r.status} testId="my-report-status" /></td>
                          <td>{f ? formatYuan(f.revenueFen, locale) : ''}</td><td>{f ? formatYuan(f.taxFen, locale) : ''}</td>
                          <td>{r.reviewComment ?? ''}</td>
                          <td>{r.status === 'accepted' ? <button type="button" onClick={() => setAmending(amending === r.id ? undefined : r.id)}>{t('mine.amend')}</button> : null}</td>
                        </tr>
                        {amending === r.id ? <tr><td colSpan={6}><AmendForm report={r} onDone={() => { setAmending(undefined); state.reload(); }} /></td></tr> : null}
                        {r.versions.length > 1 ? <tr><td colSpan={6}><ReportVersions report={r} /></td></tr> : null}
                      </Fragment>
                    );
                  })}</tbody>
                </table>
              )}
            </SectionCard>
          </>
        )}
      </QueryView>
    </div>
  );
}

/** Months a report can be submitted for: from admission to last month, not yet reported (or returned). */
function openMonths(admittedMonth: string | null, reports: ReportView[]): string[] {
  const last = addMonths(shanghaiMonthOf(new Date()), -1);
  const first = admittedMonth ?? last;
  const taken = new Map(reports.map((r) => [r.month, r.status]));
  const months: string[] = [];
  for (let m = last; m >= first && months.length < 24; m = addMonths(m, -1)) if (!taken.has(m) || taken.get(m) === 'returned') months.push(m);
  return months;
}

function useFigures() {
  const [revenue, setRevenue] = useState('');
  const [tax, setTax] = useState('');
  const [employees, setEmployees] = useState('');
  const [localHires, setLocalHires] = useState('');
  const revenueFen = parseYuanToFen(revenue);
  const taxFen = parseYuanToFen(tax);
  const valid = revenueFen !== undefined && taxFen !== undefined && /^\d+$/.test(employees) && /^\d+$/.test(localHires);
  const figures = valid ? { revenueFen: revenueFen.toString(), taxFen: taxFen.toString(), employees: Number(employees), localHires: Number(localHires), lines: [] } : undefined;
  return { revenue, setRevenue, tax, setTax, employees, setEmployees, localHires, setLocalHires, figures, invalidAmount: (revenue !== '' && revenueFen === undefined) || (tax !== '' && taxFen === undefined) };
}

function FiguresFields({ f }: { f: ReturnType<typeof useFigures> }) {
  const { t } = useI18n();
  return (
    <>
      <label>{t('mine.revenueYuan')}<input inputMode="decimal" value={f.revenue} onChange={(ev) => f.setRevenue(ev.target.value)} data-testid="report-revenue" required /></label>
      <label>{t('mine.taxYuan')}<input inputMode="decimal" value={f.tax} onChange={(ev) => f.setTax(ev.target.value)} data-testid="report-tax" required /></label>
      <label>{t('revenue.employees')}<input inputMode="numeric" value={f.employees} onChange={(ev) => f.setEmployees(ev.target.value)} data-testid="report-employees" required /></label>
      <label>{t('revenue.localHires')}<input inputMode="numeric" value={f.localHires} onChange={(ev) => f.setLocalHires(ev.target.value)} data-testid="report-local-hires" required /></label>
      {f.invalidAmount ? <div className="notice notice-error">{t('mine.invalidAmount')}</div> : null}
    </>
  );
}

function ReportForm({ enterprise, onDone }: { enterprise: ReportsData['enterprise']; onDone: () => void }) {
  const { t } = useI18n();
  const months = useMemo(() => openMonths(enterprise.admittedMonth, enterprise.revenueReports), [enterprise]);
  const [picked, setPicked] = useState(months[0] ?? '');
  // A month just reported leaves the list: fall back to the next open one.
  const month = months.includes(picked) ? picked : (months[0] ?? '');
  const f = useFigures();
  const action = useGatewayAction();
  // One key per filled-in form: a double click or a retry makes one report.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [submitted, setSubmitted] = useState<string>();
  if (months.length === 0 && !submitted) return null;
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!f.figures || !month) return;
    if (await action.run(SUBMIT, { e: enterprise.id, m: month, f: f.figures, key })) {
      setSubmitted(month);
      setKey(crypto.randomUUID());
      onDone();
    }
  };
  return (
    <SectionCard title={t('mine.submitTitle')} testId="report-form">
      <form className="form-grid" onSubmit={(ev) => void submit(ev)}>
        <label>{t('common.month')}
          <select value={month} onChange={(ev) => setPicked(ev.target.value)} data-testid="report-month">
            {months.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <FiguresFields f={f} />
        <button type="submit" className="primary" disabled={!f.figures || action.busy} data-testid="report-submit">{t('mine.submit')}</button>
      </form>
      {submitted ? <div className="notice notice-ok" data-testid="report-submitted">{t('mine.submitted', { month: submitted })}</div> : null}
      <ErrorNotice error={action.error} />
    </SectionCard>
  );
}

function AmendForm({ report, onDone }: { report: ReportView; onDone: () => void }) {
  const { t } = useI18n();
  const f = useFigures();
  const [reason, setReason] = useState('');
  const action = useGatewayAction();
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (f.figures && reason.trim() && (await action.run(AMEND, { id: report.id, f: f.figures, reason: reason.trim() }))) onDone();
  };
  return (
    <form className="form-grid" onSubmit={(ev) => void submit(ev)}>
      <FiguresFields f={f} />
      <label>{t('mine.amendReason')}<input value={reason} onChange={(ev) => setReason(ev.target.value)} required /></label>
      <button type="submit" className="primary" disabled={!f.figures || !reason.trim() || action.busy}>{t('mine.amend')}</button>
      <ErrorNotice error={action.error} />
    </form>
  );
}

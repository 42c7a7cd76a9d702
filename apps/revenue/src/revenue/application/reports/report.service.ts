import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxWriter } from '@valley/messaging';
import { isAdmin, type Identity } from '@valley/platform';
import { parseMonth } from '../../domain/month';
import { checkFigures } from '../../domain/report-figures';
import { canAmend, nextReportStatus } from '../../domain/report-workflow';
import { checkUuid, RevenueError, RevenueErrorCode } from '../../domain/revenue.error';
import { checkReportableMonth } from '../../domain/reporting-rules';
import type { AnomalyThresholds } from '../../domain/anomaly';
import { ANOMALY_THRESHOLDS, REPORT_LINES } from '../../revenue.tokens';
import { anomalyOf } from './anomaly-check';
import { addVersion, eventFigures, lockReport, type ReportRow } from './report-store';

export interface FiguresInput {
  revenueFen: string;
  taxFen: string;
  employees: number;
  localHires: number;
  lines: Array<{ line: string; amountFen: string }>;
}

type KnownStatus = 'resident' | 'suspended' | 'exited' | 'applicant' | 'rejected';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The monthly operating report: submitted by a resident (once per month; an
 * idempotency key makes a repeated submit one report), accepted or returned by
 * an administrator, amended after acceptance as a new version with its reason.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(REPORT_LINES) private readonly lines: readonly string[],
    @Inject(ANOMALY_THRESHOLDS) private readonly thresholds: AnomalyThresholds,
  ) {}

  async submit(enterpriseId: string, monthInput: string, input: FiguresInput, identity: Identity, idempotencyKey?: string): Promise<ReportRow> {
    checkUuid('enterpriseId', enterpriseId);
    this.requireOwn(enterpriseId, identity);
    const month = parseMonth('month', monthInput);
    const figures = checkFigures(input, this.lines);
    if (idempotencyKey !== undefined && (idempotencyKey.length < 8 || idempotencyKey.length > 100)) throw new RevenueError(RevenueErrorCode.InvalidInput, 'idempotencyKey: 8 to 100 characters', 'idempotencyKey');
    return this.dataSource.transaction(async (m) => {
      await this.checkReportable(m, enterpriseId, month);
      // Serialises submits of one enterprise and month, so a key decides once.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`report:${enterpriseId}:${month}`]);
      const existing = await lockReport(m, { enterpriseId, month });
      if (existing && idempotencyKey !== undefined && existing.idempotency_key === idempotencyKey) return existing;
      const at = new Date();
      let report: ReportRow;
      let version: number;
      if (!existing) {
        version = 1;
        report = { id: randomUUID(), enterprise_id: enterpriseId, month, status: 'submitted', current_version: 1, accepted_version: null, idempotency_key: idempotencyKey ?? null, review_comment: null };
        await m.query(`INSERT INTO reports (id, enterprise_id, month, status, current_version, idempotency_key) VALUES ($1, $2, $3, 'submitted', 1, $4)`, [report.id, enterpriseId, month, report.idempotency_key]);
      } else {
        if (existing.status === 'submitted' || existing.status === 'accepted') {
          throw new RevenueError(RevenueErrorCode.Conflict, `month: the report for ${month} is already ${existing.status}${existing.status === 'accepted' ? '; amend it instead' : ''}`, 'month', { reportId: existing.id, status: existing.status });
        }
        const status = nextReportStatus(existing.status, existing.status === 'returned' ? 'resubmit' : 'submit');
        version = existing.current_version + 1;
        report = { ...existing, status, current_version: version, idempotency_key: idempotencyKey ?? existing.idempotency_key };
        await m.query('UPDATE reports SET status = $2, current_version = $3, idempotency_key = $4, updated_at = now() WHERE id = $1', [report.id, status, version, report.idempotency_key]);
      }
      await addVersion(m, report.id, version, figures, 'submission', identity.subject);
      await this.flag(m, report.id, enterpriseId, month, figures.revenueFen);
      await this.outbox.publish(m, 'valley.revenue.report-submitted.v1', { ...eventFigures({ id: report.id, enterpriseId, month }, version, figures), submittedAt: at.toISOString() });
      return report;
    });
  }

  async review(reportId: string, decision: 'accept' | 'return', identity: Identity, comment?: string): Promise<ReportRow> {
    if (!isAdmin(identity)) throw new RevenueError(RevenueErrorCode.Forbidden, 'only park administrators review reports');
    if (decision === 'return' && !comment?.trim()) throw new RevenueError(RevenueErrorCode.InvalidInput, 'comment: returning a report needs a comment', 'comment');
    return this.dataSource.transaction(async (m) => {
      const report = await this.locked(m, reportId);
      const status = nextReportStatus(report.status, decision);
      const accepted = decision === 'accept' ? report.current_version : report.accepted_version;
      await m.query('UPDATE reports SET status = $2, accepted_version = $3, review_comment = $4, updated_at = now() WHERE id = $1', [report.id, status, accepted, comment?.trim() ?? null]);
      // Partners rebuild accepted figures from the stream: the decision is published with the version it concerns.
      const decided = { reportId: report.id, enterpriseId: report.enterprise_id, month: report.month, version: report.current_version };
      const at = new Date().toISOString();
      if (decision === 'accept') await this.outbox.publish(m, 'valley.revenue.report-accepted.v1', { ...decided, acceptedAt: at });
      else await this.outbox.publish(m, 'valley.revenue.report-returned.v1', { ...decided, returnedAt: at });
      return { ...report, status, accepted_version: accepted, review_comment: comment?.trim() ?? null };
    });
  }

  /** After acceptance: a new accepted version with its reason; figures use it from now on, the history stays. */
  async amend(reportId: string, input: FiguresInput, reason: string, identity: Identity): Promise<ReportRow> {
    const figures = checkFigures(input, this.lines);
    if (!reason.trim() || reason.length > 2000) throw new RevenueError(RevenueErrorCode.InvalidInput, 'reason: an amendment needs a reason (at most 2000 characters)', 'reason');
    return this.dataSource.transaction(async (m) => {
      const report = await this.locked(m, reportId);
      this.requireOwn(report.enterprise_id, identity);
      if (!canAmend(report.status)) throw new RevenueError(RevenueErrorCode.InvalidTransition, `only an accepted report is amended; this one is ${report.status}`, 'reportId', { from: report.status, to: report.status, action: 'amend' });
      const version = report.current_version + 1;
      await addVersion(m, report.id, version, figures, 'amendment', identity.subject, reason.trim());
      await this.flag(m, report.id, report.enterprise_id, report.month, figures.revenueFen);
      await m.query('UPDATE reports SET current_version = $2, accepted_version = $2, updated_at = now() WHERE id = $1', [report.id, version]);
      await this.outbox.publish(m, 'valley.revenue.report-amended.v1', {
        ...eventFigures({ id: report.id, enterpriseId: report.enterprise_id, month: report.month }, version, figures),
        previousVersion: report.accepted_version ?? report.current_version,
        reason: reason.trim(),
        amendedAt: new Date().toISOString(),
      });
      return { ...report, current_version: version, accepted_version: version };
    });
  }

  /** Keeps the anomaly reason with the report (or clears it when the new figures look normal). */
  private async flag(m: EntityManager, reportId: string, enterpriseId: string, month: string, revenueFen: bigint): Promise<void> {
    const reason = await anomalyOf(m, enterpriseId, month, revenueFen, this.thresholds);
    await m.query('UPDATE reports SET anomaly = $2 WHERE id = $1', [reportId, reason ?? null]);
  }

  private requireOwn(enterpriseId: string, identity: Identity): void {
    if (identity.role !== 'enterprise' || identity.enterpriseId !== enterpriseId) throw new RevenueError(RevenueErrorCode.Forbidden, 'an enterprise reports and amends only its own revenue');
  }

  private async checkReportable(m: EntityManager, enterpriseId: string, month: string): Promise<void> {
    const rows: Array<{ status: KnownStatus; admitted_month: string | null; exit_month: string | null }> = await m.query('SELECT status, admitted_month, exit_month FROM known_enterprises WHERE id = $1', [enterpriseId]);
    const known = rows[0];
    if (!known) throw new RevenueError(RevenueErrorCode.NotResident, `enterpriseId: ${enterpriseId} is not a resident of the park`, 'enterpriseId');
    checkReportableMonth(month, { status: known.status, ...(known.admitted_month ? { admittedMonth: known.admitted_month } : {}), ...(known.exit_month ? { exitMonth: known.exit_month } : {}) }, new Date());
  }

  private async locked(m: EntityManager, reportId: string): Promise<ReportRow> {
    const report = UUID.test(reportId) ? await lockReport(m, { id: reportId }) : undefined;
    if (!report) throw new RevenueError(RevenueErrorCode.NotFound, `no report ${reportId}`, 'reportId');
    return report;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import { monthsBetween, parseMonth } from '../../domain/month';
import { checkUuid, RevenueError, RevenueErrorCode } from '../../domain/revenue.error';
import { requireActsFor } from '../revenue-access';
import { versionsOf, type ReportRow, type VersionRow } from './report-store';

export interface ReportWithVersions {
  report: ReportRow;
  versions: VersionRow[];
}

@Injectable()
export class ReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** One enterprise's report for a month with its whole history; an enterprise sees only its own. */
  async report(enterpriseId: string, monthInput: string, identity: Identity): Promise<ReportWithVersions | null> {
    const month = parseMonth('month', monthInput);
    checkUuid('enterpriseId', enterpriseId);
    if (!isAdmin(identity) && identity.enterpriseId !== enterpriseId) throw new RevenueError(RevenueErrorCode.NotFound, `no report of enterprise ${enterpriseId}`, 'enterpriseId');
    const rows: ReportRow[] = await this.dataSource.query('SELECT * FROM reports WHERE enterprise_id = $1::uuid AND month = $2', [enterpriseId, month]);
    const report = rows[0];
    return report ? { report, versions: await versionsOf(this.dataSource.manager, report.id) } : null;
  }

  /** One enterprise's reports from `fromMonth` to `toMonth` (at most 120 months), oldest first, each with its history; FORBIDDEN for another enterprise's user. */
  async reportsOf(enterpriseId: string, fromMonth: string, toMonth: string, identity: Identity): Promise<ReportWithVersions[]> {
    const id = requireActsFor(identity, enterpriseId);
    const months = monthsBetween(parseMonth('fromMonth', fromMonth), parseMonth('toMonth', toMonth));
    // UNIQUE (enterprise_id, month) serves the range; the versions come in one query, not one per report.
    const reports: ReportRow[] = await this.dataSource.query('SELECT * FROM reports WHERE enterprise_id = $1::uuid AND month BETWEEN $2 AND $3 ORDER BY month', [id, months[0], months[months.length - 1]]);
    if (reports.length === 0) return [];
    const versions: Array<VersionRow & { report_id: string }> = await this.dataSource.query(
      'SELECT report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, reason, author, created_at FROM report_versions WHERE report_id = ANY($1::uuid[]) ORDER BY report_id, version',
      [reports.map((r) => r.id)],
    );
    const byReport = new Map<string, VersionRow[]>();
    for (const { report_id, ...version } of versions) byReport.set(report_id, [...(byReport.get(report_id) ?? []), version]);
    return reports.map((report) => ({ report, versions: byReport.get(report.id) ?? [] }));
  }

  async reports(monthInput: string, identity: Identity): Promise<ReportWithVersions[]> {
    if (!isAdmin(identity)) throw new RevenueError(RevenueErrorCode.Forbidden, 'only park administrators see every report');
    const month = parseMonth('month', monthInput);
    const rows: ReportRow[] = await this.dataSource.query('SELECT * FROM reports WHERE month = $1 ORDER BY enterprise_id', [month]);
    return Promise.all(rows.map(async (report) => ({ report, versions: await versionsOf(this.dataSource.manager, report.id) })));
  }

  /** Residents that owe a report for the month and have not submitted one. */
  async missing(monthInput: string, identity: Identity): Promise<Array<{ enterpriseId: string; name: string; industry: string }>> {
    if (!isAdmin(identity)) throw new RevenueError(RevenueErrorCode.Forbidden, 'only park administrators see who has not reported');
    const month = parseMonth('month', monthInput);
    const rows: Array<{ id: string; name: string; industry: string }> = await this.dataSource.query(
      `SELECT e.id, e.name, e.industry FROM known_enterprises e
        WHERE e.admitted_month <= $1
          AND (e.status IN ('resident', 'suspended') OR (e.status = 'exited' AND e.exit_month >= $1))
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.enterprise_id = e.id AND r.month = $1 AND r.status IN ('submitted', 'accepted'))
        ORDER BY e.name`,
      [month],
    );
    return rows.map((r) => ({ enterpriseId: r.id, name: r.name, industry: r.industry }));
  }
}

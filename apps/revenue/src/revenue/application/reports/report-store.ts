import type { EntityManager } from 'typeorm';
import type { ReportFigures } from '../../domain/report-figures';
import type { ReportStatus } from '../../domain/report-workflow';

export interface ReportRow {
  id: string;
  enterprise_id: string;
  month: string;
  status: ReportStatus;
  current_version: number;
  accepted_version: number | null;
  idempotency_key: string | null;
  review_comment: string | null;
  anomaly?: string | null;
}

export interface VersionRow {
  version: number;
  revenue_fen: string;
  tax_fen: string;
  employees: number;
  local_hires: number;
  lines: Array<{ line: string; amountFen: string }>;
  kind: 'draft' | 'submission' | 'amendment';
  reason: string | null;
  author: string;
  created_at: Date;
}

export async function lockReport(manager: EntityManager, where: { id: string } | { enterpriseId: string; month: string }): Promise<ReportRow | undefined> {
  const rows: ReportRow[] =
    'id' in where
      ? await manager.query('SELECT * FROM reports WHERE id = $1 FOR UPDATE', [where.id])
      : await manager.query('SELECT * FROM reports WHERE enterprise_id = $1 AND month = $2 FOR UPDATE', [where.enterpriseId, where.month]);
  return rows[0];
}

export async function addVersion(manager: EntityManager, reportId: string, version: number, figures: ReportFigures, kind: VersionRow['kind'], author: string, reason?: string): Promise<void> {
  await manager.query(
    `INSERT INTO report_versions (report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, reason, author) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [reportId, version, figures.revenueFen.toString(), figures.taxFen.toString(), figures.employees, figures.localHires, JSON.stringify(figures.lines.map((l) => ({ line: l.line, amountFen: l.amountFen.toString() }))), kind, reason ?? null, author],
  );
}

export async function versionsOf(manager: EntityManager, reportId: string): Promise<VersionRow[]> {
  return manager.query('SELECT version, revenue_fen, tax_fen, employees, local_hires, lines, kind, reason, author, created_at FROM report_versions WHERE report_id = $1 ORDER BY version', [reportId]);
}

/** The event figures of a version: fen as decimal strings. */
export function eventFigures(report: { id: string; enterpriseId: string; month: string }, version: number, figures: ReportFigures) {
  return {
    reportId: report.id,
    enterpriseId: report.enterpriseId,
    month: report.month,
    version,
    revenueFen: figures.revenueFen.toString(),
    taxFen: figures.taxFen.toString(),
    employees: figures.employees,
    localHires: figures.localHires,
    lines: figures.lines.map((l) => ({ line: l.line, amountFen: l.amountFen.toString() })),
  };
}

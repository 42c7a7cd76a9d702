import type { MultiplierFigure } from '../../application/multiplier/multiplier.queries';
import type { ReportRow, VersionRow } from '../../application/reports/report-store';
import type { MultiplierType, RevenueReportType } from './revenue.types';

export function toReport(report: ReportRow, versions: VersionRow[]): RevenueReportType {
  return {
    id: report.id,
    enterpriseId: report.enterprise_id,
    month: report.month,
    status: report.status,
    currentVersion: report.current_version,
    ...(report.accepted_version ? { acceptedVersion: report.accepted_version } : {}),
    ...(report.review_comment ? { reviewComment: report.review_comment } : {}),
    ...(report.anomaly ? { anomaly: report.anomaly } : {}),
    versions: versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      revenueFen: v.revenue_fen,
      taxFen: v.tax_fen,
      employees: v.employees,
      localHires: v.local_hires,
      lines: v.lines,
      ...(v.reason ? { reason: v.reason } : {}),
      author: v.author,
      createdAt: v.created_at,
    })),
  };
}

/** Fen as decimal strings: exact beyond 2^53, never a float. */
export function toMultiplierType(f: MultiplierFigure): MultiplierType {
  return {
    ...f,
    revenueFen: f.revenueFen.toString(),
    inputFen: f.inputFen.toString(),
    ...(f.multiplier ? { multiplier: f.multiplier } : { multiplier: undefined }),
    series: f.series.map((s) => ({ month: s.month, revenueFen: s.revenueFen.toString(), inputFen: s.inputFen.toString(), ...(s.multiplier ? { multiplier: s.multiplier } : {}) })),
  };
}

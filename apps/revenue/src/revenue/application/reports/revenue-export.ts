import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import { parseMonth } from '../../domain/month';
import { toCsv } from '../../domain/revenue-csv';
import { RevenueError, RevenueErrorCode } from '../../domain/revenue.error';

export const EXPORT_HEADER = ['enterprise_id', 'enterprise_name', 'industry', 'month', 'report_version', 'revenue_fen', 'tax_fen', 'employees', 'local_hires', 'lines'];

/** A month's accepted reports (each at its accepted version) as CSV for the park's statistics office. */
@Injectable()
export class RevenueExport {
  constructor(private readonly dataSource: DataSource) {}

  async csv(monthInput: string, identity: Identity): Promise<string> {
    if (!isAdmin(identity)) throw new RevenueError(RevenueErrorCode.Forbidden, 'only park administrators export reports');
    const month = parseMonth('month', monthInput);
    const rows: Array<{ enterprise_id: string; name: string | null; industry: string | null; version: number; revenue_fen: string; tax_fen: string; employees: number; local_hires: number; lines: Array<{ line: string; amountFen: string }> }> = await this.dataSource.query(
      `SELECT r.enterprise_id, e.name, e.industry, v.version, v.revenue_fen, v.tax_fen, v.employees, v.local_hires, v.lines
         FROM reports r JOIN report_versions v ON v.report_id = r.id AND v.version = r.accepted_version
         LEFT JOIN known_enterprises e ON e.id = r.enterprise_id
        WHERE r.month = $1 AND r.accepted_version IS NOT NULL ORDER BY e.name, r.enterprise_id`,
      [month],
    );
    return toCsv(
      EXPORT_HEADER,
      rows.map((r) => [r.enterprise_id, r.name ?? '', r.industry ?? '', month, r.version, r.revenue_fen, r.tax_fen, r.employees, r.local_hires, r.lines.map((l) => `${l.line}:${l.amountFen}`).join(';')]),
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@valley/platform';
import { reportDeadline } from '../../domain/deadline';
import { RevenueError, RevenueErrorCode } from '../../domain/revenue.error';
import { DUE_DAY } from '../../revenue.tokens';
import { requireAdmin } from '../revenue-access';

export interface OverdueReport {
  enterpriseId: string;
  name: string;
  industry: string;
  month: string;
  deadline: string;
  raisedAt: Date;
}

export const MAX_OVERDUE_PAGE = 500;

/** A WHERE clause over overdue_notices n: the notices whose report is still not in (submitted or accepted). */
const STILL_MISSING = `NOT EXISTS (SELECT 1 FROM reports r WHERE r.enterprise_id = n.enterprise_id AND r.month = n.month AND r.status IN ('submitted', 'accepted'))`;

/**
 * Which enterprise owes which month now: the overdue notices the service
 * raised (once per enterprise and month, see OverdueService) whose report has
 * still not come in. A report submitted late clears its line.
 */
@Injectable()
export class OverdueReportQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DUE_DAY) private readonly dueDay: number,
  ) {}

  /** Oldest month first, then by name; at most `first` (1 to 500). */
  async list(first: number, identity: Identity): Promise<OverdueReport[]> {
    requireAdmin(identity, 'see overdue reports');
    if (!Number.isInteger(first) || first < 1 || first > MAX_OVERDUE_PAGE) throw new RevenueError(RevenueErrorCode.InvalidInput, `first: must be a whole number from 1 to ${MAX_OVERDUE_PAGE}, got ${first}`, 'first');
    const rows: Array<{ enterprise_id: string; month: string; raised_at: Date; name: string | null; industry: string | null }> = await this.dataSource.query(
      `SELECT n.enterprise_id, n.month, n.raised_at, e.name, e.industry
         FROM overdue_notices n LEFT JOIN known_enterprises e ON e.id = n.enterprise_id
        WHERE ${STILL_MISSING}
        ORDER BY n.month, e.name, n.enterprise_id LIMIT $1`,
      [first],
    );
    return rows.map((r) => ({ enterpriseId: r.enterprise_id, name: r.name ?? 'unknown', industry: r.industry ?? 'unknown', month: r.month, deadline: reportDeadline(r.month, this.dueDay), raisedAt: r.raised_at }));
  }

  async count(identity: Identity): Promise<number> {
    requireAdmin(identity, 'see overdue reports');
    const [row] = await this.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM overdue_notices n WHERE ${STILL_MISSING}`);
    return row?.n ?? 0;
  }
}

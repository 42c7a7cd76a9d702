import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import { monthsBetween, parseMonth } from '../../domain/month';
import { multiplierText, sumFigures } from '../../domain/multiplier';
import { checkUuid, RevenueError, RevenueErrorCode } from '../../domain/revenue.error';

export type MultiplierScope = 'park' | 'industry' | 'enterprise';

export interface MultiplierFigure {
  /** The industry or enterprise id; 'park' for the park as a whole. */
  key: string;
  revenueFen: bigint;
  inputFen: bigint;
  multiplier: string | null;
  enterprises: number;
  series: Array<{ month: string; revenueFen: bigint; inputFen: bigint; multiplier: string | null }>;
  lineage: Array<{ enterpriseId: string; month: string; reportVersion: number; chargeRevision: number }>;
}

interface PairRow {
  enterprise_id: string;
  industry: string;
  month: string;
  revenue_fen: string;
  report_version: number;
  charge_fen: string;
  charge_revision: number;
}

const MAX_LINEAGE = 500;

/**
 * Yuan of resident revenue per yuan of data-element input, over the same
 * enterprises and months: each pair of an accepted report (its latest accepted
 * version) and a charge (its highest revision). Exact bigint sums; the ratio is
 * rounded only for display.
 */
@Injectable()
export class MultiplierQueries {
  constructor(private readonly dataSource: DataSource) {}

  async figures(scope: MultiplierScope, fromMonth: string, toMonth: string, identity: Identity, enterpriseId?: string): Promise<MultiplierFigure[]> {
    const months = monthsBetween(parseMonth('fromMonth', fromMonth), parseMonth('toMonth', toMonth));
    if (enterpriseId !== undefined) checkUuid('enterpriseId', enterpriseId);
    if (!isAdmin(identity)) {
      if (scope !== 'enterprise' || !identity.enterpriseId || (enterpriseId && enterpriseId !== identity.enterpriseId)) throw new RevenueError(RevenueErrorCode.Forbidden, 'an enterprise sees only its own multiplier');
      enterpriseId = identity.enterpriseId;
    }
    const pairs: PairRow[] = await this.dataSource.query(
      `SELECT r.enterprise_id, coalesce(e.industry, 'unknown') AS industry, r.month, v.revenue_fen, v.version AS report_version, d.charge_fen, d.revision AS charge_revision
         FROM reports r
         JOIN report_versions v ON v.report_id = r.id AND v.version = r.accepted_version
         JOIN data_element_input d ON d.enterprise_id = r.enterprise_id AND d.month = r.month
         LEFT JOIN known_enterprises e ON e.id = r.enterprise_id
        WHERE r.accepted_version IS NOT NULL AND r.month BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR r.enterprise_id = $3::uuid)
        ORDER BY r.month, r.enterprise_id`,
      [months[0], months[months.length - 1], enterpriseId ?? null],
    );
    const groups = new Map<string, PairRow[]>();
    for (const p of pairs) {
      const key = scope === 'park' ? 'park' : scope === 'industry' ? p.industry : p.enterprise_id;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    if (scope === 'park' && groups.size === 0) groups.set('park', []);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, rows]) => this.figure(key, rows, months));
  }

  private figure(key: string, rows: PairRow[], months: string[]): MultiplierFigure {
    const total = sumFigures(rows.map((r) => ({ revenueFen: BigInt(r.revenue_fen), inputFen: BigInt(r.charge_fen) })));
    const series = months.map((month) => {
      const m = sumFigures(rows.filter((r) => r.month === month).map((r) => ({ revenueFen: BigInt(r.revenue_fen), inputFen: BigInt(r.charge_fen) })));
      return { month, ...m, multiplier: multiplierText(m) };
    });
    return {
      key,
      ...total,
      multiplier: multiplierText(total),
      enterprises: new Set(rows.map((r) => r.enterprise_id)).size,
      series,
      lineage: rows.slice(0, MAX_LINEAGE).map((r) => ({ enterpriseId: r.enterprise_id, month: r.month, reportVersion: r.report_version, chargeRevision: r.charge_revision })),
    };
  }
}

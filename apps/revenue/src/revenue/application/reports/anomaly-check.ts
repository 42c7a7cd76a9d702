import type { EntityManager } from 'typeorm';
import { detectAnomaly, type AnomalyThresholds } from '../../domain/anomaly';
import { monthsBetween } from '../../domain/month';

/**
 * Compares a month's revenue and data usage with the month before (its
 * accepted report and charge): revenue moving sharply while usage stays flat,
 * or the reverse, flags the report for review with the reason.
 */
export async function anomalyOf(manager: EntityManager, enterpriseId: string, month: string, revenueFen: bigint, thresholds?: AnomalyThresholds): Promise<string | undefined> {
  const previousMonth = monthsBetween(shiftBack(month), month)[0]!;
  const rows: Array<{ month: string; revenue_fen: string | null; billable_bytes: string | null }> = await manager.query(
    `SELECT d.month, v.revenue_fen, d.billable_bytes
       FROM data_element_input d
       LEFT JOIN reports r ON r.enterprise_id = d.enterprise_id AND r.month = d.month AND r.accepted_version IS NOT NULL
       LEFT JOIN report_versions v ON v.report_id = r.id AND v.version = r.accepted_version
      WHERE d.enterprise_id = $1 AND d.month IN ($2, $3)`,
    [enterpriseId, previousMonth, month],
  );
  const current = rows.find((r) => r.month === month);
  const previous = rows.find((r) => r.month === previousMonth);
  if (!current?.billable_bytes || !previous?.billable_bytes || previous.revenue_fen === null) return undefined;
  return detectAnomaly({ revenueFen, usageBytes: BigInt(current.billable_bytes) }, { revenueFen: BigInt(previous.revenue_fen), usageBytes: BigInt(previous.billable_bytes) }, thresholds);
}

function shiftBack(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

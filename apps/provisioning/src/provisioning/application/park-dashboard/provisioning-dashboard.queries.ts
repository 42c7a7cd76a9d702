import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@valley/platform';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';
import { requireAdmin } from '../pools/pool.service';

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
export const MAX_ALERTS_PAGE = 1000;
const DASHBOARD = 'see the park dashboard';

export interface PoolLoadRow {
  id: string;
  name: string;
  region: string;
  capacityMbps: number;
  monthlyTrafficCapBytes: string;
  costPriceFenPerGb: string;
  allocatedMbps: number;
  utilisationPercent: number;
}

export interface QuotaAlertRow {
  enterpriseId: string;
  enterpriseName: string;
  industry: string;
  allocationId: string;
  month: string;
  thresholdPercent: number;
  usedBytes: string;
  includedBytes: string;
  reachedAt: Date;
}

function checkMonth(month: string): string {
  if (!MONTH.test(month)) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `month: must be YYYY-MM, got ${JSON.stringify(month.slice(0, 40))}`, 'month');
  return month;
}

/** The flow part of the park dashboard, administrators only. */
@Injectable()
export class ProvisioningDashboardQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Capacity against what active and suspended allocations hold, per pool.
   * One statement, no row locks: a dashboard must not queue behind (or hold up)
   * the allocations that lock the pools to place bandwidth.
   */
  async poolUtilisation(identity: Identity): Promise<PoolLoadRow[]> {
    requireAdmin(identity, DASHBOARD);
    const rows: Array<{ id: string; name: string; region: string; capacity_mbps: number; monthly_traffic_cap_bytes: string; cost_price_fen_per_gb: string; allocated_mbps: number }> = await this.dataSource.query(
      `SELECT p.id, p.name, p.region, p.capacity_mbps, p.monthly_traffic_cap_bytes::text, p.cost_price_fen_per_gb::text,
              coalesce((SELECT sum(a.bandwidth_mbps) FROM allocations a WHERE a.pool_id = p.id AND a.status IN ('active', 'suspended')), 0)::int AS allocated_mbps
         FROM pools p ORDER BY p.name`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      region: r.region,
      capacityMbps: r.capacity_mbps,
      monthlyTrafficCapBytes: r.monthly_traffic_cap_bytes,
      costPriceFenPerGb: r.cost_price_fen_per_gb,
      allocatedMbps: r.allocated_mbps,
      utilisationPercent: Math.round((r.allocated_mbps * 1000) / r.capacity_mbps) / 10,
    }));
  }

  /** The month's 80 and 100 percent alerts, newest first, at most `first` (1 to 1,000). */
  async quotaAlerts(month: string, first: number, identity: Identity): Promise<QuotaAlertRow[]> {
    requireAdmin(identity, DASHBOARD);
    checkMonth(month);
    if (!Number.isInteger(first) || first < 1 || first > MAX_ALERTS_PAGE) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `first: must be a whole number from 1 to ${MAX_ALERTS_PAGE}, got ${first}`, 'first');
    const rows: Array<{ enterprise_id: string; name: string; industry: string; allocation_id: string; month: string; threshold: number; used_bytes: string; included_bytes: string; reached_at: Date }> = await this.dataSource.query(
      `SELECT a.enterprise_id, e.name, e.industry, q.allocation_id, q.month, q.threshold, q.used_bytes::text, a.monthly_included_bytes::text AS included_bytes, q.reached_at
         FROM quota_alerts q JOIN allocations a ON a.id = q.allocation_id JOIN known_enterprises e ON e.id = a.enterprise_id
        WHERE q.month = $1
        ORDER BY q.reached_at DESC, q.threshold DESC, q.allocation_id LIMIT $2`,
      [month, first],
    );
    return rows.map((r) => ({
      enterpriseId: r.enterprise_id,
      enterpriseName: r.name,
      industry: r.industry,
      allocationId: r.allocation_id,
      month: r.month,
      thresholdPercent: r.threshold,
      usedBytes: r.used_bytes,
      includedBytes: r.included_bytes,
      reachedAt: r.reached_at,
    }));
  }

  async quotaAlertCount(month: string, identity: Identity): Promise<number> {
    requireAdmin(identity, DASHBOARD);
    const [row] = await this.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM quota_alerts WHERE month = $1', [checkMonth(month)]);
    return row?.n ?? 0;
  }
}

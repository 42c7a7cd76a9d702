import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import type { OveragePolicy } from '../../domain/overage-policy';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';
import { quotaPercent } from '../../domain/quota';
import { requireAdmin } from '../pools/pool.service';

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

export type OverageState = 'within-quota' | 'blocked' | 'throttled' | 'billing-overage';

export interface MonthUsage {
  enterpriseId: string;
  month: string;
  allocationId?: string;
  usedBytes: bigint;
  includedBytes: bigint;
  quotaPercent: number;
  overageState: OverageState;
  daily: Array<{ day: string; bytesIn: bigint; bytesOut: bigint }>;
}

export interface ChargeRow {
  enterpriseId: string;
  month: string;
  revision: number;
  billableBytes: string;
  chargeFen: string;
  marketValueFen: string;
  savingFen: string;
  computedAt: Date;
}

export interface InputByIndustry {
  month: string;
  industry: string;
  enterprises: number;
  billableBytes: string;
  chargeFen: string;
  savingFen: string;
}

function checkMonth(field: string, month: string): string {
  if (!MONTH.test(month)) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `${field}: must be YYYY-MM`, field);
  return month;
}

/** The overage policy applied: what a resident past its quota sees. */
export function overageState(used: bigint, included: bigint, policy: OveragePolicy): OverageState {
  if (used < included || included === 0n) return 'within-quota';
  return policy === 'block' ? 'blocked' : policy === 'throttle' ? 'throttled' : 'billing-overage';
}

@Injectable()
export class UsageQueries {
  constructor(private readonly dataSource: DataSource) {}

  async usage(enterpriseId: string, month: string, identity: Identity): Promise<MonthUsage> {
    checkMonth('month', month);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(enterpriseId)) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, 'enterpriseId: must be a UUID', 'enterpriseId');
    if (!isAdmin(identity) && identity.enterpriseId !== enterpriseId) throw new ProvisioningError(ProvisioningErrorCode.NotFound, `no usage of enterprise ${enterpriseId}`, 'enterpriseId');
    const rows: Array<{ allocation_id: string; used_bytes: string | null; monthly_included_bytes: string; overage_policy: OveragePolicy }> = await this.dataSource.query(
      `SELECT a.id AS allocation_id, um.used_bytes, a.monthly_included_bytes, pv.overage_policy
         FROM allocations a JOIN plan_versions pv ON pv.plan_id = a.plan_id AND pv.version = a.plan_version
         LEFT JOIN usage_monthly um ON um.allocation_id = a.id AND um.month = $2
        WHERE a.enterprise_id = $1::uuid ORDER BY (a.status = 'revoked'), a.created_at DESC LIMIT 1`,
      [enterpriseId, month],
    );
    const row = rows[0];
    if (!row) return { enterpriseId, month, usedBytes: 0n, includedBytes: 0n, quotaPercent: 0, overageState: 'within-quota', daily: [] };
    const used = BigInt(row.used_bytes ?? '0');
    const included = BigInt(row.monthly_included_bytes);
    const daily: Array<{ day: string; bytes_in: string; bytes_out: string }> = await this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, bytes_in, bytes_out FROM usage_daily WHERE allocation_id = $1 AND to_char(day, 'YYYY-MM') = $2 ORDER BY day`,
      [row.allocation_id, month],
    );
    return {
      enterpriseId,
      month,
      allocationId: row.allocation_id,
      usedBytes: used,
      includedBytes: included,
      quotaPercent: quotaPercent(used, included),
      overageState: overageState(used, included, row.overage_policy),
      daily: daily.map((d) => ({ day: d.day, bytesIn: BigInt(d.bytes_in), bytesOut: BigInt(d.bytes_out) })),
    };
  }

  /** The latest revision of each enterprise's charge for a month; an enterprise user sees its own. */
  async charges(month: string, identity: Identity): Promise<ChargeRow[]> {
    checkMonth('month', month);
    const own = isAdmin(identity) ? null : identity.enterpriseId ?? '00000000-0000-0000-0000-000000000000';
    const rows: Array<Record<string, string | number | Date>> = await this.dataSource.query(
      `SELECT DISTINCT ON (enterprise_id) enterprise_id, month, revision, billable_bytes, charge_fen, market_value_fen, saving_fen, computed_at
         FROM monthly_charges WHERE month = $1 AND ($2::uuid IS NULL OR enterprise_id = $2::uuid)
        ORDER BY enterprise_id, revision DESC`,
      [month, own],
    );
    return rows.map((r) => ({
      enterpriseId: String(r['enterprise_id']),
      month: String(r['month']),
      revision: Number(r['revision']),
      billableBytes: String(r['billable_bytes']),
      chargeFen: String(r['charge_fen']),
      marketValueFen: String(r['market_value_fen']),
      savingFen: String(r['saving_fen']),
      computedAt: r['computed_at'] as Date,
    }));
  }

  /** Park-wide data-element input by month and industry (latest revisions), exact integer fen. */
  async inputByIndustry(fromMonth: string, toMonth: string, identity: Identity): Promise<InputByIndustry[]> {
    requireAdmin(identity, 'see park-wide figures');
    checkMonth('fromMonth', fromMonth);
    checkMonth('toMonth', toMonth);
    const rows: Array<{ month: string; industry: string; enterprises: number; billable_bytes: string; charge_fen: string; saving_fen: string }> = await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (enterprise_id, month) enterprise_id, month, billable_bytes, charge_fen, saving_fen
           FROM monthly_charges WHERE month BETWEEN $1 AND $2 ORDER BY enterprise_id, month, revision DESC)
       SELECT l.month, coalesce(e.industry, 'unknown') AS industry, count(*)::int AS enterprises,
              sum(l.billable_bytes)::text AS billable_bytes, sum(l.charge_fen)::text AS charge_fen, sum(l.saving_fen)::text AS saving_fen
         FROM latest l LEFT JOIN known_enterprises e ON e.id = l.enterprise_id
        GROUP BY l.month, coalesce(e.industry, 'unknown') ORDER BY l.month, industry`,
      [fromMonth, toMonth],
    );
    return rows.map((r) => ({ month: r.month, industry: r.industry, enterprises: r.enterprises, billableBytes: r.billable_bytes, chargeFen: r.charge_fen, savingFen: r.saving_fen }));
  }
}

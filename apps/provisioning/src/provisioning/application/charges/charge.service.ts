import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parkMonthOf } from '@valley/contracts';
import { OutboxWriter, type TraceContext } from '@valley/messaging';
import { computeCharge, sumCharges, type Charge } from '../../domain/charge';
import type { OveragePolicy } from '../../domain/overage-policy';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';

interface LineRow {
  allocation_id: string;
  plan_id: string;
  plan_version: number;
  used_bytes: string;
  monthly_included_bytes: string;
  park_price_fen_per_gb: string;
  market_price_fen_per_gb: string;
  overage_policy: OveragePolicy;
}

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/**
 * Monthly charges: an enterprise's data-element input for a month = its
 * billable bytes × the park price of each allocation's plan version (+ overage
 * per policy), with the saving against the market price. A recompute (a late
 * record) publishes revision n+1; earlier revisions stay as they were.
 */
@Injectable()
export class ChargeService {
  constructor(private readonly outbox: OutboxWriter) {}

  async computeAndPublish(manager: EntityManager, enterpriseId: string, month: string, trace: TraceContext = {}): Promise<{ revision: number; total: Charge }> {
    // One computation per enterprise and month at a time, also across instances.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`charge:${enterpriseId}:${month}`]);
    const rows: LineRow[] = await manager.query(
      `SELECT um.allocation_id, a.plan_id, a.plan_version, um.used_bytes, pv.monthly_included_bytes, pv.park_price_fen_per_gb, pv.market_price_fen_per_gb, pv.overage_policy
         FROM usage_monthly um
         JOIN allocations a ON a.id = um.allocation_id
         JOIN plan_versions pv ON pv.plan_id = a.plan_id AND pv.version = a.plan_version
        WHERE a.enterprise_id = $1 AND um.month = $2
        ORDER BY um.allocation_id`,
      [enterpriseId, month],
    );
    const lines = rows.map((r) => ({
      row: r,
      charge: computeCharge({
        usedBytes: BigInt(r.used_bytes),
        includedBytes: BigInt(r.monthly_included_bytes),
        parkPriceFenPerGb: BigInt(r.park_price_fen_per_gb),
        marketPriceFenPerGb: BigInt(r.market_price_fen_per_gb),
        overagePolicy: r.overage_policy,
      }),
    }));
    const total = sumCharges(lines.map((l) => l.charge));
    const previous: Array<{ revision: number | null }> = await manager.query('SELECT max(revision) AS revision FROM monthly_charges WHERE enterprise_id = $1 AND month = $2', [enterpriseId, month]);
    const revision = (previous[0]?.revision ?? 0) + 1;
    const eventLines = lines.map(({ row, charge }) => ({
      allocationId: row.allocation_id,
      planId: row.plan_id,
      planVersion: row.plan_version,
      billableBytes: charge.billableBytes.toString(),
      overageBytes: charge.overageBytes.toString(),
      chargeFen: charge.chargeFen.toString(),
      marketValueFen: charge.marketValueFen.toString(),
    }));
    const at = new Date();
    await manager.query(
      `INSERT INTO monthly_charges (enterprise_id, month, revision, billable_bytes, charge_fen, market_value_fen, saving_fen, lines, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [enterpriseId, month, revision, total.billableBytes.toString(), total.chargeFen.toString(), total.marketValueFen.toString(), total.savingFen.toString(), JSON.stringify(eventLines), at],
    );
    await this.outbox.publishAll(
      manager,
      [
        {
          type: 'valley.flow.monthly-charges-computed.v1',
          data: {
            enterpriseId,
            month,
            revision,
            billableBytes: total.billableBytes.toString(),
            chargeFen: total.chargeFen.toString(),
            marketValueFen: total.marketValueFen.toString(),
            savingFen: total.savingFen.toString(),
            lines: eventLines,
            computedAt: at.toISOString(),
          },
        },
      ],
      trace,
    );
    return { revision, total };
  }

  /**
   * Closes a past month: charges for every enterprise with usage in it. Only
   * one closer wins (the closed_months row), so two instances or a repeated
   * call compute each charge once; records arriving later recompute theirs.
   */
  async closeMonth(manager: EntityManager, month: string, now = new Date()): Promise<{ closed: boolean; enterprises: number }> {
    if (!MONTH.test(month)) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, 'month: must be YYYY-MM', 'month');
    if (month >= parkMonthOf(now)) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `month: ${month} is not over yet (Asia/Shanghai)`, 'month');
    const claimed: unknown[] = await manager.query('INSERT INTO closed_months (month) VALUES ($1) ON CONFLICT DO NOTHING RETURNING month', [month]);
    if (claimed.length === 0) return { closed: false, enterprises: 0 };
    const enterprises: Array<{ enterprise_id: string }> = await manager.query(
      `SELECT DISTINCT a.enterprise_id FROM usage_monthly um JOIN allocations a ON a.id = um.allocation_id WHERE um.month = $1 ORDER BY a.enterprise_id`,
      [month],
    );
    for (const { enterprise_id } of enterprises) await this.computeAndPublish(manager, enterprise_id, month);
    return { closed: true, enterprises: enterprises.length };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UsageRecordV1 } from '@valley/contracts';
import { OutboxWriter, PermanentMessageError, type PendingEvent, type TraceContext } from '@valley/messaging';
import { thresholdsCrossed } from '../../domain/quota';
import { parseNonNegativeBigInt } from '../../domain/units';
import { checkUsageWindow, usageDayOf } from '../../domain/usage-window';
import { UserError } from '@valley/platform';
import { ChargeService } from '../charges/charge.service';

export interface IncomingUsage {
  /** The inbox id: `<carrierId>:<recordId>`. */
  messageId: string;
  record: UsageRecordV1;
}

/** A record that passed the window and byte rules, with its park day and month worked out once. */
export interface Checked {
  messageId: string;
  record: UsageRecordV1;
  enterpriseId: string;
  day: string;
  month: string;
  bytesIn: bigint;
  bytesOut: bigint;
}

interface AllocationRow {
  id: string;
  enterprise_id: string;
  monthly_included_bytes: string;
  overage_policy: 'block' | 'throttle' | 'bill';
}

/**
 * Usage records into per-allocation aggregates, a chunk at a time: one
 * statement per table, not one per record. Records of enterprises not known
 * yet are parked; thresholds fire once (unique key); a record for a month
 * already charged recomputes that charge as a new revision.
 */
@Injectable()
export class UsageIngestService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly charges: ChargeService,
  ) {}

  /** Throws PermanentMessageError for an invalid record: the consumer dead-letters it and applies the rest. */
  check(usage: IncomingUsage, now = new Date()): Checked {
    try {
      const window = checkUsageWindow(usage.record.windowStart, usage.record.windowEnd, now);
      // One time-zone conversion per record: the month is the start day's (usageMonthOf's rule).
      const day = usageDayOf(window);
      return {
        messageId: usage.messageId,
        record: usage.record,
        enterpriseId: usage.record.enterpriseId,
        day,
        month: day.slice(0, 7),
        bytesIn: parseNonNegativeBigInt('bytesIn', usage.record.bytesIn),
        bytesOut: parseNonNegativeBigInt('bytesOut', usage.record.bytesOut),
      };
    } catch (err) {
      if (err instanceof UserError) throw new PermanentMessageError(`invalid usage record: ${err.message}`);
      throw err;
    }
  }

  async apply(manager: EntityManager, batch: IncomingUsage[], trace: TraceContext = {}): Promise<void> {
    const now = new Date();
    await this.applyChecked(manager, batch.map((u) => this.check(u, now)), trace);
  }

  /** Records the consumer's decoder already checked: the hot path does not parse them twice. */
  async applyChecked(manager: EntityManager, checked: Checked[], trace: TraceContext = {}): Promise<void> {
    if (checked.length === 0) return;
    const allocations = await this.allocationsOf(manager, [...new Set(checked.map((c) => c.enterpriseId))]);
    const known = checked.filter((c) => allocations.has(c.enterpriseId));
    await this.park(manager, checked.filter((c) => !allocations.has(c.enterpriseId)));
    if (known.length === 0) return;
    await this.addDaily(manager, known, allocations);
    const events = await this.addMonthlyAndAlert(manager, known, allocations);
    if (events.length > 0) await this.outbox.publishAll(manager, events, trace);
    await this.recomputeClosedMonths(manager, known, trace);
  }

  /** When an enterprise arrives (its allocation exists now), its parked records are applied. */
  async applyParked(manager: EntityManager, enterpriseId: string, trace: TraceContext = {}): Promise<number> {
    // A CTE, so the driver hands back rows (a bare DELETE … RETURNING comes back as [rows, count]).
    const parked: Array<{ message_id: string; record: UsageRecordV1 }> = await manager.query(
      'WITH taken AS (DELETE FROM parked_usage_records WHERE enterprise_id = $1 RETURNING message_id, record, parked_at) SELECT message_id, record FROM taken ORDER BY parked_at, message_id',
      [enterpriseId],
    );
    await this.apply(manager, parked.map((p) => ({ messageId: p.message_id, record: p.record })), trace);
    return parked.length;
  }

  /** The enterprise's current allocation (pending, active or suspended), else its latest one. */
  private async allocationsOf(manager: EntityManager, enterpriseIds: string[]): Promise<Map<string, AllocationRow>> {
    const rows: AllocationRow[] = await manager.query(
      `SELECT DISTINCT ON (a.enterprise_id) a.id, a.enterprise_id, a.monthly_included_bytes, pv.overage_policy
         FROM allocations a JOIN plan_versions pv ON pv.plan_id = a.plan_id AND pv.version = a.plan_version
        WHERE a.enterprise_id = ANY($1)
        ORDER BY a.enterprise_id, (a.status = 'revoked'), a.created_at DESC`,
      [enterpriseIds],
    );
    return new Map(rows.map((r) => [r.enterprise_id, r]));
  }

  private async park(manager: EntityManager, unknown: Checked[]): Promise<void> {
    if (unknown.length === 0) return;
    await manager.query(
      `INSERT INTO parked_usage_records (message_id, enterprise_id, record)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::jsonb[]) ON CONFLICT DO NOTHING`,
      [unknown.map((u) => u.messageId), unknown.map((u) => u.enterpriseId), unknown.map((u) => JSON.stringify(u.record))],
    );
  }

  private async addDaily(manager: EntityManager, known: Checked[], allocations: Map<string, AllocationRow>): Promise<void> {
    const sums = new Map<string, { allocationId: string; day: string; bytesIn: bigint; bytesOut: bigint; records: number }>();
    for (const c of known) {
      const allocationId = allocations.get(c.enterpriseId)!.id;
      const key = `${allocationId}|${c.day}`;
      const sum = sums.get(key) ?? { allocationId, day: c.day, bytesIn: 0n, bytesOut: 0n, records: 0 };
      sum.bytesIn += c.bytesIn;
      sum.bytesOut += c.bytesOut;
      sum.records += 1;
      sums.set(key, sum);
    }
    const rows = [...sums.values()];
    await manager.query(
      `INSERT INTO usage_daily (allocation_id, day, bytes_in, bytes_out, records)
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::numeric[], $4::numeric[], $5::bigint[])
       ON CONFLICT (allocation_id, day) DO UPDATE SET bytes_in = usage_daily.bytes_in + EXCLUDED.bytes_in, bytes_out = usage_daily.bytes_out + EXCLUDED.bytes_out, records = usage_daily.records + EXCLUDED.records`,
      [rows.map((r) => r.allocationId), rows.map((r) => r.day), rows.map((r) => r.bytesIn.toString()), rows.map((r) => r.bytesOut.toString()), rows.map((r) => r.records)],
    );
  }

  /** Adds to the month and fires the thresholds this chunk crossed: from the row's new total back to its old one. */
  private async addMonthlyAndAlert(manager: EntityManager, known: Checked[], allocations: Map<string, AllocationRow>): Promise<PendingEvent[]> {
    const sums = new Map<string, { allocation: AllocationRow; month: string; bytes: bigint; records: number }>();
    for (const c of known) {
      const allocation = allocations.get(c.enterpriseId)!;
      const key = `${allocation.id}|${c.month}`;
      const sum = sums.get(key) ?? { allocation, month: c.month, bytes: 0n, records: 0 };
      sum.bytes += c.bytesIn + c.bytesOut;
      sum.records += 1;
      sums.set(key, sum);
    }
    const rows = [...sums.values()];
    const totals: Array<{ allocation_id: string; month: string; used_bytes: string }> = await manager.query(
      `INSERT INTO usage_monthly (allocation_id, month, used_bytes, records)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::bigint[])
       ON CONFLICT (allocation_id, month) DO UPDATE SET used_bytes = usage_monthly.used_bytes + EXCLUDED.used_bytes, records = usage_monthly.records + EXCLUDED.records
       RETURNING allocation_id, month, used_bytes`,
      [rows.map((r) => r.allocation.id), rows.map((r) => r.month), rows.map((r) => r.bytes.toString()), rows.map((r) => r.records)],
    );
    const events: PendingEvent[] = [];
    for (const total of totals) {
      const sum = sums.get(`${total.allocation_id}|${total.month}`)!;
      const after = BigInt(total.used_bytes);
      const included = BigInt(sum.allocation.monthly_included_bytes);
      for (const threshold of thresholdsCrossed(after - sum.bytes, after, included)) {
        const fired: unknown[] = await manager.query(
          'INSERT INTO quota_alerts (allocation_id, month, threshold, used_bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING threshold',
          [total.allocation_id, total.month, threshold, total.used_bytes],
        );
        if (fired.length === 0) continue;
        events.push({
          type: 'valley.flow.quota-threshold-reached.v1',
          data: {
            allocationId: total.allocation_id,
            enterpriseId: sum.allocation.enterprise_id,
            month: total.month,
            thresholdPercent: threshold,
            usedBytes: total.used_bytes,
            includedBytes: included.toString(),
            overagePolicy: sum.allocation.overage_policy,
            reachedAt: new Date().toISOString(),
          },
        });
      }
    }
    return events;
  }

  private async recomputeClosedMonths(manager: EntityManager, known: Checked[], trace: TraceContext): Promise<void> {
    const months = [...new Set(known.map((c) => c.month))];
    const closed: Array<{ month: string }> = await manager.query('SELECT month FROM closed_months WHERE month = ANY($1)', [months]);
    const closedSet = new Set(closed.map((c) => c.month));
    const touched = new Set(known.filter((c) => closedSet.has(c.month)).map((c) => `${c.enterpriseId}|${c.month}`));
    for (const key of [...touched].sort()) {
      const [enterpriseId, month] = key.split('|') as [string, string];
      await this.charges.computeAndPublish(manager, enterpriseId, month, trace);
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parkMonthOf } from '@valley/contracts';
import { OutboxWriter } from '@valley/messaging';
import { isOverdue, reportDeadline } from '../../domain/deadline';
import { monthsBetween } from '../../domain/month';
import { DUE_DAY } from '../../revenue.tokens';

/** Months looked back at each run: a missed run (downtime) is caught up on the next. */
const LOOKBACK_MONTHS = 3;

/**
 * Raises `report-overdue` once per enterprise and month when a resident has not
 * reported by the deadline. The notice's primary key makes it once, also with
 * several instances running the same check.
 */
@Injectable()
export class OverdueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(DUE_DAY) private readonly dueDay: number,
  ) {}

  async raiseOverdue(now = new Date()): Promise<number> {
    const current = parkMonthOf(now);
    const months = monthsBetween(shift(current, -LOOKBACK_MONTHS), shift(current, -1)).filter((m) => isOverdue(m, now, this.dueDay));
    let raised = 0;
    for (const month of months) {
      raised += await this.dataSource.transaction(async (m) => {
        const fresh: Array<{ enterprise_id: string }> = await m.query(
          `INSERT INTO overdue_notices (enterprise_id, month)
           SELECT e.id, $1 FROM known_enterprises e
            WHERE e.admitted_month <= $1
              AND (e.status IN ('resident', 'suspended') OR (e.status = 'exited' AND e.exit_month >= $1))
              AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.enterprise_id = e.id AND r.month = $1 AND r.status IN ('submitted', 'accepted'))
           ON CONFLICT DO NOTHING
           RETURNING enterprise_id`,
          [month],
        );
        const deadline = reportDeadline(month, this.dueDay);
        await this.outbox.publishAll(m, fresh.map((f) => ({ type: 'valley.revenue.report-overdue.v1' as const, data: { enterpriseId: f.enterprise_id, month, deadline, detectedAt: now.toISOString() } })));
        return fresh.length;
      });
    }
    return raised;
  }
}

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { parkMonthOf } from '@valley/contracts';
import { JSON_LOGGER } from '@valley/platform';
import { ChargeService } from '../../application/charges/charge.service';

const CHECK_EVERY_MS = 10 * 60_000;

/** The month before this one (Asia/Shanghai). */
export function previousMonth(now: Date): string {
  const [y, m] = parkMonthOf(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Closes last month once it is over, checking every ten minutes. Safe with
 * several instances: the closed_months row decides which one computes.
 */
@Injectable()
export class MonthCloseScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly charges: ChargeService,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async tick(now = new Date()): Promise<void> {
    const month = previousMonth(now);
    try {
      const result = await this.dataSource.transaction((m) => this.charges.closeMonth(m, month, now));
      if (result.closed) this.logger.info({ month, enterprises: result.enterprises }, 'month closed: charges computed');
    } catch (err) {
      this.logger.error({ err, month }, 'closing the month failed; will try again');
    }
  }
}

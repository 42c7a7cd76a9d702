import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { JSON_LOGGER } from '@valley/platform';
import { OverdueService } from '../../application/reports/overdue.service';

const CHECK_EVERY_MS = 15 * 60_000;

/** Checks for overdue reports every quarter of an hour (and once at start). */
@Injectable()
export class OverdueScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly overdue: OverdueService,
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
    try {
      const raised = await this.overdue.raiseOverdue(now);
      if (raised > 0) this.logger.info({ raised }, 'overdue revenue reports raised');
    } catch (err) {
      this.logger.error({ err }, 'checking overdue reports failed; will try again');
    }
  }
}

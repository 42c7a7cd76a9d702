import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { JSON_LOGGER } from '@valley/platform';

const COMPACT_EVERY_MS = 30_000;

/**
 * Folds the multiplier's appended (industry, month) changes into one row per
 * industry and month every half minute, so the dashboard's queries stay at a
 * few hundred rows. Safe with several instances (the function takes a lock).
 */
@Injectable()
export class MultiplierCompactionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), COMPACT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many rows were folded away. */
  async tick(): Promise<number> {
    try {
      const rows: Array<{ folded: number }> = await this.dataSource.query('SELECT compact_multiplier_deltas() AS folded');
      const folded = rows[0]?.folded ?? 0;
      if (folded > 0) this.logger.debug({ folded }, 'multiplier totals compacted');
      return folded;
    } catch (err) {
      this.logger.error({ err }, 'compacting the multiplier totals failed; will try again');
      return 0;
    }
  }
}

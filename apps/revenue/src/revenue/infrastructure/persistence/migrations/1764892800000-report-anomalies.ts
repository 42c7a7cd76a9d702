import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a report was flagged for review (revenue and data usage moving apart), if it was. */
export class ReportAnomalies1764892800000 implements MigrationInterface {
  name = 'ReportAnomalies1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE reports ADD COLUMN anomaly text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE reports DROP COLUMN anomaly');
  }
}

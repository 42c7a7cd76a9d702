import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the dashboard and the Enterprise entity: a month's quota alerts without
 * reading every month's (the key leads with the allocation), and one
 * enterprise's allocations, revoked ones included (the unique index covers
 * only the live one).
 */
export class DashboardIndexes1765065600000 implements MigrationInterface {
  name = 'DashboardIndexes1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX quota_alerts_month ON quota_alerts (month, reached_at)');
    await q.query('CREATE INDEX allocations_enterprise ON allocations (enterprise_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX allocations_enterprise');
    await q.query('DROP INDEX quota_alerts_month');
  }
}

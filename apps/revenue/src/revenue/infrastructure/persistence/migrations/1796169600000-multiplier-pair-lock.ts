import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One enterprise-month's pair is refreshed by one transaction at a time.
 *
 * Without it, a report accepted and a charge arriving for the same
 * enterprise-month in two concurrent transactions each saw only its own half
 * (the other not committed yet), found no pair, and the pair was never made:
 * the multiplier lost that month for good. Now each refresh first takes a
 * transaction-scoped advisory lock on (enterprise, month); the second one
 * waits, and its statements then see the first one's commit.
 */
export class MultiplierPairLock1796169600000 implements MigrationInterface {
  name = 'MultiplierPairLock1796169600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER FUNCTION refresh_multiplier_pair(uuid, text) RENAME TO refresh_multiplier_pair_unlocked');
    await q.query(`
      CREATE FUNCTION refresh_multiplier_pair(e uuid, m text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('multiplier-pair/' || e::text || '/' || m, 0));
        -- A new statement: its snapshot is taken after the lock, so it sees what the holder committed.
        PERFORM refresh_multiplier_pair_unlocked(e, m);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION refresh_multiplier_pair(uuid, text)');
    await q.query('ALTER FUNCTION refresh_multiplier_pair_unlocked(uuid, text) RENAME TO refresh_multiplier_pair');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_CHANNEL } from './messaging-tables.migration';

/**
 * NOTIFY only while the relay sleeps; the outbox keeps each event's JSON as written.
 *
 * A transaction that issued NOTIFY takes a database-wide lock at commit and holds
 * it through its WAL flush, so notifying writers commit one after another instead
 * of sharing a flush (group commit): at 1,000 single-event transactions a second
 * that lock was most of a write's latency. The relay now records in
 * `messaging_relay_state` whether it is polling; writers skip the NOTIFY while it
 * is, and only wake a relay that went to sleep.
 *
 * The payload column becomes `json` (the text as the writer serialised it): the
 * relay sends that text as the Kafka value, where `jsonb` had to be parsed and
 * serialised again for every event.
 */
export class RelayWakeFlag1796083200000 implements MigrationInterface {
  name = 'RelayWakeFlag1796083200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messaging_relay_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        polling   boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('INSERT INTO messaging_relay_state DEFAULT VALUES');
    await q.query('ALTER TABLE messaging_outbox ALTER COLUMN payload TYPE json USING payload::json');
    await q.query(`
      CREATE OR REPLACE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM messaging_relay_state WHERE polling) THEN
          PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await q.query('DROP TABLE messaging_relay_state');
    await q.query('ALTER TABLE messaging_outbox ALTER COLUMN payload TYPE jsonb USING payload::jsonb');
  }
}

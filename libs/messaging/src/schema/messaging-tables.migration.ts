import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The NOTIFY channel the outbox trigger signals, waking the relay within milliseconds. */
export const OUTBOX_CHANNEL = 'valley_outbox';

/**
 * Outbox and inbox tables every service database carries. Each app lists this
 * migration before its own, so `migration:run` creates them.
 */
export class CreateMessagingTables1764460800000 implements MigrationInterface {
  name = 'CreateMessagingTables1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messaging_outbox (
        id            bigserial PRIMARY KEY,
        event_id      uuid        NOT NULL UNIQUE,
        topic         text        NOT NULL,
        message_key   text        NOT NULL,
        event_type    text        NOT NULL,
        payload       jsonb       NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // A statement-level trigger: one NOTIFY per insert statement, delivered at commit.
    await q.query(`
      CREATE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${OUTBOX_CHANNEL}', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER messaging_outbox_notify AFTER INSERT ON messaging_outbox
      FOR EACH STATEMENT EXECUTE FUNCTION messaging_outbox_notify()`);
    await q.query(`
      CREATE TABLE messaging_inbox (
        consumer_group text        NOT NULL,
        message_id     text        NOT NULL,
        topic          text        NOT NULL,
        kafka_partition integer    NOT NULL,
        kafka_offset   bigint      NOT NULL,
        outcome        text        NOT NULL CHECK (outcome IN ('applied', 'dead-lettered')),
        processed_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, message_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE messaging_inbox');
    await q.query('DROP TRIGGER messaging_outbox_notify ON messaging_outbox');
    await q.query('DROP FUNCTION messaging_outbox_notify()');
    await q.query('DROP TABLE messaging_outbox');
  }
}

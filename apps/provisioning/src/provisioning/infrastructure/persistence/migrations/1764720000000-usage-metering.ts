import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Usage aggregates, parked records, quota alerts and monthly charges. */
export class UsageMetering1764720000000 implements MigrationInterface {
  name = 'UsageMetering1764720000000';

  async up(q: QueryRunner): Promise<void> {
    // Per allocation and park day / month; records are counted once (the inbox dedupes by carrier and record id).
    await q.query(`
      CREATE TABLE usage_daily (
        allocation_id uuid NOT NULL REFERENCES allocations (id),
        day           date NOT NULL,
        bytes_in      numeric(30, 0) NOT NULL DEFAULT 0,
        bytes_out     numeric(30, 0) NOT NULL DEFAULT 0,
        records       bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (allocation_id, day)
      )`);
    await q.query(`
      CREATE TABLE usage_monthly (
        allocation_id uuid NOT NULL REFERENCES allocations (id),
        month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        used_bytes    numeric(30, 0) NOT NULL DEFAULT 0,
        records       bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (allocation_id, month)
      )`);
    // Records of enterprises this service does not know yet: applied when they arrive, never dropped.
    await q.query(`
      CREATE TABLE parked_usage_records (
        message_id    text PRIMARY KEY,
        enterprise_id uuid NOT NULL,
        record        jsonb NOT NULL,
        parked_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX parked_usage_records_enterprise ON parked_usage_records (enterprise_id)');
    // The unique key makes each threshold fire once per allocation and month, whatever races.
    await q.query(`
      CREATE TABLE quota_alerts (
        allocation_id uuid NOT NULL REFERENCES allocations (id),
        month         text NOT NULL,
        threshold     integer NOT NULL CHECK (threshold IN (80, 100)),
        used_bytes    numeric(30, 0) NOT NULL,
        reached_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (allocation_id, month, threshold)
      )`);
    await q.query(`
      CREATE TABLE monthly_charges (
        enterprise_id    uuid NOT NULL,
        month            text NOT NULL,
        revision         integer NOT NULL CHECK (revision > 0),
        billable_bytes   numeric(30, 0) NOT NULL,
        charge_fen       bigint NOT NULL,
        market_value_fen bigint NOT NULL,
        saving_fen       bigint NOT NULL,
        lines            jsonb NOT NULL,
        computed_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enterprise_id, month, revision)
      )`);
    await q.query(`CREATE TABLE closed_months (month text PRIMARY KEY, closed_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['closed_months', 'monthly_charges', 'quota_alerts', 'parked_usage_records', 'usage_monthly', 'usage_daily']) await q.query(`DROP TABLE ${table}`);
  }
}

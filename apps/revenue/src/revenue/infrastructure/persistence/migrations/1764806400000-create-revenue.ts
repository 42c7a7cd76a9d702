import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Residents and charges as this service learns them from events; reports with every version kept. */
export class CreateRevenue1764806400000 implements MigrationInterface {
  name = 'CreateRevenue1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_enterprises (
        id             uuid PRIMARY KEY,
        name           text NOT NULL,
        industry       text NOT NULL,
        status         text NOT NULL,
        admitted_month text,
        exit_month     text,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    // The data-element input per enterprise and month: the highest revision wins, whatever order revisions arrive in.
    await q.query(`
      CREATE TABLE data_element_input (
        enterprise_id  uuid NOT NULL,
        month          text NOT NULL,
        revision       integer NOT NULL,
        charge_fen     bigint NOT NULL,
        billable_bytes numeric(30, 0) NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enterprise_id, month)
      )`);
    await q.query(`
      CREATE TABLE reports (
        id               uuid PRIMARY KEY,
        enterprise_id    uuid NOT NULL,
        month            text NOT NULL,
        status           text NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
        current_version  integer NOT NULL,
        accepted_version integer,
        idempotency_key  text,
        review_comment   text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enterprise_id, month)
      )`);
    await q.query('CREATE UNIQUE INDEX reports_idempotency ON reports (enterprise_id, idempotency_key) WHERE idempotency_key IS NOT NULL');
    await q.query('CREATE INDEX reports_month_status ON reports (month, status)');
    await q.query(`
      CREATE TABLE report_versions (
        report_id    uuid NOT NULL REFERENCES reports (id),
        version      integer NOT NULL,
        revenue_fen  bigint NOT NULL CHECK (revenue_fen >= 0),
        tax_fen      bigint NOT NULL CHECK (tax_fen >= 0),
        employees    integer NOT NULL,
        local_hires  integer NOT NULL,
        lines        jsonb NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('draft', 'submission', 'amendment')),
        reason       text,
        author       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, version)
      )`);
    await q.query(`CREATE TABLE overdue_notices (enterprise_id uuid NOT NULL, month text NOT NULL, raised_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (enterprise_id, month))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['overdue_notices', 'report_versions', 'reports', 'data_element_input', 'known_enterprises']) await q.query(`DROP TABLE ${t}`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The review workflow and lifecycle: who applied and reviewed, admission and exit, every decision kept. */
export class EnterpriseLifecycle1764547200000 implements MigrationInterface {
  name = 'EnterpriseLifecycle1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE enterprises
        ADD COLUMN applicant_subject text NOT NULL DEFAULT 'unknown',
        ADD COLUMN reviewer_subject  text,
        ADD COLUMN admitted_month    text CHECK (admitted_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        ADD COLUMN exit_date         date,
        ADD COLUMN updated_at        timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT enterprises_status_known CHECK (status IN ('submitted', 'under_review', 'information_requested', 'approved', 'rejected', 'suspended', 'exited'))`);
    await q.query('ALTER TABLE enterprises ALTER COLUMN applicant_subject DROP DEFAULT');
    await q.query('CREATE INDEX enterprises_status_submitted_at ON enterprises (status, submitted_at, id)');
    await q.query('CREATE INDEX enterprises_applicant ON enterprises (applicant_subject)');
    await q.query(`
      CREATE TABLE enterprise_decisions (
        id            bigserial PRIMARY KEY,
        enterprise_id uuid NOT NULL REFERENCES enterprises (id),
        action        text NOT NULL,
        from_status   text,
        to_status     text NOT NULL,
        actor_subject text NOT NULL,
        actor_role    text NOT NULL,
        reason        text,
        decided_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX enterprise_decisions_enterprise ON enterprise_decisions (enterprise_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE enterprise_decisions');
    await q.query('DROP INDEX enterprises_applicant');
    await q.query('DROP INDEX enterprises_status_submitted_at');
    await q.query(`ALTER TABLE enterprises DROP CONSTRAINT enterprises_status_known, DROP COLUMN applicant_subject, DROP COLUMN reviewer_subject,
      DROP COLUMN admitted_month, DROP COLUMN exit_date, DROP COLUMN updated_at`);
  }
}

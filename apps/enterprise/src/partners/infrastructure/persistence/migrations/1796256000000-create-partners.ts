import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The partner registry: partners (no secrets) and the audit trail of every change. */
export class CreatePartners1796256000000 implements MigrationInterface {
  name = 'CreatePartners1796256000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners (
        id                     uuid PRIMARY KEY,
        name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind                   text NOT NULL CHECK (kind IN ('carrier', 'statistics-bureau', 'bank', 'other')),
        topics                 text[] NOT NULL,
        username               text NOT NULL UNIQUE,
        status                 text NOT NULL CHECK (status IN ('active', 'revoked')),
        registered_at          timestamptz NOT NULL,
        registered_by          text NOT NULL,
        credentials_rotated_at timestamptz,
        revoked_at             timestamptz,
        revoked_reason         text,
        CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE partner_audit (
        id             bigserial PRIMARY KEY,
        partner_id     uuid NOT NULL REFERENCES partners (id),
        action         text NOT NULL CHECK (action IN ('registered', 'credentials-rotated', 'revoked')),
        actor_subject  text NOT NULL,
        details        jsonb NOT NULL DEFAULT '{}',
        correlation_id text,
        at             timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX partner_audit_partner ON partner_audit (partner_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE partner_audit');
    await q.query('DROP TABLE partners');
  }
}

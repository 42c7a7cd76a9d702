import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEnterprises1764460900000 implements MigrationInterface {
  name = 'CreateEnterprises1764460900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enterprises (
        id                            uuid PRIMARY KEY,
        uscc                          text NOT NULL CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        name                          text NOT NULL,
        legal_representative          text NOT NULL,
        contact_phone                 text NOT NULL,
        contact_email                 text NOT NULL,
        industry                      text NOT NULL,
        registered_capital_fen        bigint NOT NULL CHECK (registered_capital_fen >= 0),
        planned_bandwidth_mbps        integer NOT NULL CHECK (planned_bandwidth_mbps > 0),
        planned_monthly_traffic_bytes numeric(30, 0) NOT NULL CHECK (planned_monthly_traffic_bytes >= 0),
        headcount                     integer NOT NULL CHECK (headcount >= 0),
        status                        text NOT NULL,
        submitted_at                  timestamptz NOT NULL,
        version                       integer NOT NULL DEFAULT 1
      )`);
    // One live record per USCC: two concurrent applications with one code, exactly one wins.
    await q.query(`
      CREATE UNIQUE INDEX enterprises_live_uscc ON enterprises (uscc)
      WHERE status IN ('submitted', 'under_review', 'information_requested', 'approved', 'suspended')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE enterprises');
  }
}

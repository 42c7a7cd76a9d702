import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pools, versioned plans, the local projection of enterprises, and allocations. */
export class CreateProvisioning1764633600000 implements MigrationInterface {
  name = 'CreateProvisioning1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pools (
        id                        uuid PRIMARY KEY,
        name                      text NOT NULL UNIQUE,
        region                    text NOT NULL,
        capacity_mbps             integer NOT NULL CHECK (capacity_mbps > 0),
        monthly_traffic_cap_bytes numeric(30, 0) NOT NULL CHECK (monthly_traffic_cap_bytes >= 0),
        cost_price_fen_per_gb     bigint NOT NULL CHECK (cost_price_fen_per_gb >= 0),
        created_at                timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE plans (
        id              uuid PRIMARY KEY,
        name            text NOT NULL UNIQUE,
        current_version integer NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // A price change is a new version: charges keep the version they were computed with.
    await q.query(`
      CREATE TABLE plan_versions (
        plan_id                 uuid NOT NULL REFERENCES plans (id),
        version                 integer NOT NULL CHECK (version > 0),
        bandwidth_mbps          integer NOT NULL CHECK (bandwidth_mbps > 0),
        monthly_included_bytes  numeric(30, 0) NOT NULL CHECK (monthly_included_bytes >= 0),
        park_price_fen_per_gb   bigint NOT NULL CHECK (park_price_fen_per_gb >= 0),
        market_price_fen_per_gb bigint NOT NULL CHECK (market_price_fen_per_gb >= 0),
        overage_policy          text NOT NULL CHECK (overage_policy IN ('block', 'throttle', 'bill')),
        active                  boolean NOT NULL DEFAULT true,
        created_at              timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, version)
      )`);
    // What this service knows of enterprises, built from the onboarding events.
    await q.query(`
      CREATE TABLE known_enterprises (
        id                            uuid PRIMARY KEY,
        name                          text NOT NULL,
        industry                      text NOT NULL,
        status                        text NOT NULL,
        planned_bandwidth_mbps        integer NOT NULL,
        planned_monthly_traffic_bytes numeric(30, 0) NOT NULL,
        admitted_month                text,
        updated_at                    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE allocations (
        id                     uuid PRIMARY KEY,
        enterprise_id          uuid NOT NULL REFERENCES known_enterprises (id),
        plan_id                uuid NOT NULL,
        plan_version           integer NOT NULL,
        pool_id                uuid REFERENCES pools (id),
        bandwidth_mbps         integer NOT NULL CHECK (bandwidth_mbps > 0),
        monthly_included_bytes numeric(30, 0) NOT NULL,
        status                 text NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'revoked')),
        pending_reason         text,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions (plan_id, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX allocations_one_live_per_enterprise ON allocations (enterprise_id) WHERE status <> 'revoked'`);
    await q.query('CREATE INDEX allocations_pool_status ON allocations (pool_id, status)');
    await q.query('CREATE INDEX allocations_status_created ON allocations (status, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE allocations');
    await q.query('DROP TABLE known_enterprises');
    await q.query('DROP TABLE plan_versions');
    await q.query('DROP TABLE plans');
    await q.query('DROP TABLE pools');
  }
}

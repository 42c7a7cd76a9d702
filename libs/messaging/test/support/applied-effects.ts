import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { messagingMigrations } from '../../src';

/**
 * The effect the test handlers apply: one row per application, with no unique
 * constraint, so applying a record twice would show as two rows.
 */
export class CreateAppliedEffects1764460800001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE test_applied (seq bigserial PRIMARY KEY, message_id text NOT NULL, message_key text, body jsonb NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE test_applied');
  }
}

export const testMigrations = [...messagingMigrations, CreateAppliedEffects1764460800001];

export async function recordEffect(manager: EntityManager, id: string, key: string | undefined, body: unknown): Promise<void> {
  await manager.query('INSERT INTO test_applied (message_id, message_key, body) VALUES ($1, $2, $3)', [id, key ?? null, JSON.stringify(body)]);
}

export interface AppliedRow {
  seq: string;
  message_id: string;
  message_key: string | null;
  body: Record<string, unknown>;
}

export async function appliedRows(manager: EntityManager): Promise<AppliedRow[]> {
  return manager.query('SELECT seq, message_id, message_key, body FROM test_applied ORDER BY seq');
}

import type { EntityManager } from 'typeorm';
import type { ProgramStatus } from '../../domain/program-workflow';

export interface ProgramRow {
  id: string;
  name: string;
  track: string;
  description: string;
  capacity: number;
  seats_taken: number;
  waitlisted: number;
  starts_on: string;
  ends_on: string;
  status: ProgramStatus;
  sponsor_enterprise_ids: string[];
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

/** Dates as text: the driver would turn a `date` into a local-time Date. */
export const PROGRAM_COLUMNS = `
  p.id, p.name, p.track, p.description, p.capacity, p.seats_taken, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
  p.status, p.created_at, p.updated_at, p.published_at,
  (SELECT count(*)::int FROM enrollments w WHERE w.program_id = p.id AND w.status = 'waitlisted') AS waitlisted,
  coalesce((SELECT array_agg(s.enterprise_id::text ORDER BY s.enterprise_id) FROM program_sponsors s WHERE s.program_id = p.id), '{}'::text[]) AS sponsor_enterprise_ids`;

/** The program row, locked for the rest of the transaction: every write to a program or its enrollments takes this lock first. */
export async function lockProgram(manager: EntityManager, id: string): Promise<ProgramRow | undefined> {
  const rows: ProgramRow[] = await manager.query(`SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.id = $1 FOR UPDATE OF p`, [id]);
  return rows[0];
}

export async function findProgram(manager: EntityManager, id: string): Promise<ProgramRow | undefined> {
  const rows: ProgramRow[] = await manager.query(`SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.id = $1`, [id]);
  return rows[0];
}

export async function replaceSponsors(manager: EntityManager, programId: string, sponsors: readonly string[]): Promise<void> {
  await manager.query('DELETE FROM program_sponsors WHERE program_id = $1', [programId]);
  if (sponsors.length > 0) await manager.query('INSERT INTO program_sponsors (program_id, enterprise_id) SELECT $1, unnest($2::uuid[])', [programId, sponsors]);
}

/** Whether `enterpriseId` sponsors the program. */
export async function isSponsor(manager: EntityManager, programId: string, enterpriseId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query('SELECT 1 FROM program_sponsors WHERE program_id = $1 AND enterprise_id = $2', [programId, enterpriseId]);
  return rows.length > 0;
}

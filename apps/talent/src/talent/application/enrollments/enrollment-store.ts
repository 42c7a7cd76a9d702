import type { EntityManager } from 'typeorm';
import type { EnrollmentStatus } from '../../domain/enrollment-workflow';

export interface EnrollmentRow {
  id: string;
  program_id: string;
  trainee_id: string;
  trainee_ref: string;
  status: EnrollmentStatus;
  queue_no: string;
  /** 1 for the next in line; null unless waitlisted. */
  waitlist_position: number | null;
  requested_at: Date;
  enrolled_at: Date | null;
  completed_at: Date | null;
  dropped_at: Date | null;
  score: number | null;
  certificate_no: string | null;
}

export const ENROLLMENT_COLUMNS = `
  e.id, e.program_id, e.trainee_id, t.ref AS trainee_ref, e.status, e.queue_no, e.requested_at, e.enrolled_at, e.completed_at, e.dropped_at, e.score, e.certificate_no,
  CASE WHEN e.status = 'waitlisted'
       THEN (SELECT count(*)::int FROM enrollments w WHERE w.program_id = e.program_id AND w.status = 'waitlisted' AND w.queue_no <= e.queue_no) END AS waitlist_position`;

export async function findEnrollment(manager: EntityManager, id: string): Promise<EnrollmentRow | undefined> {
  const rows: EnrollmentRow[] = await manager.query(`SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.id = $1`, [id]);
  return rows[0];
}

/** Locks the enrollment row; take the program's lock first (the order every writer keeps). */
export async function lockEnrollment(manager: EntityManager, id: string): Promise<EnrollmentRow | undefined> {
  const rows: EnrollmentRow[] = await manager.query(`SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.id = $1 FOR UPDATE OF e`, [id]);
  return rows[0];
}

/** The program an enrollment belongs to, read without a lock, so the program can be locked first. */
export async function programOfEnrollment(manager: EntityManager, id: string): Promise<string | undefined> {
  const rows: Array<{ program_id: string }> = await manager.query('SELECT program_id FROM enrollments WHERE id = $1', [id]);
  return rows[0]?.program_id;
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { parkDateOf } from '@valley/contracts';
import { OutboxWriter } from '@valley/messaging';
import { JSON_LOGGER, type Identity } from '@valley/platform';
import { admissionOf, certificateNumber, checkScore, nextEnrollmentStatus } from '../../domain/enrollment-workflow';
import { acceptsCompletions, acceptsEnrollments } from '../../domain/program-workflow';
import { checkUuid, TalentError, TalentErrorCode } from '../../domain/talent.error';
import { lockProgram, type ProgramRow } from '../programs/program-store';
import { requireAdmin } from '../talent-access';
import { findEnrollment, lockEnrollment, programOfEnrollment, type EnrollmentRow } from './enrollment-store';

export interface DropOutcome {
  dropped: EnrollmentRow;
  /** The first of the waitlist, enrolled in the seat that came free. */
  promoted: EnrollmentRow | null;
}

/**
 * Seats of a program. Every write locks the program row first, so
 * concurrent enrollments queue on it: the seat count is read and changed by
 * one at a time (and a CHECK keeps it within capacity whatever happens), the
 * waitlist numbers follow the order of commits, and a freed seat goes to the
 * first in line in the same transaction as the drop.
 */
@Injectable()
export class EnrollmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  async enroll(programId: string, traineeId: string, identity: Identity): Promise<EnrollmentRow> {
    requireAdmin(identity, 'enroll trainees');
    checkUuid('programId', programId);
    checkUuid('traineeId', traineeId);
    const enrollment = await this.dataSource.transaction(async (m) => {
      const program = await this.lockedProgram(m, programId);
      if (!acceptsEnrollments(program.status)) throw this.closed(program, 'enroll trainees');
      const trainee: unknown[] = await m.query('SELECT 1 FROM trainees WHERE id = $1', [traineeId]);
      if (trainee.length === 0) throw new TalentError(TalentErrorCode.NotFound, `traineeId: no trainee ${traineeId}`, 'traineeId');
      const status = admissionOf(program.capacity, program.seats_taken);
      const at = new Date();
      const id = randomUUID();
      // The unique (program, trainee) index decides a repeat; DO NOTHING keeps the transaction usable to say so.
      const inserted: Array<{ id: string }> = await m.query(
        `INSERT INTO enrollments (id, program_id, trainee_id, status, requested_at, enrolled_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT enrollments_once DO NOTHING RETURNING id`,
        [id, programId, traineeId, status, at, status === 'enrolled' ? at : null, identity.subject],
      );
      if (inserted.length === 0) {
        const existing: Array<{ id: string; status: string }> = await m.query('SELECT id, status FROM enrollments WHERE program_id = $1 AND trainee_id = $2', [programId, traineeId]);
        throw new TalentError(TalentErrorCode.AlreadyEnrolled, `traineeId: the trainee is already in this program (${existing[0]?.status})`, 'traineeId', { enrollmentId: existing[0]?.id, status: existing[0]?.status });
      }
      if (status === 'enrolled') await this.takeSeat(m, programId, id, at);
      return (await findEnrollment(m, id))!;
    });
    this.logger.info({ programId, enrollmentId: enrollment.id, traineeRef: enrollment.trainee_ref, status: enrollment.status }, `trainee ${enrollment.status}`);
    return enrollment;
  }

  /** Drops an enrolled or waitlisted trainee; a freed seat goes to the first of the waitlist at once. */
  async drop(enrollmentId: string, identity: Identity): Promise<DropOutcome> {
    requireAdmin(identity, 'drop trainees');
    checkUuid('enrollmentId', enrollmentId);
    const outcome = await this.dataSource.transaction(async (m) => {
      const { program, enrollment } = await this.lockedEnrollment(m, enrollmentId);
      if (!acceptsEnrollments(program.status)) throw this.closed(program, 'drop trainees');
      const status = nextEnrollmentStatus(enrollment.status, 'drop');
      await m.query('UPDATE enrollments SET status = $2, dropped_at = now() WHERE id = $1', [enrollmentId, status]);
      let promoted: EnrollmentRow | null = null;
      if (enrollment.status === 'enrolled') {
        await m.query('UPDATE programs SET seats_taken = seats_taken - 1, updated_at = now() WHERE id = $1', [program.id]);
        promoted = await this.promoteFirst(m, program.id);
      }
      return { dropped: (await findEnrollment(m, enrollmentId))!, promoted };
    });
    this.logger.info({ programId: outcome.dropped.program_id, enrollmentId, promotedEnrollmentId: outcome.promoted?.id ?? null }, 'trainee dropped');
    return outcome;
  }

  async complete(enrollmentId: string, scoreInput: number, identity: Identity): Promise<EnrollmentRow> {
    requireAdmin(identity, 'record completions');
    checkUuid('enrollmentId', enrollmentId);
    const score = checkScore(scoreInput);
    const enrollment = await this.dataSource.transaction(async (m) => {
      const { program, enrollment: current } = await this.lockedEnrollment(m, enrollmentId);
      if (!acceptsCompletions(program.status)) {
        throw new TalentError(TalentErrorCode.InvalidTransition, `enrollmentId: completions are recorded while the program runs or after it finished; it is ${program.status}`, 'enrollmentId', { programStatus: program.status });
      }
      const status = nextEnrollmentStatus(current.status, 'complete');
      const at = new Date();
      const serial: Array<{ n: string }> = await m.query(`SELECT nextval('certificate_serial_seq')::text AS n`);
      const certificateNo = certificateNumber(Number(parkDateOf(at).slice(0, 4)), Number(serial[0]!.n));
      await m.query('UPDATE enrollments SET status = $2, score = $3, certificate_no = $4, completed_at = $5 WHERE id = $1', [enrollmentId, status, score, certificateNo, at]);
      await this.outbox.publish(m, 'valley.talent.trainee-completed.v1', { programId: program.id, enrollmentId, traineeRef: current.trainee_ref, score, certificateNo, completedAt: at.toISOString() });
      return (await findEnrollment(m, enrollmentId))!;
    });
    this.logger.info({ programId: enrollment.program_id, enrollmentId, traineeRef: enrollment.trainee_ref, certificateNo: enrollment.certificate_no }, 'trainee completed');
    return enrollment;
  }

  private async promoteFirst(m: EntityManager, programId: string): Promise<EnrollmentRow | null> {
    const next: Array<{ id: string }> = await m.query(`SELECT id FROM enrollments WHERE program_id = $1 AND status = 'waitlisted' ORDER BY queue_no LIMIT 1 FOR UPDATE`, [programId]);
    if (!next[0]) return null;
    const at = new Date();
    await m.query(`UPDATE enrollments SET status = 'enrolled', enrolled_at = $2 WHERE id = $1`, [next[0].id, at]);
    await this.takeSeat(m, programId, next[0].id, at);
    const promoted = (await findEnrollment(m, next[0].id))!;
    this.logger.info({ programId, enrollmentId: promoted.id, traineeRef: promoted.trainee_ref }, 'waitlisted trainee promoted');
    return promoted;
  }

  /** Counts the seat and announces the enrollment, in the caller's transaction (under the program's lock). */
  private async takeSeat(m: EntityManager, programId: string, enrollmentId: string, at: Date): Promise<void> {
    await m.query('UPDATE programs SET seats_taken = seats_taken + 1, updated_at = now() WHERE id = $1', [programId]);
    const ref: Array<{ ref: string }> = await m.query('SELECT t.ref FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.id = $1', [enrollmentId]);
    await this.outbox.publish(m, 'valley.talent.trainee-enrolled.v1', { programId, enrollmentId, traineeRef: ref[0]!.ref, enrolledAt: at.toISOString() });
  }

  private async lockedProgram(m: EntityManager, programId: string): Promise<ProgramRow> {
    const program = await lockProgram(m, programId);
    if (!program) throw new TalentError(TalentErrorCode.NotFound, `programId: no program ${programId}`, 'programId');
    return program;
  }

  /** The program's lock, then the enrollment's: the order every writer keeps, so none waits on another in a cycle. */
  private async lockedEnrollment(m: EntityManager, enrollmentId: string): Promise<{ program: ProgramRow; enrollment: EnrollmentRow }> {
    const programId = await programOfEnrollment(m, enrollmentId);
    const program = programId ? await lockProgram(m, programId) : undefined;
    const enrollment = program ? await lockEnrollment(m, enrollmentId) : undefined;
    if (!program || !enrollment) throw new TalentError(TalentErrorCode.NotFound, `enrollmentId: no enrollment ${enrollmentId}`, 'enrollmentId');
    return { program, enrollment };
  }

  private closed(program: ProgramRow, what: string): TalentError {
    return new TalentError(TalentErrorCode.InvalidTransition, `programId: a ${program.status} program does not ${what}; it must be published or running`, 'programId', { programStatus: program.status });
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxWriter } from '@valley/messaging';
import { isAdmin, JSON_LOGGER, type Identity } from '@valley/platform';
import { parseLocalDate } from '../../domain/local-date';
import { checkUuid, TalentError, TalentErrorCode } from '../../domain/talent.error';
import { lockEnrollment, programOfEnrollment } from '../enrollments/enrollment-store';
import { isSponsor, lockProgram } from '../programs/program-store';
import { actsFor } from '../talent-access';
import { PLACEMENT_COLUMNS, PLACEMENT_FROM, type PlacementRow } from './placement-store';

export interface PlaceTraineeInput {
  enrollmentId: string;
  enterpriseId: string;
  role: string;
  startDate: string;
}

/**
 * A trainee who completed a program, hired by a resident. Administrators
 * record any placement; an enterprise user records its own hires from the
 * programs its enterprise sponsors. Suspended, exited and unknown
 * enterprises are refused.
 */
@Injectable()
export class PlacementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  async place(input: PlaceTraineeInput, identity: Identity): Promise<PlacementRow> {
    const enrollmentId = checkUuid('enrollmentId', input.enrollmentId);
    const enterpriseId = checkUuid('enterpriseId', input.enterpriseId);
    if (!actsFor(identity, enterpriseId)) throw new TalentError(TalentErrorCode.Forbidden, 'an enterprise records only its own hires', 'enterpriseId');
    const role = input.role?.trim() ?? '';
    if (role.length < 1 || role.length > 100) throw new TalentError(TalentErrorCode.InvalidInput, 'role: 1 to 100 characters', 'role');
    const startDate = parseLocalDate('startDate', input.startDate);
    const placement = await this.dataSource.transaction(async (m) => {
      const programId = await programOfEnrollment(m, enrollmentId);
      // An enterprise user learns of no enrollment outside the programs it sponsors.
      if (!programId || (!isAdmin(identity) && !(await isSponsor(m, programId, enterpriseId)))) throw new TalentError(TalentErrorCode.NotFound, `enrollmentId: no enrollment ${enrollmentId}`, 'enrollmentId');
      await lockProgram(m, programId);
      const enrollment = (await lockEnrollment(m, enrollmentId))!;
      if (enrollment.status !== 'completed') throw new TalentError(TalentErrorCode.NotCompleted, `enrollmentId: only a trainee who completed the program is placed; this enrollment is ${enrollment.status}`, 'enrollmentId', { status: enrollment.status });
      const industry = await this.residentIndustry(m, enterpriseId);
      const id = randomUUID();
      const at = new Date();
      const inserted: Array<{ id: string }> = await m.query(
        `INSERT INTO placements (id, enrollment_id, program_id, enterprise_id, industry, role, start_date, placed_by, placed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (enrollment_id) DO NOTHING RETURNING id`,
        [id, enrollmentId, programId, enterpriseId, industry, role, startDate, identity.subject, at],
      );
      if (inserted.length === 0) {
        const existing: Array<{ id: string; enterprise_id: string }> = await m.query('SELECT id, enterprise_id FROM placements WHERE enrollment_id = $1', [enrollmentId]);
        throw new TalentError(TalentErrorCode.Conflict, 'enrollmentId: this completion already led to a placement', 'enrollmentId', isAdmin(identity) || existing[0]?.enterprise_id === enterpriseId ? { placementId: existing[0]?.id } : {});
      }
      await this.outbox.publish(m, 'valley.talent.trainee-placed.v1', { programId, placementId: id, traineeRef: enrollment.trainee_ref, enterpriseId, role, startDate, placedAt: at.toISOString() });
      const rows: PlacementRow[] = await m.query(`SELECT ${PLACEMENT_COLUMNS} FROM ${PLACEMENT_FROM} WHERE pl.id = $1`, [id]);
      return rows[0]!;
    });
    this.logger.info({ programId: placement.program_id, placementId: placement.id, traineeRef: placement.trainee_ref, enterpriseId }, 'trainee placed');
    return placement;
  }

  /** The hiring enterprise must be a resident now; its row is share-locked so a suspension cannot slip in before the commit. */
  private async residentIndustry(m: EntityManager, enterpriseId: string): Promise<string> {
    const rows: Array<{ status: string; industry: string }> = await m.query('SELECT status, industry FROM known_enterprises WHERE id = $1 FOR SHARE', [enterpriseId]);
    const status = rows[0]?.status ?? 'unknown';
    if (status !== 'resident') throw new TalentError(TalentErrorCode.NotResident, `enterpriseId: ${enterpriseId} is not a resident of the park (${status}); only residents take placements`, 'enterpriseId', { status });
    return rows[0]!.industry;
  }
}

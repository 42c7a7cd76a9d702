import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@valley/platform';
import { checkUuid, TalentError, TalentErrorCode } from '../../domain/talent.error';
import { enterpriseScope } from '../talent-access';
import { ENROLLMENT_COLUMNS, type EnrollmentRow } from './enrollment-store';

/** A program's enrollments, by pseudonymous trainee: administrators and the program's sponsors. */
@Injectable()
export class EnrollmentQueries {
  constructor(private readonly dataSource: DataSource) {}

  async ofProgram(programId: string, identity: Identity): Promise<EnrollmentRow[]> {
    checkUuid('programId', programId);
    const scope = enterpriseScope(identity);
    if (scope !== null) {
      const sponsor: unknown[] = await this.dataSource.query('SELECT 1 FROM program_sponsors WHERE program_id = $1 AND enterprise_id = $2', [programId, scope]);
      if (sponsor.length === 0) throw new TalentError(TalentErrorCode.NotFound, `programId: no program ${programId}`, 'programId');
    }
    // Seat holders first, then the waitlist in its order, then those who dropped.
    return this.dataSource.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.program_id = $1
        ORDER BY CASE e.status WHEN 'completed' THEN 0 WHEN 'enrolled' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, e.queue_no`,
      [programId],
    );
  }

  async byId(enrollmentId: string, identity: Identity): Promise<EnrollmentRow> {
    checkUuid('enrollmentId', enrollmentId);
    const rows: EnrollmentRow[] = await this.dataSource.query(
      `SELECT ${ENROLLMENT_COLUMNS} FROM enrollments e JOIN trainees t ON t.id = e.trainee_id
        WHERE e.id = $1 AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM program_sponsors s WHERE s.program_id = e.program_id AND s.enterprise_id = $2::uuid))`,
      [enrollmentId, enterpriseScope(identity)],
    );
    if (!rows[0]) throw new TalentError(TalentErrorCode.NotFound, `enrollmentId: no enrollment ${enrollmentId}`, 'enrollmentId');
    return rows[0];
  }
}

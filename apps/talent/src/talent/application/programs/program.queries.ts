import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@valley/platform';
import { PROGRAM_STATUSES, type ProgramStatus } from '../../domain/program-workflow';
import { checkUuid, TalentError, TalentErrorCode } from '../../domain/talent.error';
import { actsFor, enterpriseScope } from '../talent-access';
import { PROGRAM_COLUMNS, type ProgramRow } from './program-store';

export interface ProgramFilter {
  status?: ProgramStatus | null;
  track?: string | null;
}

/** Administrators see every program; an enterprise user only those its enterprise sponsors (others are NOT_FOUND). */
@Injectable()
export class ProgramQueries {
  constructor(private readonly dataSource: DataSource) {}

  async byId(programId: string, identity: Identity): Promise<ProgramRow> {
    checkUuid('programId', programId);
    const rows: ProgramRow[] = await this.dataSource.query(
      `SELECT ${PROGRAM_COLUMNS} FROM programs p
        WHERE p.id = $1 AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM program_sponsors s WHERE s.program_id = p.id AND s.enterprise_id = $2::uuid))`,
      [programId, enterpriseScope(identity)],
    );
    if (!rows[0]) throw new TalentError(TalentErrorCode.NotFound, `programId: no program ${programId}`, 'programId');
    return rows[0];
  }

  async list(filter: ProgramFilter, identity: Identity): Promise<ProgramRow[]> {
    if (filter.status && !PROGRAM_STATUSES.includes(filter.status)) throw new TalentError(TalentErrorCode.InvalidInput, `status: one of ${PROGRAM_STATUSES.join(', ')}`, 'status');
    return this.dataSource.query(
      `SELECT ${PROGRAM_COLUMNS} FROM programs p
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM program_sponsors s WHERE s.program_id = p.id AND s.enterprise_id = $1::uuid))
          AND ($2::text IS NULL OR p.status = $2) AND ($3::text IS NULL OR p.track = $3)
        ORDER BY p.starts_on DESC, p.name, p.id`,
      [enterpriseScope(identity), filter.status ?? null, filter.track ?? null],
    );
  }

  /** An enterprise's sponsored programs: its own users and administrators only. */
  async sponsoredBy(enterpriseId: string, identity: Identity): Promise<ProgramRow[]> {
    enterpriseId = checkUuid('enterpriseId', enterpriseId);
    if (!actsFor(identity, enterpriseId)) throw new TalentError(TalentErrorCode.Forbidden, 'an enterprise sees only the programs it sponsors', 'enterpriseId');
    return this.dataSource.query(
      `SELECT ${PROGRAM_COLUMNS} FROM programs p JOIN program_sponsors s ON s.program_id = p.id AND s.enterprise_id = $1 ORDER BY p.starts_on DESC, p.name, p.id`,
      [enterpriseId],
    );
  }
}

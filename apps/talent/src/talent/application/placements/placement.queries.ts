import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Identity } from '@valley/platform';
import { checkUuid, TalentError, TalentErrorCode } from '../../domain/talent.error';
import { actsFor, enterpriseScope } from '../talent-access';
import { PLACEMENT_COLUMNS, PLACEMENT_FROM, type PlacementRow } from './placement-store';

export interface PlacementFilter {
  enterpriseId?: string | null;
  programId?: string | null;
}

/** Administrators see every placement; an enterprise user the placements its enterprise made. */
@Injectable()
export class PlacementQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: PlacementFilter, identity: Identity): Promise<PlacementRow[]> {
    const enterpriseId = filter.enterpriseId ? checkUuid('enterpriseId', filter.enterpriseId) : null;
    const programId = filter.programId ? checkUuid('programId', filter.programId) : null;
    const scope = enterpriseScope(identity);
    if (scope !== null && enterpriseId && enterpriseId !== scope) throw new TalentError(TalentErrorCode.Forbidden, 'an enterprise sees only the placements it made', 'enterpriseId');
    return this.dataSource.query(
      `SELECT ${PLACEMENT_COLUMNS} FROM ${PLACEMENT_FROM}
        WHERE ($1::uuid IS NULL OR pl.enterprise_id = $1::uuid) AND ($2::uuid IS NULL OR pl.program_id = $2::uuid)
        ORDER BY pl.placed_at DESC, pl.id`,
      [scope ?? enterpriseId, programId],
    );
  }

  /** The placements an enterprise made: its own users and administrators only. */
  async madeBy(enterpriseId: string, identity: Identity): Promise<PlacementRow[]> {
    enterpriseId = checkUuid('enterpriseId', enterpriseId);
    if (!actsFor(identity, enterpriseId)) throw new TalentError(TalentErrorCode.Forbidden, 'an enterprise sees only the placements it made', 'enterpriseId');
    return this.list({ enterpriseId }, identity);
  }
}

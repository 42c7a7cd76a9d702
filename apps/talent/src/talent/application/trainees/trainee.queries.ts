import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parkDateOf } from '@valley/contracts';
import type { Identity } from '@valley/platform';
import { parseNationalId } from '../../domain/national-id';
import { isUuid, TalentError, TalentErrorCode } from '../../domain/talent.error';
import { traineeIdOfRef } from '../../domain/trainee-details';
import { requireAdmin } from '../talent-access';
import { NationalIdHasher } from './national-id-hasher';
import { TRAINEE_COLUMNS, type TraineeRow } from './trainee-store';

const MAX_PAGE = 100;

/** Trainees' personal data is for the park's administrators only. */
@Injectable()
export class TraineeQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: NationalIdHasher,
  ) {}

  /** By the record id or the pseudonymous ref (`trn_…`) events carry. */
  async byIdOrRef(idOrRef: string, identity: Identity): Promise<TraineeRow> {
    requireAdmin(identity, 'see trainees');
    const id = isUuid(idOrRef) ? idOrRef : traineeIdOfRef(idOrRef);
    if (!id) throw new TalentError(TalentErrorCode.InvalidInput, 'id: a trainee id (UUID) or ref (trn_ and 32 hex digits)', 'id');
    const rows: TraineeRow[] = await this.dataSource.query(`SELECT ${TRAINEE_COLUMNS} FROM trainees t WHERE t.id = $1`, [id]);
    if (!rows[0]) throw new TalentError(TalentErrorCode.NotFound, `id: no trainee ${idOrRef}`, 'id');
    return rows[0];
  }

  /** Is this person registered? Looked up by the keyed hash; the number is not kept. */
  async byNationalId(nationalIdNumber: string, identity: Identity): Promise<TraineeRow | null> {
    requireAdmin(identity, 'look trainees up');
    const parsed = parseNationalId(nationalIdNumber, parkDateOf(new Date()));
    if (!parsed.ok) throw new TalentError(TalentErrorCode.InvalidNationalId, `nationalIdNumber: ${parsed.message}`, 'nationalIdNumber', { problem: parsed.problem });
    const rows: TraineeRow[] = await this.dataSource.query(`SELECT ${TRAINEE_COLUMNS} FROM trainees t WHERE t.national_id_hash = $1`, [this.hasher.hash(parsed.value)]);
    return rows[0] ?? null;
  }

  /** Newest first. */
  async list(first: number, offset: number, identity: Identity): Promise<{ items: TraineeRow[]; totalCount: number }> {
    requireAdmin(identity, 'see trainees');
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new TalentError(TalentErrorCode.InvalidInput, `first: 1 to ${MAX_PAGE}`, 'first');
    if (!Number.isInteger(offset) || offset < 0) throw new TalentError(TalentErrorCode.InvalidInput, 'offset: 0 or more', 'offset');
    const [items, count]: [TraineeRow[], Array<{ n: number }>] = await Promise.all([
      this.dataSource.query(`SELECT ${TRAINEE_COLUMNS} FROM trainees t ORDER BY t.created_at DESC, t.id LIMIT $1 OFFSET $2`, [first, offset]),
      this.dataSource.query('SELECT count(*)::int AS n FROM trainees'),
    ]);
    return { items, totalCount: count[0]!.n };
  }
}

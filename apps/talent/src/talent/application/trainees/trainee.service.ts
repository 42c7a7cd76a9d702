import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { parkDateOf } from '@valley/contracts';
import { JSON_LOGGER, type Identity } from '@valley/platform';
import { maskNationalId, parseNationalId } from '../../domain/national-id';
import { TalentError, TalentErrorCode } from '../../domain/talent.error';
import { checkTraineeContact, traineeRefOf, type TraineeContactInput } from '../../domain/trainee-details';
import { requireAdmin } from '../talent-access';
import { NationalIdHasher } from './national-id-hasher';
import { TRAINEE_COLUMNS, withoutPersonalData, type TraineeRow } from './trainee-store';

export interface RegisterTraineeInput extends TraineeContactInput {
  nationalIdNumber: string;
}

/**
 * One record per person across programs, recognised by the keyed hash of the
 * national id number. The number itself is checked, hashed, masked and
 * dropped: it is never stored, logged or put in an error.
 */
@Injectable()
export class TraineeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: NationalIdHasher,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  async register(input: RegisterTraineeInput, identity: Identity): Promise<TraineeRow> {
    requireAdmin(identity, 'register trainees');
    const parsed = parseNationalId(input.nationalIdNumber, parkDateOf(new Date()));
    if (!parsed.ok) throw new TalentError(TalentErrorCode.InvalidNationalId, `nationalIdNumber: ${parsed.message}`, 'nationalIdNumber', { problem: parsed.problem });
    const contact = checkTraineeContact(input);
    const hash = this.hasher.hash(parsed.value);
    const id = randomUUID();
    let rows: TraineeRow[];
    try {
      rows = await this.dataSource.query(
        `INSERT INTO trainees AS t (id, ref, name, national_id_hash, national_id_masked, phone, email, education, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (national_id_hash) DO NOTHING
         RETURNING ${TRAINEE_COLUMNS}`,
        [id, traineeRefOf(id), contact.name, hash, maskNationalId(parsed.value), contact.phone, contact.email, contact.education, identity.subject],
      );
    } catch (err) {
      throw withoutPersonalData(err, 'registering a trainee');
    }
    if (!rows[0]) {
      const existing: Array<{ id: string; ref: string }> = await this.dataSource.query('SELECT id, ref FROM trainees WHERE national_id_hash = $1', [hash]);
      throw new TalentError(TalentErrorCode.DuplicateTrainee, 'nationalIdNumber: this person is already registered as a trainee', 'nationalIdNumber', { traineeId: existing[0]?.id, traineeRef: existing[0]?.ref });
    }
    this.logger.info({ traineeRef: rows[0].ref }, 'trainee registered');
    return rows[0];
  }
}

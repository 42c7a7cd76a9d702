import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxWriter } from '@valley/messaging';
import { JSON_LOGGER, type Identity } from '@valley/platform';
import { checkProgramDetails, type ProgramDetailsInput } from '../../domain/program-details';
import { canEditDetails, nextProgramStatus, type ProgramAction } from '../../domain/program-workflow';
import { checkUuid, TalentError, TalentErrorCode } from '../../domain/talent.error';
import { TRACKS } from '../../talent.tokens';
import { requireAdmin } from '../talent-access';
import { lockProgram, replaceSponsors, type ProgramRow } from './program-store';

/**
 * Programs, run by the park's administrators: created as drafts, edited
 * while draft, then published (announced on Kafka), run, finished or
 * cancelled. Sponsors must be residents when they are named.
 */
@Injectable()
export class ProgramService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(TRACKS) private readonly tracks: readonly string[],
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  async create(input: ProgramDetailsInput, identity: Identity): Promise<ProgramRow> {
    requireAdmin(identity, 'create programs');
    const details = checkProgramDetails(input, this.tracks);
    const id = randomUUID();
    return this.dataSource.transaction(async (m) => {
      await this.checkSponsors(m, details.sponsorEnterpriseIds);
      await m.query(
        `INSERT INTO programs (id, name, track, description, capacity, starts_on, ends_on, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8)`,
        [id, details.name, details.track, details.description, details.capacity, details.startsOn, details.endsOn, identity.subject],
      );
      await replaceSponsors(m, id, details.sponsorEnterpriseIds);
      return (await lockProgram(m, id))!;
    });
  }

  async update(programId: string, input: ProgramDetailsInput, identity: Identity): Promise<ProgramRow> {
    requireAdmin(identity, 'edit programs');
    checkUuid('programId', programId);
    const details = checkProgramDetails(input, this.tracks);
    return this.dataSource.transaction(async (m) => {
      const program = await this.locked(m, programId);
      if (!canEditDetails(program.status)) {
        throw new TalentError(TalentErrorCode.InvalidTransition, `programId: a ${program.status} program's details no longer change; only a draft is edited`, 'programId', { from: program.status, to: program.status, action: 'edit' });
      }
      await this.checkSponsors(m, details.sponsorEnterpriseIds);
      await m.query(
        'UPDATE programs SET name = $2, track = $3, description = $4, capacity = $5, starts_on = $6, ends_on = $7, updated_at = now() WHERE id = $1',
        [programId, details.name, details.track, details.description, details.capacity, details.startsOn, details.endsOn],
      );
      await replaceSponsors(m, programId, details.sponsorEnterpriseIds);
      return (await lockProgram(m, programId))!;
    });
  }

  /** One step of the workflow; publishing announces the program on Kafka in the same transaction. */
  async transition(programId: string, action: ProgramAction, identity: Identity): Promise<ProgramRow> {
    requireAdmin(identity, `${action} programs`);
    checkUuid('programId', programId);
    const program = await this.dataSource.transaction(async (m) => {
      const current = await this.locked(m, programId);
      const status = nextProgramStatus(current.status, action);
      const at = new Date();
      await m.query(`UPDATE programs SET status = $2, updated_at = $3, published_at = CASE WHEN $2 = 'published' THEN $3 ELSE published_at END WHERE id = $1`, [programId, status, at]);
      if (action === 'publish') {
        await this.outbox.publish(m, 'valley.talent.program-published.v1', {
          programId,
          name: current.name,
          track: current.track,
          capacity: current.capacity,
          startsOn: current.starts_on,
          endsOn: current.ends_on,
          sponsorEnterpriseIds: current.sponsor_enterprise_ids,
          publishedAt: at.toISOString(),
        });
      }
      return (await lockProgram(m, programId))!;
    });
    this.logger.info({ programId, action, status: program.status }, 'program status changed');
    return program;
  }

  private async locked(m: EntityManager, programId: string): Promise<ProgramRow> {
    const program = await lockProgram(m, programId);
    if (!program) throw new TalentError(TalentErrorCode.NotFound, `programId: no program ${programId}`, 'programId');
    return program;
  }

  /** Sponsors are residents of the park now (suspended, exited and unknown enterprises are refused). */
  private async checkSponsors(m: EntityManager, sponsors: readonly string[]): Promise<void> {
    if (sponsors.length === 0) return;
    const rows: Array<{ id: string; status: string }> = await m.query('SELECT id, status FROM known_enterprises WHERE id = ANY($1::uuid[])', [sponsors]);
    const status = new Map(rows.map((r) => [r.id, r.status]));
    const refused = sponsors.find((id) => status.get(id) !== 'resident');
    if (refused) {
      throw new TalentError(TalentErrorCode.NotResident, `sponsorEnterpriseIds: ${refused} is not a resident of the park (${status.get(refused) ?? 'unknown'})`, 'sponsorEnterpriseIds', { enterpriseId: refused, status: status.get(refused) ?? 'unknown' });
    }
  }
}

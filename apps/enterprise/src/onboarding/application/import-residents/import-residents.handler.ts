import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter, type TraceContext } from '@valley/messaging';
import { UserError, type Identity } from '@valley/platform';
import type { Enterprise } from '../../domain/enterprise-application';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { EnterpriseEntity } from '../../infrastructure/persistence/enterprise.entity';
import { toEntity } from '../../infrastructure/persistence/enterprise.mapper';
import { INDUSTRIES } from '../../onboarding.tokens';
import { lifecycleEvent } from '../change-lifecycle/lifecycle-events';
import { recordDecision } from '../enterprise-store';
import { applicationSubmitted } from '../submit-application/application-submitted.event';
import { isUniqueViolation } from '../submit-application/submit-application.handler';
import { MAX_IMPORT_ROWS, readImportRow, type ImportRow, type ImportRowError } from './import-row';

export interface ImportSummary {
  imported: number;
  alreadyPresent: number;
  failed: number;
  errors: ImportRowError[];
}

/**
 * Brings in the residents a park already has. Idempotent by USCC: a code that
 * already has a live record is left as it is. Each row commits on its own, so
 * a bad row never takes the good ones down; its line, field and reason are
 * reported.
 */
@Injectable()
export class ImportResidentsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(INDUSTRIES) private readonly industries: readonly string[],
  ) {}

  async execute(rows: ImportRow[], actor: Identity, trace: TraceContext = {}): Promise<ImportSummary> {
    if (actor.role !== 'park-admin') throw new OnboardingError(OnboardingErrorCode.Forbidden, 'only park administrators import the register');
    if (rows.length > MAX_IMPORT_ROWS) throw new OnboardingError(OnboardingErrorCode.InvalidInput, `rows: at most ${MAX_IMPORT_ROWS} per call; send the register in parts`, 'rows');
    const summary: ImportSummary = { imported: 0, alreadyPresent: 0, failed: 0, errors: [] };
    for (const row of rows) {
      try {
        const outcome = await this.importRow(row, actor, trace);
        summary[outcome] += 1;
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        summary.failed += 1;
        summary.errors.push({ line: row.line, field: err.field ?? 'row', reason: err.message.replace(/^[A-Za-z]+: /, '') });
      }
    }
    return summary;
  }

  private async importRow(row: ImportRow, actor: Identity, trace: TraceContext): Promise<'imported' | 'alreadyPresent'> {
    const at = new Date();
    const { details, admittedMonth } = readImportRow(row, this.industries, at);
    const enterprise: Enterprise = { ...details, id: randomUUID(), status: 'approved', applicantSubject: actor.subject, admittedMonth, submittedAt: at, updatedAt: at };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(EnterpriseEntity, { ...toEntity(enterprise), version: 1 });
        await recordDecision(manager, { enterpriseId: enterprise.id, action: 'import', from: null, to: 'approved', actor, reason: `imported from the register, line ${row.line}`, at });
        await this.outbox.publishAll(manager, [applicationSubmitted(enterprise, at), lifecycleEvent('approve', enterprise, undefined, at)!], trace);
      });
      return 'imported';
    } catch (err) {
      if (isUniqueViolation(err)) return 'alreadyPresent';
      throw err;
    }
  }
}

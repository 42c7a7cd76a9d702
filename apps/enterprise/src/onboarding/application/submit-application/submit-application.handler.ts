import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { OutboxWriter } from '@valley/messaging';
import { validateApplication, type Enterprise } from '../../domain/enterprise-application';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { EnterpriseEntity } from '../../infrastructure/persistence/enterprise.entity';
import { toEntity } from '../../infrastructure/persistence/enterprise.mapper';
import { INDUSTRIES } from '../../onboarding.tokens';
import { recordDecision } from '../enterprise-store';
import { applicationSubmitted } from './application-submitted.event';
import { SubmitApplicationCommand } from './submit-application.command';

const UNIQUE_VIOLATION = '23505';

/** An enterprise applies: the record, its first decision and `application-submitted` commit together. */
@Injectable()
export class SubmitApplicationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(INDUSTRIES) private readonly industries: readonly string[],
  ) {}

  async execute(command: SubmitApplicationCommand): Promise<Enterprise> {
    if (command.applicant.role !== 'enterprise') throw new OnboardingError(OnboardingErrorCode.Forbidden, 'applications are made by enterprise users; administrators import existing residents');
    const details = validateApplication(command.details, this.industries);
    const at = new Date();
    const enterprise: Enterprise = { ...details, id: randomUUID(), status: 'submitted', applicantSubject: command.applicant.subject, submittedAt: at, updatedAt: at };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(EnterpriseEntity, { ...toEntity(enterprise), version: 1 });
        await recordDecision(manager, { enterpriseId: enterprise.id, action: 'submit', from: null, to: 'submitted', actor: command.applicant, at });
        await this.outbox.publishAll(manager, [applicationSubmitted(enterprise, at)], command.trace);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw await duplicateUscc(this.dataSource.manager, enterprise.uscc);
      throw err;
    }
    return enterprise;
  }
}

export function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}

/** The conflict names the live record that holds the code, so the applicant knows what to do. */
export async function duplicateUscc(manager: EntityManager, uscc: string): Promise<OnboardingError> {
  const existing = await manager.getRepository(EnterpriseEntity).findOne({ where: { uscc }, order: { submittedAt: 'DESC' } });
  return new OnboardingError(OnboardingErrorCode.DuplicateUscc, `uscc: ${uscc} is already ${existing?.status ?? 'registered'} as enterprise ${existing?.id ?? 'unknown'}`, 'uscc', {
    existingEnterpriseId: existing?.id,
    existingStatus: existing?.status,
  });
}

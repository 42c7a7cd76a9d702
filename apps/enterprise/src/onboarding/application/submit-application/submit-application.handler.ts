import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { OutboxWriter } from '@valley/messaging';
import { validateApplication, type EnterpriseApplication } from '../../domain/enterprise-application';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { EnterpriseEntity } from '../../infrastructure/persistence/enterprise.entity';
import { toEntity } from '../../infrastructure/persistence/enterprise.mapper';
import { INDUSTRIES } from '../../onboarding.tokens';
import { SubmitApplicationCommand } from './submit-application.command';

const UNIQUE_VIOLATION = '23505';

/** An enterprise applies: the record and `application-submitted` commit together. */
@Injectable()
export class SubmitApplicationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(INDUSTRIES) private readonly industries: readonly string[],
  ) {}

  async execute(command: SubmitApplicationCommand): Promise<EnterpriseApplication> {
    const details = validateApplication(command.details, this.industries);
    const application: EnterpriseApplication = { ...details, id: randomUUID(), status: 'submitted', submittedAt: new Date() };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(EnterpriseEntity, toEntity(application));
        await this.outbox.publish(
          manager,
          'valley.enterprise.application-submitted.v1',
          {
            enterpriseId: application.id,
            uscc: application.uscc,
            name: application.name,
            industry: application.industry,
            registeredCapitalFen: application.registeredCapitalFen.toString(),
            plannedBandwidthMbps: application.plannedBandwidthMbps,
            plannedMonthlyTrafficBytes: application.plannedMonthlyTrafficBytes.toString(),
            headcount: application.headcount,
            submittedAt: application.submittedAt.toISOString(),
          },
          command.trace,
        );
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === UNIQUE_VIOLATION) throw await this.duplicate(application.uscc);
      throw err;
    }
    return application;
  }

  private async duplicate(uscc: string): Promise<OnboardingError> {
    const existing = await this.dataSource.getRepository(EnterpriseEntity).findOne({ where: { uscc }, order: { submittedAt: 'DESC' } });
    return new OnboardingError(OnboardingErrorCode.DuplicateUscc, `uscc: ${uscc} is already ${existing?.status ?? 'registered'} as enterprise ${existing?.id ?? 'unknown'}`, 'uscc', {
      existingEnterpriseId: existing?.id,
      existingStatus: existing?.status,
    });
  }
}

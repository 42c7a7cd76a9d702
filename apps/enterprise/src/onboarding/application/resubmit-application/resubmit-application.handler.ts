import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter, type TraceContext } from '@valley/messaging';
import type { Identity } from '@valley/platform';
import { validateApplication, type ApplicationDetails, type Enterprise } from '../../domain/enterprise-application';
import { nextStatus } from '../../domain/enterprise-lifecycle';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { INDUSTRIES } from '../../onboarding.tokens';
import { lockVisible, recordDecision, saveEnterprise } from '../enterprise-store';
import { applicationSubmitted } from '../submit-application/application-submitted.event';

export class ResubmitApplicationCommand {
  constructor(
    readonly enterpriseId: string,
    readonly details: ApplicationDetails,
    readonly applicant: Identity,
    readonly trace: TraceContext = {},
  ) {}
}

/** After a request for more information, the applicant amends its application and sends it back to the queue. */
@Injectable()
export class ResubmitApplicationHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(INDUSTRIES) private readonly industries: readonly string[],
  ) {}

  async execute(command: ResubmitApplicationCommand): Promise<Enterprise> {
    if (command.applicant.role !== 'enterprise') throw new OnboardingError(OnboardingErrorCode.Forbidden, 'only the applicant may amend and resubmit its application');
    const details = validateApplication(command.details, this.industries);
    return this.dataSource.transaction(async (manager) => {
      const before = await lockVisible(manager, command.enterpriseId, command.applicant);
      if (details.uscc !== before.uscc) throw new OnboardingError(OnboardingErrorCode.InvalidInput, 'uscc: an application keeps its code; apply again for another enterprise', 'uscc');
      const status = nextStatus(before.status, 'resubmit');
      const at = new Date();
      const after: Enterprise = { ...before, ...details, status, updatedAt: at };
      await saveEnterprise(manager, after);
      await recordDecision(manager, { enterpriseId: after.id, action: 'resubmit', from: before.status, to: status, actor: command.applicant, at });
      // Partners see the amended application as submitted again.
      await this.outbox.publishAll(manager, [applicationSubmitted(after, at)], command.trace);
      return after;
    });
  }
}

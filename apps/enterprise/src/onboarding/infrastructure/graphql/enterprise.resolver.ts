import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SubmitApplicationCommand } from '../../application/submit-application/submit-application.command';
import { SubmitApplicationHandler } from '../../application/submit-application/submit-application.handler';
import type { EnterpriseApplication } from '../../domain/enterprise-application';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { EnterpriseType } from './enterprise.type';
import { SubmitApplicationInput } from './submit-application.input';
import { INDUSTRIES } from '../../onboarding.tokens';

function integerString(field: string, value: string): bigint {
  if (!/^(0|[1-9][0-9]{0,24})$/.test(value.trim())) throw new OnboardingError(OnboardingErrorCode.InvalidInput, `${field}: must be a non-negative whole number as a decimal string`, field);
  return BigInt(value.trim());
}

export function toEnterpriseType(application: EnterpriseApplication): EnterpriseType {
  return {
    id: application.id,
    uscc: application.uscc,
    name: application.name,
    industry: application.industry,
    status: application.status,
    registeredCapitalFen: application.registeredCapitalFen.toString(),
    plannedBandwidthMbps: application.plannedBandwidthMbps,
    plannedMonthlyTrafficBytes: application.plannedMonthlyTrafficBytes.toString(),
    submittedAt: application.submittedAt,
  };
}

/**
 * The slice of the onboarding subgraph the foundation needs. Authorisation of
 * the full review workflow arrives with the enterprise onboarding issue.
 */
@Resolver(() => EnterpriseType)
export class EnterpriseResolver {
  constructor(
    private readonly submitApplication: SubmitApplicationHandler,
    @Inject(INDUSTRIES) private readonly industryList: readonly string[],
  ) {}

  @Query(() => [String], { description: 'The industries an applicant may choose from.' })
  industries(): string[] {
    return [...this.industryList];
  }

  @Mutation(() => EnterpriseType, { description: 'An enterprise applies to move into the park.' })
  async submitEnterpriseApplication(@Args('input') input: SubmitApplicationInput): Promise<EnterpriseType> {
    const application = await this.submitApplication.execute(
      new SubmitApplicationCommand({
        ...input,
        registeredCapitalFen: integerString('registeredCapitalFen', input.registeredCapitalFen),
        plannedMonthlyTrafficBytes: integerString('plannedMonthlyTrafficBytes', input.plannedMonthlyTrafficBytes),
      }),
    );
    return toEnterpriseType(application);
  }
}

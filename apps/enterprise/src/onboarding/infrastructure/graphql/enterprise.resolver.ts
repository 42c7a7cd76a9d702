import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityOf, Roles, type Identity, type IdentityContext } from '@valley/platform';
import { ChangeLifecycleCommand, type AdminLifecycleAction } from '../../application/change-lifecycle/change-lifecycle.command';
import { ChangeLifecycleHandler } from '../../application/change-lifecycle/change-lifecycle.handler';
import { EnterpriseQueries } from '../../application/enterprise-queries/enterprise-queries';
import { ResubmitApplicationCommand, ResubmitApplicationHandler } from '../../application/resubmit-application/resubmit-application.handler';
import { SubmitApplicationCommand } from '../../application/submit-application/submit-application.command';
import { SubmitApplicationHandler } from '../../application/submit-application/submit-application.handler';
import type { ApplicationDetails } from '../../domain/enterprise-application';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { INDUSTRIES } from '../../onboarding.tokens';
import { EnterpriseFilterInput, SubmitApplicationInput } from './enterprise.inputs';
import { toDecisionType, toEnterpriseType } from './enterprise.mapper';
import { EnterpriseConnectionType, EnterpriseCountType, EnterpriseDecisionType, EnterpriseType } from './enterprise.type';

function integerString(field: string, value: string): bigint {
  if (!/^(0|[1-9][0-9]{0,24})$/.test(value.trim())) throw new OnboardingError(OnboardingErrorCode.InvalidInput, `${field}: must be a non-negative whole number as a decimal string`, field);
  return BigInt(value.trim());
}

function toDetails(input: SubmitApplicationInput): ApplicationDetails {
  return {
    ...input,
    registeredCapitalFen: integerString('registeredCapitalFen', input.registeredCapitalFen),
    plannedMonthlyTrafficBytes: integerString('plannedMonthlyTrafficBytes', input.plannedMonthlyTrafficBytes),
  };
}

/** The onboarding subgraph. Every field passes the identity guard; each resolver scopes to the caller. */
@Resolver(() => EnterpriseType)
export class EnterpriseResolver {
  constructor(
    private readonly submitApplication: SubmitApplicationHandler,
    private readonly resubmitApplication: ResubmitApplicationHandler,
    private readonly changeLifecycle: ChangeLifecycleHandler,
    private readonly queries: EnterpriseQueries,
    @Inject(INDUSTRIES) private readonly industryList: readonly string[],
  ) {}

  @Query(() => [String], { description: 'The industries an applicant may choose from.' })
  industries(): string[] {
    return [...this.industryList];
  }

  @Query(() => EnterpriseType)
  async enterprise(@Args('id', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return toEnterpriseType(await this.queries.byId(id, identity));
  }

  @Query(() => EnterpriseType)
  async enterpriseByUscc(@Args('uscc') uscc: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return toEnterpriseType(await this.queries.byUscc(uscc, identity));
  }

  @Query(() => EnterpriseConnectionType, { description: 'Newest first; an enterprise user sees only its own.' })
  async enterprises(
    @CurrentIdentity() identity: Identity,
    @Args('filter', { nullable: true }) filter?: EnterpriseFilterInput,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<EnterpriseConnectionType> {
    if (filter?.nameContains && filter.nameContains.length > 100) throw new OnboardingError(OnboardingErrorCode.InvalidInput, 'nameContains: at most 100 characters', 'nameContains');
    const page = await this.queries.list({ ...filter }, { first, ...(after ? { after } : {}) }, identity);
    return { ...page, items: page.items.map(toEnterpriseType) };
  }

  @Roles('park-admin')
  @Query(() => EnterpriseConnectionType, { description: 'Applications waiting for review, longest waiting first.' })
  async reviewQueue(
    @CurrentIdentity() identity: Identity,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<EnterpriseConnectionType> {
    const page = await this.queries.reviewQueue({ first, ...(after ? { after } : {}) }, identity);
    return { ...page, items: page.items.map(toEnterpriseType) };
  }

  @Roles('park-admin')
  @Query(() => [EnterpriseCountType])
  async enterpriseCounts(@CurrentIdentity() identity: Identity): Promise<EnterpriseCountType[]> {
    return (await this.queries.countsByStatusAndIndustry(identity)) as EnterpriseCountType[];
  }

  @ResolveField(() => [EnterpriseDecisionType], { description: 'Every decision, oldest first.' })
  async history(@Parent() enterprise: EnterpriseType, @CurrentIdentity() identity: Identity): Promise<EnterpriseDecisionType[]> {
    return (await this.queries.history(enterprise.id, identity)).map(toDecisionType);
  }

  /** Federation's entity lookup: the same visibility as `enterprise(id)`. */
  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): Promise<EnterpriseType> {
    return toEnterpriseType(await this.queries.byId(reference.id, identityOf(context)));
  }

  @Roles('enterprise')
  @Mutation(() => EnterpriseType, { description: 'An enterprise applies to move into the park.' })
  async submitEnterpriseApplication(@Args('input') input: SubmitApplicationInput, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return toEnterpriseType(await this.submitApplication.execute(new SubmitApplicationCommand(toDetails(input), identity)));
  }

  @Roles('enterprise')
  @Mutation(() => EnterpriseType, { description: 'The applicant amends its application after a request for information.' })
  async resubmitEnterpriseApplication(
    @Args('enterpriseId', { type: () => ID }) enterpriseId: string,
    @Args('input') input: SubmitApplicationInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<EnterpriseType> {
    return toEnterpriseType(await this.resubmitApplication.execute(new ResubmitApplicationCommand(enterpriseId, toDetails(input), identity)));
  }

  @Roles('park-admin')
  @Mutation(() => EnterpriseType)
  takeApplicationIntoReview(@Args('enterpriseId', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return this.step(id, 'take-into-review', identity);
  }

  @Roles('park-admin')
  @Mutation(() => EnterpriseType, { description: 'Back to the applicant with a comment.' })
  requestApplicationInformation(@Args('enterpriseId', { type: () => ID }) id: string, @Args('comment') comment: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return this.step(id, 'request-information', identity, comment);
  }

  @Roles('park-admin')
  @Mutation(() => EnterpriseType)
  approveEnterprise(@Args('enterpriseId', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return this.step(id, 'approve', identity);
  }

  @Roles('park-admin')
  @Mutation(() => EnterpriseType)
  rejectEnterprise(@Args('enterpriseId', { type: () => ID }) id: string, @Args('reason') reason: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return this.step(id, 'reject', identity, reason);
  }

  @Roles('park-admin')
  @Mutation(() => EnterpriseType)
  suspendEnterprise(@Args('enterpriseId', { type: () => ID }) id: string, @Args('reason') reason: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return this.step(id, 'suspend', identity, reason);
  }

  @Roles('park-admin')
  @Mutation(() => EnterpriseType)
  reinstateEnterprise(@Args('enterpriseId', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<EnterpriseType> {
    return this.step(id, 'reinstate', identity);
  }

  @Roles('park-admin')
  @Mutation(() => EnterpriseType)
  exitEnterprise(
    @Args('enterpriseId', { type: () => ID }) id: string,
    @Args('exitDate', { description: 'YYYY-MM-DD' }) exitDate: string,
    @Args('reason') reason: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<EnterpriseType> {
    return this.step(id, 'exit', identity, reason, exitDate);
  }

  private async step(id: string, action: AdminLifecycleAction, identity: Identity, reason?: string, exitDate?: string): Promise<EnterpriseType> {
    return toEnterpriseType(await this.changeLifecycle.execute(new ChangeLifecycleCommand(id, action, identity, reason, exitDate)));
  }
}

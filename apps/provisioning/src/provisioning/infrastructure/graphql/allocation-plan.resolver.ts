import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PlanTermsLookup } from '../../application/plans/plan-terms.lookup';
import { AllocationPlanType } from './provisioning-federation.types';
import { AllocationType } from './provisioning.types';

/** An allocation's plan by name with its terms: the catalogue read once per request. */
@Resolver(() => AllocationType)
export class AllocationPlanResolver {
  constructor(private readonly plans: PlanTermsLookup) {}

  @ResolveField(() => AllocationPlanType, { description: 'the plan version the allocation is on' })
  async plan(@Parent() allocation: AllocationType, @Context() context: object): Promise<AllocationPlanType> {
    const terms = await this.plans.terms(allocation.planId, allocation.planVersion, context);
    // The foreign key (plan_id, plan_version) guarantees the version exists.
    if (!terms) throw new Error(`plan ${allocation.planId} version ${allocation.planVersion} of allocation ${allocation.id} not found`);
    return terms;
  }
}

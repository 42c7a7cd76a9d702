import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { AllocationAdminService } from '../../application/allocations/allocation-admin.service';
import { PlanService, type PlanWithVersions } from '../../application/plans/plan.service';
import { PoolService } from '../../application/pools/pool.service';
import type { AllocationEntity } from '../persistence/provisioning.entities';
import { AllocationType, CreatePoolInput, PlanTermsInput, PlanType, PoolType } from './provisioning.types';

function toPlan({ plan, versions }: PlanWithVersions): PlanType {
  return { id: plan.id, name: plan.name, currentVersion: plan.currentVersion, versions: versions.map((v) => ({ ...v })) };
}

export function toAllocation(a: AllocationEntity): AllocationType {
  return { ...a, ...(a.poolId ? { poolId: a.poolId } : { poolId: undefined }), ...(a.pendingReason ? { pendingReason: a.pendingReason } : { pendingReason: undefined }) } as AllocationType;
}

/** The provisioning subgraph: pools and plans for administrators; allocations scoped to the caller. */
@Resolver()
export class ProvisioningResolver {
  constructor(
    private readonly poolService: PoolService,
    private readonly planService: PlanService,
    private readonly allocationService: AllocationAdminService,
  ) {}

  @Roles('park-admin')
  @Query(() => [PoolType], { description: 'Pools with their utilisation.' })
  async pools(@CurrentIdentity() identity: Identity): Promise<PoolType[]> {
    return (await this.poolService.utilisation(identity)).map(({ pool, allocatedMbps, utilisationPercent }) => ({ ...pool, allocatedMbps, utilisationPercent }));
  }

  @Roles('park-admin')
  @Mutation(() => PoolType)
  async createPool(@Args('input') input: CreatePoolInput, @CurrentIdentity() identity: Identity): Promise<PoolType> {
    const pool = await this.poolService.create(input, identity);
    return { ...pool, allocatedMbps: 0, utilisationPercent: 0 };
  }

  @Query(() => [PlanType], { description: 'The park\'s plans, each with its version history.' })
  async plans(): Promise<PlanType[]> {
    return (await this.planService.list()).map(toPlan);
  }

  @Roles('park-admin')
  @Mutation(() => PlanType)
  async createPlan(@Args('name') name: string, @Args('terms') terms: PlanTermsInput, @CurrentIdentity() identity: Identity): Promise<PlanType> {
    return toPlan(await this.planService.create(name, terms, identity));
  }

  @Roles('park-admin')
  @Mutation(() => PlanType, { description: 'New terms as a new version; past allocations and charges keep theirs.' })
  async revisePlan(@Args('planId', { type: () => ID }) planId: string, @Args('terms') terms: PlanTermsInput, @CurrentIdentity() identity: Identity): Promise<PlanType> {
    return toPlan(await this.planService.revise(planId, terms, identity));
  }

  @Query(() => [AllocationType], { description: 'Administrators: all (filters); an enterprise user: its own.' })
  async allocations(
    @CurrentIdentity() identity: Identity,
    @Args('enterpriseId', { type: () => ID, nullable: true }) enterpriseId?: string,
    @Args('statuses', { type: () => [String], nullable: true }) statuses?: string[],
    @Args('poolId', { type: () => ID, nullable: true }) poolId?: string,
  ): Promise<AllocationType[]> {
    return (await this.allocationService.list({ ...(enterpriseId ? { enterpriseId } : {}), ...(statuses ? { statuses } : {}), ...(poolId ? { poolId } : {}) }, identity)).map(toAllocation);
  }

  @Roles('park-admin')
  @Mutation(() => AllocationType, { description: 'Places a pending allocation in a pool that has room now.' })
  async placePendingAllocation(@Args('allocationId', { type: () => ID }) id: string, @CurrentIdentity() identity: Identity): Promise<AllocationType> {
    return toAllocation(await this.allocationService.placePending(id, identity));
  }

  @Roles('park-admin')
  @Mutation(() => AllocationType, { description: 'Upgrade or downgrade to another plan.' })
  async changeAllocationPlan(@Args('allocationId', { type: () => ID }) id: string, @Args('planId', { type: () => ID }) planId: string, @CurrentIdentity() identity: Identity): Promise<AllocationType> {
    return toAllocation(await this.allocationService.changePlan(id, planId, identity));
  }
}

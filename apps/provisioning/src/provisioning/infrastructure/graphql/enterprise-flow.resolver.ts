import { Args, Context, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { parkMonthOf } from '@valley/contracts';
import { CurrentIdentity, identityOf, type Identity, type IdentityContext } from '@valley/platform';
import { AllocationAdminService } from '../../application/allocations/allocation-admin.service';
import { requireActsFor } from '../../application/provisioning-access';
import { UsageQueries } from '../../application/usage/usage-queries';
import { EnterpriseRefType } from './provisioning-federation.types';
import { toAllocation } from './provisioning.resolver';
import { AllocationType } from './provisioning.types';
import { toMonthUsageType } from './usage.mapper';
import { MonthUsageType } from './usage.types';

const LIVE = ['pending', 'active', 'suspended'];

/**
 * The onboarding service owns Enterprise; through the gateway this adds what
 * provisioning knows of one. An enterprise user gets these fields for its own
 * enterprise only (FORBIDDEN otherwise); administrators for any.
 */
@Resolver(() => EnterpriseRefType)
export class EnterpriseFlowResolver {
  constructor(
    private readonly allocations: AllocationAdminService,
    private readonly usage: UsageQueries,
  ) {}

  /** Federation's entity lookup: nothing to load here, but never without a verified caller. */
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): EnterpriseRefType {
    identityOf(context);
    return { id: reference.id };
  }

  @ResolveField(() => AllocationType, { nullable: true, description: 'Its live allocation (pending, active or suspended); null when it has none.' })
  async flowAllocation(@Parent() enterprise: EnterpriseRefType, @CurrentIdentity() identity: Identity): Promise<AllocationType | null> {
    const { id, caller } = scoped(identity, enterprise.id);
    const live = (await this.allocations.list({ enterpriseId: id, statuses: LIVE }, caller))[0];
    return live ? toAllocation(live) : null;
  }

  @ResolveField(() => [AllocationType], { description: 'Every allocation it has had, revoked ones included, oldest first.' })
  async flowAllocations(@Parent() enterprise: EnterpriseRefType, @CurrentIdentity() identity: Identity): Promise<AllocationType[]> {
    const { id, caller } = scoped(identity, enterprise.id);
    return (await this.allocations.list({ enterpriseId: id }, caller)).map(toAllocation);
  }

  @ResolveField(() => MonthUsageType, { description: 'Its usage in a month (YYYY-MM, Asia/Shanghai; default this month), by day, against its quota.' })
  async flowUsage(@Parent() enterprise: EnterpriseRefType, @CurrentIdentity() identity: Identity, @Args('month', { nullable: true }) month?: string): Promise<MonthUsageType> {
    const { id, caller } = scoped(identity, enterprise.id);
    return toMonthUsageType(await this.usage.usage(id, month ?? parkMonthOf(new Date()), caller));
  }
}

/**
 * The checked enterprise id and the caller to query as: the services compare
 * ids as given, and the reference's may differ in case from the token's.
 */
function scoped(identity: Identity, enterpriseId: string): { id: string; caller: Identity } {
  const id = requireActsFor(identity, enterpriseId);
  return { id, caller: identity.enterpriseId ? { ...identity, enterpriseId: identity.enterpriseId.toLowerCase() } : identity };
}

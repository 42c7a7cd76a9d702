import { Args, Context, Int, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { parkMonthOf } from '@valley/contracts';
import { CurrentIdentity, identityOf, type Identity, type IdentityContext } from '@valley/platform';
import { ProvisioningDashboardQueries } from '../../application/park-dashboard/provisioning-dashboard.queries';
import { requireAdmin } from '../../application/pools/pool.service';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';
import { DashboardQuotaAlertType, ParkDashboardRefType } from './provisioning-federation.types';
import { PoolType } from './provisioning.types';

const PARK_DASHBOARD_ID = 'park';

/**
 * The flow figures of the park dashboard (the onboarding service owns the
 * entity): administrators only, checked in every field, since field resolvers
 * do not pass the guard's role check.
 */
@Resolver(() => ParkDashboardRefType)
export class ParkDashboardFlowResolver {
  constructor(private readonly queries: ProvisioningDashboardQueries) {}

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): ParkDashboardRefType {
    requireAdmin(identityOf(context), 'see the park dashboard');
    if (reference.id !== PARK_DASHBOARD_ID) throw new ProvisioningError(ProvisioningErrorCode.NotFound, `no dashboard ${reference.id}: the park dashboard is "${PARK_DASHBOARD_ID}"`, 'id');
    return { id: PARK_DASHBOARD_ID };
  }

  @ResolveField(() => [PoolType], { description: 'Each pool\'s capacity against the bandwidth its active and suspended allocations hold, by name.' })
  poolUtilisation(@Parent() _d: ParkDashboardRefType, @CurrentIdentity() identity: Identity): Promise<PoolType[]> {
    return this.queries.poolUtilisation(identity);
  }

  @ResolveField(() => [DashboardQuotaAlertType], { description: 'A month\'s quota alerts (YYYY-MM; default this month, Asia/Shanghai), newest first, at most `first` (1 to 1,000, default 100).' })
  quotaAlerts(
    @Parent() _d: ParkDashboardRefType,
    @CurrentIdentity() identity: Identity,
    @Args('month', { nullable: true }) month?: string,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<DashboardQuotaAlertType[]> {
    return this.queries.quotaAlerts(month ?? parkMonthOf(new Date()), first, identity);
  }

  @ResolveField(() => Int, { description: 'How many quota alerts a month had (default this month).' })
  quotaAlertCount(@Parent() _d: ParkDashboardRefType, @CurrentIdentity() identity: Identity, @Args('month', { nullable: true }) month?: string): Promise<number> {
    return this.queries.quotaAlertCount(month ?? parkMonthOf(new Date()), identity);
  }
}

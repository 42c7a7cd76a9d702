import { Context, Int, Parent, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityOf, Roles, type Identity, type IdentityContext } from '@valley/platform';
import { PARK_DASHBOARD_ID, ParkDashboardQueries, requireDashboardAccess } from '../../application/park-dashboard/park-dashboard.queries';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';
import { DashboardIndustryCountType, DashboardStatusCountType, ParkDashboardType } from './park-dashboard.type';

/**
 * Owns Query.parkDashboard and the ParkDashboard entity; adds the residents.
 * Field resolvers do not pass the guard's role check, so each one checks the
 * caller itself.
 */
@Resolver(() => ParkDashboardType)
export class ParkDashboardResolver {
  constructor(private readonly queries: ParkDashboardQueries) {}

  @Roles('park-admin')
  @Query(() => ParkDashboardType, { description: 'The park dashboard (administrators): residents here; flow, revenue and talent figures from the other services, through the gateway.' })
  parkDashboard(@CurrentIdentity() identity: Identity): ParkDashboardType {
    requireDashboardAccess(identity);
    return { id: PARK_DASHBOARD_ID };
  }

  /** Federation's entity lookup: administrators only, and only the one dashboard there is. */
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): ParkDashboardType {
    requireDashboardAccess(identityOf(context));
    if (reference.id !== PARK_DASHBOARD_ID) throw new OnboardingError(OnboardingErrorCode.NotFound, `no dashboard ${reference.id}: the park dashboard is "${PARK_DASHBOARD_ID}"`, 'id');
    return { id: PARK_DASHBOARD_ID };
  }

  @ResolveField(() => [DashboardStatusCountType], { description: 'Enterprises by lifecycle status (applicants included), every status, zeros too.' })
  async residentsByStatus(@Parent() _dashboard: ParkDashboardType, @CurrentIdentity() identity: Identity): Promise<DashboardStatusCountType[]> {
    return (await this.queries.byStatus(identity)) as DashboardStatusCountType[];
  }

  @ResolveField(() => [DashboardIndustryCountType], { description: 'Enterprises in the park now (approved or suspended) by industry, most first.' })
  residentsByIndustry(@Parent() _dashboard: ParkDashboardType, @CurrentIdentity() identity: Identity): Promise<DashboardIndustryCountType[]> {
    return this.queries.residentsByIndustry(identity);
  }

  @ResolveField(() => Int, { description: 'Enterprises in the park now (approved or suspended).' })
  async residentCount(@Parent() _dashboard: ParkDashboardType, @CurrentIdentity() identity: Identity): Promise<number> {
    return (await this.queries.residentsByIndustry(identity)).reduce((sum, row) => sum + row.count, 0);
  }
}

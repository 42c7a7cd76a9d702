import { Context, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityOf, type Identity, type IdentityContext } from '@valley/platform';
import { KpiQueries } from '../../application/kpis/kpi.queries';
import { requireAdmin } from '../../application/talent-access';
import { TalentError, TalentErrorCode } from '../../domain/talent.error';
import { ParkDashboardRefType } from './park-dashboard.type';
import { toKpiType } from './talent.mapper';
import { TalentKpiType } from './talent.types';

const PARK_DASHBOARD_ID = 'park';
const DASHBOARD = 'see the park dashboard';

/**
 * The talent figures of the park dashboard (the onboarding service owns the
 * entity): administrators only, checked in every field, since field resolvers
 * do not pass the guard's role check.
 */
@Resolver(() => ParkDashboardRefType)
export class ParkDashboardTalentResolver {
  constructor(private readonly kpis: KpiQueries) {}

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): ParkDashboardRefType {
    requireAdmin(identityOf(context), DASHBOARD);
    if (reference.id !== PARK_DASHBOARD_ID) throw new TalentError(TalentErrorCode.NotFound, `no dashboard ${reference.id}: the park dashboard is "${PARK_DASHBOARD_ID}"`, 'id');
    return { id: PARK_DASHBOARD_ID };
  }

  @ResolveField(() => TalentKpiType, { description: 'Park-wide: trainees trained (ever held a seat), completed and placed, with the rates.' })
  async talentTotals(@Parent() _d: ParkDashboardRefType, @CurrentIdentity() identity: Identity): Promise<TalentKpiType> {
    requireAdmin(identity, DASHBOARD);
    const [park] = await this.kpis.figures('park', identity);
    return toKpiType(park!);
  }

  @ResolveField(() => [TalentKpiType], { description: 'The same per program (key = program id, label = its name), by track and name.' })
  async talentByProgram(@Parent() _d: ParkDashboardRefType, @CurrentIdentity() identity: Identity): Promise<TalentKpiType[]> {
    requireAdmin(identity, DASHBOARD);
    return (await this.kpis.figures('program', identity)).map(toKpiType);
  }
}

import { Args, Context, Int, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { parkMonthOf } from '@valley/contracts';
import { CurrentIdentity, identityOf, type Identity, type IdentityContext } from '@valley/platform';
import { MultiplierQueries, type CumulativeFigure } from '../../application/multiplier/multiplier.queries';
import { OverdueReportQueries } from '../../application/park-dashboard/overdue-reports.queries';
import { requireAdmin } from '../../application/revenue-access';
import { shiftMonth } from '../../domain/month';
import { RevenueError, RevenueErrorCode } from '../../domain/revenue.error';
import { DashboardOverdueReportType, DashboardRevenueFigureType, ParkDashboardRefType } from './revenue-federation.types';
import { MultiplierMonthType } from './revenue.types';

const PARK_DASHBOARD_ID = 'park';
/** Ten years of months: the multiplier's own range limit. */
const MAX_SERIES_MONTHS = 120;
const DASHBOARD = 'see the park dashboard';

function toFigure(f: CumulativeFigure): DashboardRevenueFigureType {
  return { key: f.key, revenueFen: f.revenueFen.toString(), inputFen: f.inputFen.toString(), enterprises: f.enterprises, ...(f.multiplier ? { multiplier: f.multiplier } : {}) };
}

/**
 * The revenue figures of the park dashboard (the onboarding service owns the
 * entity): administrators only, checked in every field, since field resolvers
 * do not pass the guard's role check.
 */
@Resolver(() => ParkDashboardRefType)
export class ParkDashboardRevenueResolver {
  constructor(
    private readonly multipliers: MultiplierQueries,
    private readonly overdue: OverdueReportQueries,
  ) {}

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): ParkDashboardRefType {
    requireAdmin(identityOf(context), DASHBOARD);
    if (reference.id !== PARK_DASHBOARD_ID) throw new RevenueError(RevenueErrorCode.NotFound, `no dashboard ${reference.id}: the park dashboard is "${PARK_DASHBOARD_ID}"`, 'id');
    return { id: PARK_DASHBOARD_ID };
  }

  @ResolveField(() => DashboardRevenueFigureType, { description: 'Park-wide cumulative revenue, data-element input and the multiplier.' })
  async revenueTotals(@Parent() _d: ParkDashboardRefType, @CurrentIdentity() identity: Identity): Promise<DashboardRevenueFigureType> {
    const [park] = await this.multipliers.cumulative('park', identity);
    return toFigure(park!);
  }

  @ResolveField(() => [DashboardRevenueFigureType], { description: 'The same per industry (the enterprise\'s industry as it is now).' })
  async revenueByIndustry(@Parent() _d: ParkDashboardRefType, @CurrentIdentity() identity: Identity): Promise<DashboardRevenueFigureType[]> {
    return (await this.multipliers.cumulative('industry', identity)).map(toFigure);
  }

  @ResolveField(() => [MultiplierMonthType], { description: 'Park-wide revenue, input and multiplier per month: the `months` months (1 to 120, default 12) up to toMonth (default this month, Asia/Shanghai), oldest first.' })
  async revenueMonthly(
    @Parent() _d: ParkDashboardRefType,
    @CurrentIdentity() identity: Identity,
    @Args('months', { type: () => Int, defaultValue: 12 }) months: number,
    @Args('toMonth', { nullable: true }) toMonth?: string,
  ): Promise<MultiplierMonthType[]> {
    requireAdmin(identity, DASHBOARD);
    if (!Number.isInteger(months) || months < 1 || months > MAX_SERIES_MONTHS) throw new RevenueError(RevenueErrorCode.InvalidInput, `months: must be a whole number from 1 to ${MAX_SERIES_MONTHS}, got ${months}`, 'months');
    const to = toMonth ?? parkMonthOf(new Date());
    const [park] = await this.multipliers.figures('park', shiftMonth(to, -(months - 1), 'toMonth'), to, identity, undefined, { lineage: false });
    return park!.series.map((s) => ({ month: s.month, revenueFen: s.revenueFen.toString(), inputFen: s.inputFen.toString(), ...(s.multiplier ? { multiplier: s.multiplier } : {}) }));
  }

  @ResolveField(() => [DashboardOverdueReportType], { description: 'Reports overdue now (deadline passed, still not submitted): oldest month first, at most `first` (1 to 500, default 100).' })
  async overdueReports(
    @Parent() _d: ParkDashboardRefType,
    @CurrentIdentity() identity: Identity,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<DashboardOverdueReportType[]> {
    return (await this.overdue.list(first, identity)).map((o) => ({ enterpriseId: o.enterpriseId, enterpriseName: o.name, industry: o.industry, month: o.month, deadline: o.deadline, raisedAt: o.raisedAt }));
  }

  @ResolveField(() => Int, { description: 'How many reports are overdue now.' })
  overdueReportCount(@Parent() _d: ParkDashboardRefType, @CurrentIdentity() identity: Identity): Promise<number> {
    return this.overdue.count(identity);
  }
}

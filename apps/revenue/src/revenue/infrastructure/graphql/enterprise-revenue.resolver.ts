import { Args, Context, Parent, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import { parkMonthOf } from '@valley/contracts';
import { CurrentIdentity, identityOf, type Identity, type IdentityContext } from '@valley/platform';
import { MultiplierQueries } from '../../application/multiplier/multiplier.queries';
import { ReportQueries } from '../../application/reports/report.queries';
import { shiftMonth } from '../../domain/month';
import { EnterpriseRefType } from './revenue-federation.types';
import { toMultiplierType, toReport } from './revenue.mapper';
import { MultiplierType, RevenueReportType } from './revenue.types';

/** Without a range: the twelve months up to the current one (Asia/Shanghai). */
function range(fromMonth: string | undefined, toMonth: string | undefined): [string, string] {
  const to = toMonth ?? parkMonthOf(new Date());
  return [fromMonth ?? shiftMonth(to, -11, 'toMonth'), to];
}

/**
 * The onboarding service owns Enterprise; through the gateway this adds what
 * revenue knows of one. An enterprise user gets these fields for its own
 * enterprise only (FORBIDDEN otherwise); administrators for any.
 */
@Resolver(() => EnterpriseRefType)
export class EnterpriseRevenueResolver {
  constructor(
    private readonly reports: ReportQueries,
    private readonly multipliers: MultiplierQueries,
  ) {}

  /** Federation's entity lookup: nothing to load here, but never without a verified caller. */
  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }, @Context() context: Partial<IdentityContext>): EnterpriseRefType {
    identityOf(context);
    return { id: reference.id };
  }

  @ResolveField(() => [RevenueReportType], { description: 'Its monthly reports from fromMonth to toMonth (YYYY-MM, at most 120 months; default the last 12 up to this month), oldest first, each with every version.' })
  async revenueReports(
    @Parent() enterprise: EnterpriseRefType,
    @CurrentIdentity() identity: Identity,
    @Args('fromMonth', { nullable: true }) fromMonth?: string,
    @Args('toMonth', { nullable: true }) toMonth?: string,
  ): Promise<RevenueReportType[]> {
    return (await this.reports.reportsOf(enterprise.id, ...range(fromMonth, toMonth), identity)).map((r) => toReport(r.report, r.versions));
  }

  @ResolveField(() => MultiplierType, { description: 'Its revenue ÷ data-element input over the months it has both, from fromMonth to toMonth (default the last 12 up to this month), with the monthly series.' })
  async revenueMultiplier(
    @Parent() enterprise: EnterpriseRefType,
    @CurrentIdentity() identity: Identity,
    @Args('fromMonth', { nullable: true }) fromMonth?: string,
    @Args('toMonth', { nullable: true }) toMonth?: string,
  ): Promise<MultiplierType> {
    return toMultiplierType(await this.multipliers.ofEnterprise(enterprise.id, ...range(fromMonth, toMonth), identity));
  }
}

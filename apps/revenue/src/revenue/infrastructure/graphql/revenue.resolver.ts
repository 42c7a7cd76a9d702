import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Kind, type GraphQLResolveInfo } from 'graphql';
import { CurrentIdentity, Roles, type Identity } from '@valley/platform';
import { MultiplierQueries } from '../../application/multiplier/multiplier.queries';
import type { ReportRow } from '../../application/reports/report-store';
import { ReportQueries } from '../../application/reports/report.queries';
import { ReportService } from '../../application/reports/report.service';
import { RevenueExport } from '../../application/reports/revenue-export';
import { toMultiplierType, toReport } from './revenue.mapper';
import { MissingReportType, MultiplierScopeGql, MultiplierType, ReportFiguresInput, RevenueReportType } from './revenue.types';

/** The revenue subgraph: a resident reports and amends its own; administrators review and see the park. */
@Resolver()
export class RevenueResolver {
  constructor(
    private readonly service: ReportService,
    private readonly reportQueries: ReportQueries,
    private readonly multiplierQueries: MultiplierQueries,
    private readonly exporter: RevenueExport,
  ) {}

  @Roles('enterprise')
  @Mutation(() => RevenueReportType, { description: 'Submits (or, after a return, resubmits) a month\'s report; the same idempotency key twice makes one report.' })
  async submitRevenueReport(
    @Args('enterpriseId', { type: () => ID }) enterpriseId: string,
    @Args('month') month: string,
    @Args('figures') figures: ReportFiguresInput,
    @CurrentIdentity() identity: Identity,
    @Args('idempotencyKey', { nullable: true }) idempotencyKey?: string,
  ): Promise<RevenueReportType> {
    const report = await this.service.submit(enterpriseId, month, figures, identity, idempotencyKey);
    return this.withVersions(report, identity);
  }

  @Roles('park-admin')
  @Mutation(() => RevenueReportType)
  async acceptRevenueReport(@Args('reportId', { type: () => ID }) reportId: string, @CurrentIdentity() identity: Identity): Promise<RevenueReportType> {
    return this.withVersions(await this.service.review(reportId, 'accept', identity), identity);
  }

  @Roles('park-admin')
  @Mutation(() => RevenueReportType, { description: 'Back to the enterprise with a comment.' })
  async returnRevenueReport(@Args('reportId', { type: () => ID }) reportId: string, @Args('comment') comment: string, @CurrentIdentity() identity: Identity): Promise<RevenueReportType> {
    return this.withVersions(await this.service.review(reportId, 'return', identity, comment), identity);
  }

  @Roles('enterprise')
  @Mutation(() => RevenueReportType, { description: 'Amends an accepted report: a new version with its reason.' })
  async amendRevenueReport(
    @Args('reportId', { type: () => ID }) reportId: string,
    @Args('figures') figures: ReportFiguresInput,
    @Args('reason') reason: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<RevenueReportType> {
    return this.withVersions(await this.service.amend(reportId, figures, reason, identity), identity);
  }

  @Query(() => RevenueReportType, { nullable: true })
  async revenueReport(@Args('enterpriseId', { type: () => ID }) enterpriseId: string, @Args('month') month: string, @CurrentIdentity() identity: Identity): Promise<RevenueReportType | null> {
    const found = await this.reportQueries.report(enterpriseId, month, identity);
    return found ? toReport(found.report, found.versions) : null;
  }

  @Roles('park-admin')
  @Query(() => [RevenueReportType])
  async revenueReports(@Args('month') month: string, @CurrentIdentity() identity: Identity): Promise<RevenueReportType[]> {
    return (await this.reportQueries.reports(month, identity)).map((r) => toReport(r.report, r.versions));
  }

  @Roles('park-admin')
  @Query(() => [MissingReportType], { description: 'Residents that have not reported the month.' })
  missingRevenueReports(@Args('month') month: string, @CurrentIdentity() identity: Identity): Promise<MissingReportType[]> {
    return this.reportQueries.missing(month, identity);
  }

  @Roles('park-admin')
  @Query(() => String, { description: 'A month\'s accepted reports as CSV (UTF-8 with BOM, CRLF) for the statistics office.' })
  revenueExportCsv(@Args('month') month: string, @CurrentIdentity() identity: Identity): Promise<string> {
    return this.exporter.csv(month, identity);
  }

  @Query(() => [MultiplierType], { description: 'Revenue ÷ data-element input over the same enterprises and months.' })
  async multiplier(
    @Args('scope', { type: () => MultiplierScopeGql }) scope: MultiplierScopeGql,
    @Args('fromMonth') fromMonth: string,
    @Args('toMonth') toMonth: string,
    @CurrentIdentity() identity: Identity,
    @Info() info: GraphQLResolveInfo,
    @Args('enterpriseId', { type: () => ID, nullable: true }) enterpriseId?: string,
  ): Promise<MultiplierType[]> {
    const figures = await this.multiplierQueries.figures(scope, fromMonth, toMonth, identity, enterpriseId, { lineage: selects(info, 'lineage') });
    return figures.map(toMultiplierType);
  }

  private async withVersions(report: ReportRow, identity: Identity): Promise<RevenueReportType> {
    const found = await this.reportQueries.report(report.enterprise_id, report.month, { ...identity, role: 'park-admin' });
    return toReport(found!.report, found!.versions);
  }
}

/** Whether the query asks for `field` of this field's result (conservatively yes behind a fragment). */
function selects(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) =>
    (node.selectionSet?.selections ?? []).some((s) => s.kind !== Kind.FIELD || s.name.value === field),
  );
}

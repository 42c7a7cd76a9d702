import { Module, type DynamicModule } from '@nestjs/common';
import { MultiplierQueries } from './application/multiplier/multiplier.queries';
import { ReportQueries } from './application/reports/report.queries';
import { ReportService } from './application/reports/report.service';
import { OverdueService } from './application/reports/overdue.service';
import { RevenueExport } from './application/reports/revenue-export';
import { OverdueScheduler } from './infrastructure/messaging/overdue.scheduler';
import { MultiplierCompactionScheduler } from './infrastructure/persistence/multiplier-compaction.scheduler';
import { RevenueResolver } from './infrastructure/graphql/revenue.resolver';
import { EnterpriseRevenueResolver } from './infrastructure/graphql/enterprise-revenue.resolver';
import { ParkDashboardRevenueResolver } from './infrastructure/graphql/park-dashboard-revenue.resolver';
import { OverdueReportQueries } from './application/park-dashboard/overdue-reports.queries';
import { RevenueProjectionsConsumer } from './infrastructure/messaging/revenue-projections.consumer';
import type { AnomalyThresholds } from './domain/anomaly';
import { ANOMALY_THRESHOLDS, CONSUMER_GROUP_PREFIX, DUE_DAY, REPORT_LINES } from './revenue.tokens';

@Module({})
export class RevenueModule {
  static forRoot(options: { consumerGroupPrefix: string; reportLines: readonly string[]; dueDay: number; anomalyThresholds: AnomalyThresholds }): DynamicModule {
    return {
      module: RevenueModule,
      providers: [
        { provide: CONSUMER_GROUP_PREFIX, useValue: options.consumerGroupPrefix },
        { provide: REPORT_LINES, useValue: options.reportLines },
        { provide: DUE_DAY, useValue: options.dueDay },
        { provide: ANOMALY_THRESHOLDS, useValue: options.anomalyThresholds },
        ReportService,
        ReportQueries,
        MultiplierQueries,
        RevenueResolver,
        OverdueReportQueries,
        EnterpriseRevenueResolver,
        ParkDashboardRevenueResolver,
        RevenueProjectionsConsumer,
        OverdueService,
        RevenueExport,
        OverdueScheduler,
        MultiplierCompactionScheduler,
      ],
    };
  }
}

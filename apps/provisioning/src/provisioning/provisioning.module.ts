import { Module, type DynamicModule } from '@nestjs/common';
import { AllocationAdminService } from './application/allocations/allocation-admin.service';
import { AllocationService } from './application/allocations/allocation.service';
import { PlanService } from './application/plans/plan.service';
import { PoolService } from './application/pools/pool.service';
import { ProvisioningResolver } from './infrastructure/graphql/provisioning.resolver';
import { EnterpriseLifecycleConsumer } from './infrastructure/messaging/enterprise-lifecycle.consumer';
import { MonthCloseScheduler } from './infrastructure/messaging/month-close.scheduler';
import { UsageRecordsConsumer } from './infrastructure/messaging/usage-records.consumer';
import { ChargeService } from './application/charges/charge.service';
import { UsageIngestService } from './application/usage/usage-ingest.service';
import { UsageQueries } from './application/usage/usage-queries';
import { UsageUploadService } from './application/usage/usage-upload.service';
import { UsageResolver } from './infrastructure/graphql/usage.resolver';
import { PlanTermsLookup } from './application/plans/plan-terms.lookup';
import { ProvisioningDashboardQueries } from './application/park-dashboard/provisioning-dashboard.queries';
import { AllocationPlanResolver } from './infrastructure/graphql/allocation-plan.resolver';
import { EnterpriseFlowResolver } from './infrastructure/graphql/enterprise-flow.resolver';
import { ParkDashboardFlowResolver } from './infrastructure/graphql/park-dashboard-flow.resolver';

import { CONSUMER_GROUP_PREFIX } from './provisioning.tokens';

@Module({})
export class ProvisioningModule {
  static forRoot(consumerGroupPrefix: string): DynamicModule {
    return {
      module: ProvisioningModule,
      providers: [{ provide: CONSUMER_GROUP_PREFIX, useValue: consumerGroupPrefix }, PoolService, PlanService, AllocationService, AllocationAdminService, ProvisioningResolver, EnterpriseLifecycleConsumer, ChargeService, UsageIngestService, UsageRecordsConsumer, MonthCloseScheduler, UsageQueries, UsageUploadService, UsageResolver, PlanTermsLookup, ProvisioningDashboardQueries, AllocationPlanResolver, EnterpriseFlowResolver, ParkDashboardFlowResolver],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { ChangeLifecycleHandler } from './application/change-lifecycle/change-lifecycle.handler';
import { EnterpriseQueries } from './application/enterprise-queries/enterprise-queries';
import { ResubmitApplicationHandler } from './application/resubmit-application/resubmit-application.handler';
import { SubmitApplicationHandler } from './application/submit-application/submit-application.handler';
import { ImportResidentsHandler } from './application/import-residents/import-residents.handler';
import { EnterpriseResolver } from './infrastructure/graphql/enterprise.resolver';
import { ImportResolver } from './infrastructure/graphql/import.resolver';
import { ParkDashboardQueries } from './application/park-dashboard/park-dashboard.queries';
import { ParkDashboardResolver } from './infrastructure/graphql/park-dashboard.resolver';
import { INDUSTRIES } from './onboarding.tokens';

@Module({})
export class OnboardingModule {
  static forRoot(industries: readonly string[]): DynamicModule {
    return {
      module: OnboardingModule,
      providers: [{ provide: INDUSTRIES, useValue: industries }, SubmitApplicationHandler, ResubmitApplicationHandler, ChangeLifecycleHandler, EnterpriseQueries, EnterpriseResolver, ImportResidentsHandler, ImportResolver, ParkDashboardQueries, ParkDashboardResolver],
    };
  }
}

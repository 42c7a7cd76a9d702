import { Module, type DynamicModule } from '@nestjs/common';
import { SubmitApplicationHandler } from './application/submit-application/submit-application.handler';
import { EnterpriseResolver } from './infrastructure/graphql/enterprise.resolver';
import { INDUSTRIES } from './onboarding.tokens';

@Module({})
export class OnboardingModule {
  static forRoot(industries: readonly string[]): DynamicModule {
    return {
      module: OnboardingModule,
      providers: [{ provide: INDUSTRIES, useValue: industries }, SubmitApplicationHandler, EnterpriseResolver],
    };
  }
}

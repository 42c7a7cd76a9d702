import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { PlatformModule, subgraphGraphqlModule, UserErrorFilter, kafkaSaslOf } from '@valley/platform';
import type { EnterpriseConfig } from './enterprise.config';
import { EnterpriseDecisionEntity } from './onboarding/infrastructure/persistence/enterprise-decision.entity';
import { EnterpriseEntity } from './onboarding/infrastructure/persistence/enterprise.entity';
import { enterpriseMigrations } from './onboarding/infrastructure/persistence/migrations';
import { OnboardingModule } from './onboarding/onboarding.module';

@Module({})
export class EnterpriseAppModule {
  static forRoot(config: EnterpriseConfig, logger: Logger): DynamicModule {
    return {
      module: EnterpriseAppModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          entities: [EnterpriseEntity, EnterpriseDecisionEntity],
          migrations: enterpriseMigrations,
          migrationsRun: true,
          synchronize: false,
          extra: { max: 10, application_name: 'valley-enterprise' },
        }),
        subgraphGraphqlModule({ identitySecret: config.VALLEY_IDENTITY_SECRET, production: config.NODE_ENV === 'production', logger }),
        PlatformModule.forRoot({ serviceName: 'enterprise', databaseUrl: config.DATABASE_URL, kafkaBrokers: config.KAFKA_BROKERS.split(','), kafkaSasl: kafkaSaslOf(config), logger, relayOutbox: true }),
        OnboardingModule.forRoot(config.ENTERPRISE_INDUSTRIES.split(',')),
      ],
      providers: [{ provide: APP_FILTER, useClass: UserErrorFilter }],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { KafkaSasl } from '@valley/messaging';
import { PlatformModule, subgraphGraphqlModule, UserErrorFilter, kafkaSaslOf } from '@valley/platform';
import type { EnterpriseConfig } from './enterprise.config';
import { EnterpriseDecisionEntity } from './onboarding/infrastructure/persistence/enterprise-decision.entity';
import { EnterpriseEntity } from './onboarding/infrastructure/persistence/enterprise.entity';
import { enterpriseMigrations } from './onboarding/infrastructure/persistence/migrations';
import { OnboardingModule } from './onboarding/onboarding.module';
import { PartnerAuditEntity } from './partners/infrastructure/persistence/partner-audit.entity';
import { PartnerEntity } from './partners/infrastructure/persistence/partner.entity';
import { PartnersModule } from './partners/partners.module';

/** The registry's own principal where one is configured; else the service's (which lacks ALTER on the cluster on a secured broker). */
function registrySasl(config: EnterpriseConfig): KafkaSasl | undefined {
  const own = kafkaSaslOf(config);
  if (!config.PARTNER_REGISTRY_KAFKA_USERNAME || !config.PARTNER_REGISTRY_KAFKA_PASSWORD) return own;
  return { mechanism: own?.mechanism ?? 'scram-sha-512', username: config.PARTNER_REGISTRY_KAFKA_USERNAME, password: config.PARTNER_REGISTRY_KAFKA_PASSWORD };
}

@Module({})
export class EnterpriseAppModule {
  static forRoot(config: EnterpriseConfig, logger: Logger): DynamicModule {
    return {
      module: EnterpriseAppModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          entities: [EnterpriseEntity, EnterpriseDecisionEntity, PartnerEntity, PartnerAuditEntity],
          migrations: enterpriseMigrations,
          migrationsRun: true,
          synchronize: false,
          extra: { max: 10, application_name: 'valley-enterprise' },
        }),
        subgraphGraphqlModule({ identitySecret: config.VALLEY_IDENTITY_SECRET, production: config.NODE_ENV === 'production', logger }),
        PlatformModule.forRoot({ serviceName: 'enterprise', databaseUrl: config.DATABASE_URL, kafkaBrokers: config.KAFKA_BROKERS.split(','), kafkaSasl: kafkaSaslOf(config), logger, relayOutbox: true }),
        OnboardingModule.forRoot(config.ENTERPRISE_INDUSTRIES.split(',')),
        PartnersModule.forRoot({ brokers: config.KAFKA_BROKERS.split(','), sasl: registrySasl(config) }),
      ],
      providers: [{ provide: APP_FILTER, useClass: UserErrorFilter }],
    };
  }
}

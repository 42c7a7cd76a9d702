import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { PlatformModule, subgraphGraphqlModule, UserErrorFilter, kafkaSaslOf } from '@valley/platform';
import { EnterpriseRefType, ParkDashboardRefType } from './revenue/infrastructure/graphql/revenue-federation.types';
import type { RevenueConfig } from './revenue.config';
import { revenueMigrations } from './revenue/infrastructure/persistence/migrations';
import { RevenueModule } from './revenue/revenue.module';

@Module({})
export class RevenueAppModule {
  static forRoot(config: RevenueConfig, logger: Logger): DynamicModule {
    return {
      module: RevenueAppModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          entities: [],
          migrations: revenueMigrations,
          migrationsRun: true,
          synchronize: false,
          extra: { max: 16, application_name: 'valley-revenue' },
        }),
        subgraphGraphqlModule({ identitySecret: config.VALLEY_IDENTITY_SECRET, production: config.NODE_ENV === 'production', logger, orphanedTypes: [EnterpriseRefType, ParkDashboardRefType] }),
        PlatformModule.forRoot({ serviceName: 'revenue', databaseUrl: config.DATABASE_URL, kafkaBrokers: config.KAFKA_BROKERS.split(','), kafkaSasl: kafkaSaslOf(config), logger, relayOutbox: true }),
        RevenueModule.forRoot({ consumerGroupPrefix: config.REVENUE_CONSUMER_GROUP_PREFIX, reportLines: config.REVENUE_REPORT_LINES.split(','), dueDay: config.REVENUE_DUE_DAY, anomalyThresholds: { revenueChangePercent: config.REVENUE_ANOMALY_CHANGE_PERCENT, usageFlatPercent: config.REVENUE_ANOMALY_FLAT_PERCENT } }),
      ],
      providers: [{ provide: APP_FILTER, useClass: UserErrorFilter }],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { PlatformModule, subgraphGraphqlModule, UserErrorFilter, kafkaSaslOf } from '@valley/platform';
import { EnterpriseRefType, ParkDashboardRefType } from './provisioning/infrastructure/graphql/provisioning-federation.types';
import type { ProvisioningConfig } from './provisioning.config';
import { provisioningMigrations } from './provisioning/infrastructure/persistence/migrations';
import { provisioningEntities } from './provisioning/infrastructure/persistence/provisioning.entities';
import { ProvisioningModule } from './provisioning/provisioning.module';

@Module({})
export class ProvisioningAppModule {
  static forRoot(config: ProvisioningConfig, logger: Logger): DynamicModule {
    return {
      module: ProvisioningAppModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          entities: provisioningEntities,
          migrations: provisioningMigrations,
          migrationsRun: true,
          synchronize: false,
          // The lifecycle consumer applies up to 6 partitions at once, each holding a connection.
          extra: { max: 16, application_name: 'valley-provisioning' },
        }),
        subgraphGraphqlModule({ identitySecret: config.VALLEY_IDENTITY_SECRET, production: config.NODE_ENV === 'production', logger, orphanedTypes: [EnterpriseRefType, ParkDashboardRefType] }),
        PlatformModule.forRoot({ serviceName: 'provisioning', databaseUrl: config.DATABASE_URL, kafkaBrokers: config.KAFKA_BROKERS.split(','), kafkaSasl: kafkaSaslOf(config), logger, relayOutbox: true }),
        ProvisioningModule.forRoot(config.PROVISIONING_CONSUMER_GROUP_PREFIX),
      ],
      providers: [{ provide: APP_FILTER, useClass: UserErrorFilter }],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { PlatformModule, subgraphGraphqlModule, UserErrorFilter, kafkaSaslOf } from '@valley/platform';
import { ParkDashboardRefType } from './talent/infrastructure/graphql/park-dashboard.type';
import type { TalentConfig } from './talent.config';
import { talentMigrations } from './talent/infrastructure/persistence/migrations';
import { TalentModule } from './talent/talent.module';

@Module({})
export class TalentAppModule {
  static forRoot(config: TalentConfig, logger: Logger): DynamicModule {
    return {
      module: TalentAppModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          entities: [],
          migrations: talentMigrations,
          migrationsRun: true,
          synchronize: false,
          extra: { max: 16, application_name: 'valley-talent' },
        }),
        subgraphGraphqlModule({ identitySecret: config.VALLEY_IDENTITY_SECRET, production: config.NODE_ENV === 'production', logger, orphanedTypes: [ParkDashboardRefType] }),
        PlatformModule.forRoot({ serviceName: 'talent', databaseUrl: config.DATABASE_URL, kafkaBrokers: config.KAFKA_BROKERS.split(','), kafkaSasl: kafkaSaslOf(config), logger, relayOutbox: true }),
        TalentModule.forRoot({ consumerGroupPrefix: config.TALENT_CONSUMER_GROUP_PREFIX, tracks: config.TALENT_TRACKS.split(','), idHashSecret: config.TALENT_ID_HASH_SECRET }),
      ],
      providers: [{ provide: APP_FILTER, useClass: UserErrorFilter }],
    };
  }
}

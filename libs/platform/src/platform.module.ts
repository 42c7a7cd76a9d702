import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityGuard } from './identity/identity.guard';
import { createKafka, OutboxWriter } from '@valley/messaging';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';
import { MetricsController } from './metrics/metrics.controller';
import { OutboxRelayService } from './outbox-relay.service';
import type { PlatformOptions } from './platform-options';
import { JSON_LOGGER, KAFKA_CLIENT, PLATFORM_OPTIONS } from './platform.tokens';

/**
 * What every service needs and nothing more: the Kafka client, the outbox
 * writer and relay, health and metrics endpoints. Needs a TypeORM DataSource.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        { provide: JSON_LOGGER, useValue: options.logger },
        { provide: APP_GUARD, useClass: IdentityGuard },
        {
          provide: KAFKA_CLIENT,
          useFactory: () =>
            createKafka({ brokers: options.kafkaBrokers, sasl: options.kafkaSasl, clientId: `valley-${options.serviceName}`, log: (level, message, extra) => options.logger[level](extra, message) }),
        },
        OutboxWriter,
        ReadinessService,
        OutboxRelayService,
      ],
      exports: [KAFKA_CLIENT, JSON_LOGGER, OutboxWriter],
    };
  }
}

import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent } from '@valley/contracts';
import { applyToKnownEnterprises, cloudEventDecoder, IdempotentConsumer } from '@valley/messaging';
import { JSON_LOGGER, KAFKA_CLIENT, messagingLogger } from '@valley/platform';
import { CONSUMER_GROUP_PREFIX } from '../../talent.tokens';

/**
 * What talent needs of the onboarding service, from its events: which
 * enterprises are residents right now (only they sponsor programs and hire
 * trainees) and their industry (for placements by industry).
 */
@Injectable()
export class TalentProjectionsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: IdempotentConsumer<CloudEvent>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
    @Inject(CONSUMER_GROUP_PREFIX) private readonly groupPrefix: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new IdempotentConsumer<CloudEvent>({
      kafka: this.kafka,
      dataSource: this.dataSource,
      groupId: `${this.groupPrefix}.projections`,
      topics: [Topics.EnterpriseLifecycle],
      decode: cloudEventDecoder,
      handle: (m, manager) => this.apply(m.value, manager),
      logger: messagingLogger(this.logger),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async apply(event: CloudEvent, manager: EntityManager): Promise<void> {
    await applyToKnownEnterprises(manager, event, 'talent');
  }
}

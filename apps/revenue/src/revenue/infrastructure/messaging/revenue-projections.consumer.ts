import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent, type EventData } from '@valley/contracts';
import { applyToKnownEnterprises, cloudEventDecoder, IdempotentConsumer } from '@valley/messaging';
import { JSON_LOGGER, KAFKA_CLIENT, messagingLogger } from '@valley/platform';
import { CONSUMER_GROUP_PREFIX } from '../../revenue.tokens';

/**
 * What revenue needs of other services, from their events: who is a resident
 * since when (onboarding), and each enterprise's data-element input per month
 * (provisioning's charges, the highest revision winning in any arrival order).
 */
@Injectable()
export class RevenueProjectionsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
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
      topics: [Topics.EnterpriseLifecycle, Topics.FlowCharges],
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
    if (await applyToKnownEnterprises(manager, event, 'revenue')) return;
    if (event.type !== 'valley.flow.monthly-charges-computed.v1') return;
    const d = event.data as EventData<typeof event.type>;
    await manager.query(
      `INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (enterprise_id, month) DO UPDATE SET revision = EXCLUDED.revision, charge_fen = EXCLUDED.charge_fen, billable_bytes = EXCLUDED.billable_bytes, received_at = now()
       WHERE data_element_input.revision < EXCLUDED.revision`,
      [d.enterpriseId, d.month, d.revision, d.chargeFen, d.billableBytes],
    );
  }
}

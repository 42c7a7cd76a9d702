import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent, type EventData } from '@valley/contracts';
import { cloudEventDecoder, IdempotentConsumer, PermanentMessageError } from '@valley/messaging';
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
    switch (event.type) {
      case 'valley.enterprise.application-submitted.v1': {
        const d = event.data as EventData<typeof event.type>;
        await manager.query(
          `INSERT INTO known_enterprises (id, name, industry, status) VALUES ($1, $2, $3, 'applicant')
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, industry = EXCLUDED.industry, updated_at = now()`,
          [d.enterpriseId, d.name, d.industry],
        );
        return;
      }
      case 'valley.enterprise.approved.v1': {
        const d = event.data as EventData<typeof event.type>;
        await manager.query(
          `INSERT INTO known_enterprises (id, name, industry, status) VALUES ($1, $2, $3, 'resident')
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, industry = EXCLUDED.industry, status = 'resident', updated_at = now()`,
          [d.enterpriseId, d.name, d.industry],
        );
        return;
      }
      case 'valley.enterprise.rejected.v1':
        return this.setStatus(manager, event.subject, 'rejected');
      case 'valley.enterprise.suspended.v1':
        return this.setStatus(manager, event.subject, 'suspended');
      case 'valley.enterprise.reinstated.v1':
        return this.setStatus(manager, event.subject, 'resident');
      case 'valley.enterprise.exited.v1':
        return this.setStatus(manager, event.subject, 'exited');
      default:
        return;
    }
  }

  private async setStatus(manager: EntityManager, enterpriseId: string, status: string): Promise<void> {
    // A CTE so the driver returns rows (a bare UPDATE … RETURNING comes back as [rows, count]).
    const rows: unknown[] = await manager.query(`WITH u AS (UPDATE known_enterprises SET status = $2, updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM u`, [enterpriseId, status]);
    if (rows.length === 0) throw new PermanentMessageError(`enterprise ${enterpriseId} is not known to talent (its application or approval is missing)`);
  }
}

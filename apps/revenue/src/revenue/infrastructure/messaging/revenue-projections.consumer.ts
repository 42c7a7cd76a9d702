import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent, type EventData } from '@valley/contracts';
import { cloudEventDecoder, IdempotentConsumer, PermanentMessageError } from '@valley/messaging';
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
          `INSERT INTO known_enterprises (id, name, industry, status, admitted_month) VALUES ($1, $2, $3, 'resident', $4)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, industry = EXCLUDED.industry, status = 'resident', admitted_month = EXCLUDED.admitted_month, updated_at = now()`,
          [d.enterpriseId, d.name, d.industry, d.admittedMonth],
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
        return this.setStatus(manager, event.subject, 'exited', (event.data as EventData<typeof event.type>).exitDate.slice(0, 7));
      case 'valley.flow.monthly-charges-computed.v1': {
        const d = event.data as EventData<typeof event.type>;
        await manager.query(
          `INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (enterprise_id, month) DO UPDATE SET revision = EXCLUDED.revision, charge_fen = EXCLUDED.charge_fen, billable_bytes = EXCLUDED.billable_bytes, received_at = now()
           WHERE data_element_input.revision < EXCLUDED.revision`,
          [d.enterpriseId, d.month, d.revision, d.chargeFen, d.billableBytes],
        );
        return;
      }
      default:
        return;
    }
  }

  private async setStatus(manager: EntityManager, enterpriseId: string, status: string, exitMonth?: string): Promise<void> {
    // A CTE so the driver returns rows (a bare UPDATE … RETURNING comes back as [rows, count]).
    const rows: unknown[] = await manager.query(
      `WITH u AS (UPDATE known_enterprises SET status = $2, exit_month = coalesce($3, exit_month), updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM u`,
      [enterpriseId, status, exitMonth ?? null],
    );
    if (rows.length === 0) throw new PermanentMessageError(`enterprise ${enterpriseId} is not known to revenue (its application or approval is missing)`);
  }
}

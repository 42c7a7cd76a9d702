import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent, type EventData } from '@valley/contracts';
import { cloudEventDecoder, IdempotentConsumer, PermanentMessageError, type ConsumedMessage } from '@valley/messaging';
import { JSON_LOGGER, KAFKA_CLIENT, messagingLogger } from '@valley/platform';
import { AllocationService } from '../../application/allocations/allocation.service';
import { UsageIngestService } from '../../application/usage/usage-ingest.service';
import { KnownEnterpriseEntity } from '../persistence/provisioning.entities';
import { CONSUMER_GROUP_PREFIX } from '../../provisioning.tokens';


/**
 * The onboarding events drive allocations: approval activates one, suspension
 * suspends it, reinstatement reactivates it, exit revokes it and frees the
 * capacity. Nobody has to touch provisioning.
 */
@Injectable()
export class EnterpriseLifecycleConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: IdempotentConsumer<CloudEvent>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly allocations: AllocationService,
    private readonly usage: UsageIngestService,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
    @Inject(CONSUMER_GROUP_PREFIX) private readonly groupPrefix: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new IdempotentConsumer<CloudEvent>({
      kafka: this.kafka,
      dataSource: this.dataSource,
      groupId: `${this.groupPrefix}.enterprise-lifecycle`,
      topics: [Topics.EnterpriseLifecycle],
      decode: cloudEventDecoder,
      handle: (message, manager) => this.handle(message, manager),
      logger: messagingLogger(this.logger),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async handle({ value: event, trace }: ConsumedMessage<CloudEvent>, manager: EntityManager): Promise<void> {
    switch (event.type) {
      case 'valley.enterprise.application-submitted.v1':
        await this.remember(manager, event.data as EventData<typeof event.type>, 'applicant');
        return;
      case 'valley.enterprise.approved.v1': {
        const data = event.data as EventData<typeof event.type>;
        const enterprise = await this.remember(manager, data, 'resident', data.admittedMonth);
        const allocation = await this.allocations.activateFor(manager, enterprise, trace);
        // Records that came before the enterprise did were parked: they count now.
        if (allocation) await this.usage.applyParked(manager, enterprise.id, trace);
        return;
      }
      case 'valley.enterprise.rejected.v1':
        await this.setStatus(manager, event.subject, 'rejected');
        return;
      case 'valley.enterprise.suspended.v1':
        await this.setStatus(manager, event.subject, 'suspended');
        return this.allocations.suspendFor(manager, event.subject, (event.data as EventData<typeof event.type>).reason, trace);
      case 'valley.enterprise.reinstated.v1':
        await this.setStatus(manager, event.subject, 'resident');
        return this.allocations.reactivateFor(manager, event.subject, trace);
      case 'valley.enterprise.exited.v1':
        await this.setStatus(manager, event.subject, 'exited');
        return this.allocations.revokeFor(manager, event.subject, `exited: ${(event.data as EventData<typeof event.type>).reason}`, trace);
      default:
        return; // other types on the topic are not provisioning's business
    }
  }

  private async remember(
    manager: EntityManager,
    data: { enterpriseId: string; name: string; industry: string; plannedBandwidthMbps: number; plannedMonthlyTrafficBytes: string },
    status: string,
    admittedMonth?: string,
  ): Promise<KnownEnterpriseEntity> {
    const row = {
      id: data.enterpriseId,
      name: data.name,
      industry: data.industry,
      status,
      plannedBandwidthMbps: data.plannedBandwidthMbps,
      plannedMonthlyTrafficBytes: data.plannedMonthlyTrafficBytes,
      admittedMonth: admittedMonth ?? null,
      updatedAt: new Date(),
    };
    await manager.upsert(KnownEnterpriseEntity, row, ['id']);
    return Object.assign(new KnownEnterpriseEntity(), row);
  }

  private async setStatus(manager: EntityManager, enterpriseId: string, status: string): Promise<void> {
    const result = await manager.update(KnownEnterpriseEntity, { id: enterpriseId }, { status, updatedAt: new Date() });
    // Events of one enterprise arrive in order on its partition: an unknown one means a broken stream.
    if (!result.affected) throw new PermanentMessageError(`enterprise ${enterpriseId} is not known to provisioning (its application or approval is missing)`);
  }
}

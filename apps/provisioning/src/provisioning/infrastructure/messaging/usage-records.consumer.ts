import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Topics, type UsageRecordV1 } from '@valley/contracts';
import { IdempotentConsumer, usageRecordDecoder } from '@valley/messaging';
import { JSON_LOGGER, KAFKA_CLIENT, messagingLogger } from '@valley/platform';
import { UsageIngestService } from '../../application/usage/usage-ingest.service';
import { CONSUMER_GROUP_PREFIX } from '../../provisioning.tokens';

/**
 * Carrier usage records, the hottest path: deduplicated by (carrierId,
 * recordId) across all time in the inbox, applied a chunk per statement;
 * invalid records go to the DLQ with the reason and the stream keeps flowing.
 */
@Injectable()
export class UsageRecordsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: IdempotentConsumer<UsageRecordV1>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly usage: UsageIngestService,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
    @Inject(CONSUMER_GROUP_PREFIX) private readonly groupPrefix: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = new IdempotentConsumer<UsageRecordV1>({
      kafka: this.kafka,
      dataSource: this.dataSource,
      groupId: `${this.groupPrefix}.usage-records`,
      topics: [Topics.FlowUsageRecords],
      decode: usageRecordDecoder,
      handle: (m, manager) => this.usage.apply(manager, [{ messageId: m.id, record: m.value }], m.trace),
      handleChunk: (ms, manager) => this.usage.apply(manager, ms.map((m) => ({ messageId: m.id, record: m.value }))),
      chunkSize: 1000,
      logger: messagingLogger(this.logger),
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}

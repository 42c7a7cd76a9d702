import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { Topics, validateUsageRecord } from '@valley/contracts';
import { KAFKA_CLIENT, UserError, type Identity } from '@valley/platform';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';
import { checkUsageWindow } from '../../domain/usage-window';
import { requireAdmin } from '../pools/pool.service';

export const MAX_UPLOAD_RECORDS = 1000;

export interface UploadResult {
  accepted: number;
  rejected: Array<{ index: number; reason: string }>;
}

/**
 * A manual upload of carrier records goes through the same path as a
 * carrier's: onto the usage-records topic, so dedupe, aggregation and alerts
 * are the consumer's alone. Records that would be dead-lettered are refused
 * here instead, with their index and reason.
 */
@Injectable()
export class UsageUploadService implements OnApplicationShutdown {
  private producer?: Producer;

  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: Kafka) {}

  async upload(records: unknown[], identity: Identity): Promise<UploadResult> {
    requireAdmin(identity, 'upload usage records');
    if (records.length === 0 || records.length > MAX_UPLOAD_RECORDS) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `records: 1 to ${MAX_UPLOAD_RECORDS} per upload`, 'records');
    const rejected: UploadResult['rejected'] = [];
    const valid: Array<{ key: string; value: string }> = [];
    const now = new Date();
    records.forEach((record, index) => {
      const result = validateUsageRecord(record);
      if (!result.ok) return void rejected.push({ index, reason: result.reason });
      try {
        checkUsageWindow(result.value.windowStart, result.value.windowEnd, now);
      } catch (err) {
        if (err instanceof UserError) return void rejected.push({ index, reason: err.message });
        throw err;
      }
      valid.push({ key: result.value.enterpriseId, value: JSON.stringify(result.value) });
    });
    if (valid.length > 0) await (await this.connected()).send({ topic: Topics.FlowUsageRecords, acks: -1, messages: valid.map((v) => ({ ...v, headers: { 'content-type': 'application/json' } })) });
    return { accepted: valid.length, rejected };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }
}

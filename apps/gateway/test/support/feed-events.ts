import { randomBytes, randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { assertValidCloudEvent, buildCloudEvent, CLOUD_EVENTS_CONTENT_TYPE, EventCatalog, partitionKeyOf, type CloudEvent, type EventData } from '@valley/contracts';
import { MessageHeaders } from '@valley/messaging';

/** Contract-valid events of the four feed types, each checked against its schema as a producer would. */
export const feedEvents = {
  applicationSubmitted(enterpriseId: string): CloudEvent {
    const data: EventData<'valley.enterprise.application-submitted.v1'> = {
      enterpriseId,
      uscc: '91140100MA0LGWXW4D',
      name: 'Taiyuan Frame Studio Co., Ltd.',
      industry: 'virtual-humans',
      registeredCapitalFen: '500000000',
      plannedBandwidthMbps: 200,
      plannedMonthlyTrafficBytes: '1000000000000',
      headcount: 35,
      submittedAt: new Date().toISOString(),
    };
    return assertValidCloudEvent(buildCloudEvent('valley.enterprise.application-submitted.v1', data));
  },
  quotaAlert(enterpriseId: string, thresholdPercent: 80 | 100 = 80): CloudEvent {
    const data: EventData<'valley.flow.quota-threshold-reached.v1'> = {
      allocationId: randomUUID(),
      enterpriseId,
      month: '2025-03',
      thresholdPercent,
      usedBytes: '800000000000',
      includedBytes: '1000000000000',
      overagePolicy: 'throttle',
      reachedAt: new Date().toISOString(),
    };
    return assertValidCloudEvent(buildCloudEvent('valley.flow.quota-threshold-reached.v1', data));
  },
  reportOverdue(enterpriseId: string): CloudEvent {
    const data: EventData<'valley.revenue.report-overdue.v1'> = { enterpriseId, month: '2025-02', deadline: '2025-03-15', detectedAt: new Date().toISOString() };
    return assertValidCloudEvent(buildCloudEvent('valley.revenue.report-overdue.v1', data));
  },
  traineePlaced(employerId: string): CloudEvent {
    const data: EventData<'valley.talent.trainee-placed.v1'> = {
      programId: randomUUID(),
      placementId: randomUUID(),
      traineeRef: `trn_${randomBytes(16).toString('hex')}`,
      enterpriseId: employerId,
      role: 'data annotator',
      startDate: '2025-04-01',
      placedAt: new Date().toISOString(),
    };
    return assertValidCloudEvent(buildCloudEvent('valley.talent.trainee-placed.v1', data));
  },
};

/** Publishes events as the outbox relay does: on the type's topic, keyed, structured-mode header. */
export async function publish(producer: Producer, events: CloudEvent[]): Promise<void> {
  for (const event of events) {
    await producer.send({
      topic: EventCatalog[event.type].topic,
      acks: -1,
      messages: [{ key: partitionKeyOf(event), value: JSON.stringify(event), headers: { [MessageHeaders.ContentType]: CLOUD_EVENTS_CONTENT_TYPE, [MessageHeaders.EventType]: event.type } }],
    });
  }
}

/** Publishes a raw record (an invalid event, or not JSON at all) on `topic`. */
export async function publishRaw(producer: Producer, topic: string, key: string, value: string): Promise<void> {
  await producer.send({ topic, acks: -1, messages: [{ key, value, headers: { [MessageHeaders.ContentType]: CLOUD_EVENTS_CONTENT_TYPE } }] });
}

import { randomBytes } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@valley/contracts';
import { createKafka, ensureTopics, withAdmin } from '@valley/messaging';
import { testKafkaBrokers, testKafkaSasl, type TestPrincipal } from './test-environment';
import { waitFor } from './wait-for';

/** A client of the test broker, as the admin (super user) unless `principal` names another. */
export function createTestKafka(clientId = 'valley-test', principal: TestPrincipal = 'admin'): Kafka {
  return createKafka({ brokers: testKafkaBrokers(), sasl: testKafkaSasl(principal), clientId });
}

/** A topic (and its DLQ) of the test's own, so tests never see each other's records. */
export async function createTestTopic(kafka: Kafka, prefix: string, partitions = 3): Promise<string> {
  const topic = `test.${prefix}.${randomBytes(4).toString('hex')}.v1`;
  await ensureTopics(kafka, [
    { topic, numPartitions: partitions, replicationFactor: -1 },
    { topic: deadLetterTopic(topic), numPartitions: partitions, replicationFactor: -1 },
  ]);
  return topic;
}

export function uniqueGroupId(prefix: string): string {
  return `test-${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Reads a topic from the beginning until `done(messages)` holds, then returns what it read. */
export async function readTopic(kafka: Kafka, topic: string, done: (messages: KafkaMessage[]) => boolean, timeoutMs = 30_000): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueGroupId('reader'), maxWaitTimeInMs: 100 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    await waitFor(`records on ${topic}`, () => done(messages), { timeoutMs });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Commits `groupId`'s offsets at the current end of `topic`, so a service
 * started with that group sees only what happens from now on, not the
 * history other tests left on a shared topic.
 */
export async function positionGroupAtEnd(kafka: Kafka, groupId: string, topic: string): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    // A topic created a moment ago may not have its leader known to this connection yet
    // (NOT_LEADER_FOR_PARTITION): retried a few times, with a growing pause.
    for (let attempt = 1; ; attempt++) {
      try {
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
        return;
      } catch (err) {
        if (attempt >= 8) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  });
}

/** Removes consumer groups a test or benchmark made (they must have no members left). */
export async function deleteGroups(kafka: Kafka, groupIds: string[]): Promise<void> {
  await withAdmin(kafka, (admin) => admin.deleteGroups(groupIds));
}

/** Removes topics a test or benchmark made. */
export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  await withAdmin(kafka, (admin) => admin.deleteTopics({ topics, timeout: 20_000 }));
}

import type { ITopicConfig, Kafka } from 'kafkajs';
import { deadLetterTopic, InternalTopicSpecs, TopicSpecs, type TopicSpec } from '@valley/contracts';

export interface TopicProvisionResult {
  created: string[];
  widened: string[];
  existing: string[];
}

const DLQ_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** Every contract topic and its dead-letter topic, as Kafka topic configs. */
export function contractTopicConfigs(specs: ReadonlyArray<Pick<TopicSpec, 'partitions' | 'retentionMs'> & { name: string }> = [...TopicSpecs, ...InternalTopicSpecs]): ITopicConfig[] {
  return specs.flatMap((spec) => [
    {
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor: -1,
      configEntries: [{ name: 'retention.ms', value: String(spec.retentionMs) }],
    },
    {
      topic: deadLetterTopic(spec.name),
      numPartitions: spec.partitions,
      replicationFactor: -1,
      configEntries: [{ name: 'retention.ms', value: String(DLQ_RETENTION_MS) }],
    },
  ]);
}

/**
 * Creates missing topics and raises partition counts that are lower than
 * declared; safe to run any number of times. Partitions are never lowered
 * (Kafka cannot, and keys would move).
 */
export async function ensureTopics(kafka: Kafka, configs: ITopicConfig[] = contractTopicConfigs()): Promise<TopicProvisionResult> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = configs.filter((c) => !existing.has(c.topic));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    const present = configs.filter((c) => existing.has(c.topic));
    const widened: string[] = [];
    if (present.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((c) => c.topic) });
      const toWiden = metadata.topics
        .map((t) => ({ topic: t.name, have: t.partitions.length, want: present.find((c) => c.topic === t.name)?.numPartitions ?? 0 }))
        .filter((t) => t.want > t.have);
      if (toWiden.length > 0) {
        await admin.createPartitions({ topicPartitions: toWiden.map((t) => ({ topic: t.topic, count: t.want })) });
        widened.push(...toWiden.map((t) => t.topic));
      }
    }
    return { created: missing.map((c) => c.topic), widened, existing: present.map((c) => c.topic) };
  } finally {
    await admin.disconnect();
  }
}

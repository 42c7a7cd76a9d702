import { Partitioners, type Kafka, type Message } from 'kafkajs';
import { Topics } from '@valley/contracts';
import { runBatches } from '../relay/support';
import { now } from '../relay/stats';
import type { RecordStream } from './records';

export interface ProduceProgress {
  produced: number;
  startedAt: number;
  finishedAt: number;
}

/**
 * Sends the whole stream as a carrier would, only faster: batches of
 * `batchSize` (acks=all), `inFlight` batches at once, key = enterpriseId,
 * the platform's default partitioner. Batches are built in stream order,
 * so every duplicate follows its original.
 */
export async function produceAll(kafka: Kafka, stream: RecordStream, total: number, batchSize: number, inFlight: number, progress: ProduceProgress): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    progress.startedAt = now();
    await runBatches(total, batchSize, inFlight, async (from, to) => {
      const messages: Message[] = [];
      for (let p = from; p < to; p++) messages.push(stream.next(p));
      await producer.send({ topic: Topics.FlowUsageRecords, acks: -1, messages });
      progress.produced += to - from;
    });
    progress.finishedAt = now();
  } finally {
    await producer.disconnect();
  }
}

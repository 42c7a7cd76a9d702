import { Partitioners, type IHeaders, type Kafka, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import { deadLetterTopic } from '@valley/contracts';
import { MessageHeaders } from '../kafka/message-headers';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
  attempts: number;
}

/** Longest reason kept in a header: enough to act on, not a whole stack. */
const MAX_REASON_LENGTH = 1000;

/**
 * Sends records a consumer could not process to `<topic>.dlq`, unchanged, with
 * the reason and their origin (topic, partition, offset) in headers.
 */
export class DeadLetterPublisher {
  private producer?: Producer;

  constructor(
    private readonly kafka: Kafka,
    private readonly consumerGroup: string,
  ) {}

  async send(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const producer = await this.connected();
    const byTopic = new Map<string, Message[]>();
    for (const letter of letters) {
      const dlq = deadLetterTopic(letter.topic);
      const messages = byTopic.get(dlq) ?? [];
      messages.push(this.toMessage(letter));
      byTopic.set(dlq, messages);
    }
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private toMessage(letter: DeadLetter): Message {
    const headers: IHeaders = {
      ...(letter.message.headers ?? {}),
      [MessageHeaders.DlqReason]: letter.reason.slice(0, MAX_REASON_LENGTH),
      [MessageHeaders.DlqOriginTopic]: letter.topic,
      [MessageHeaders.DlqOriginPartition]: String(letter.partition),
      [MessageHeaders.DlqOriginOffset]: letter.message.offset,
      [MessageHeaders.DlqConsumerGroup]: this.consumerGroup,
      [MessageHeaders.DlqAttempts]: String(letter.attempts),
      [MessageHeaders.DlqFailedAt]: new Date().toISOString(),
    };
    return { key: letter.message.key, value: letter.message.value, headers };
  }
}

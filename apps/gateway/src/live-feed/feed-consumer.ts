import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { withAdmin } from '@valley/messaging';
import type { Logger } from 'pino';
import { EventCatalog, validateCloudEvent, type CloudEvent, type Topic } from '@valley/contracts';
import { isFeedEventType, toFeedEvent, type FeedEvent, type FeedEventType } from './feed-event';

export interface FeedConsumerOptions {
  kafka: Kafka;
  /** Unique to this gateway instance: every instance must see every event. */
  groupId: string;
  topics: Topic[];
  logger: Logger;
  /** Hands one event on; returns how many subscribers it reached. Must not block. */
  onEvent(event: FeedEvent): number;
  /** How long start() waits for the group join before it gives up. */
  joinTimeoutMs?: number;
}

/**
 * Reads the feed's topics from their current end with a consumer group of its
 * own, validates each event of a feed type against its contract and hands it
 * on. The feed observes: it never dead-letters (the owning consumers do) and
 * its offsets matter only to shorten the re-read after kafkajs restarts the
 * consumer, which the per-partition position below makes harmless.
 */
export class FeedConsumer {
  private consumer?: Consumer;
  /** The last offset handed on per partition: what a consumer restart re-reads is dropped. */
  private readonly delivered = new Map<string, bigint>();

  constructor(private readonly options: FeedConsumerOptions) {}

  async start(): Promise<void> {
    const { kafka, groupId, topics, logger } = this.options;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 30_000, heartbeatInterval: 3_000, maxWaitTimeInMs: 250 });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      logger.error({ groupId, error: payload.error.message, restart: payload.restart }, 'live feed: consumer crashed'),
    );
    // kafkajs resolves a fresh group's `latest` offsets for every assigned partition
    // just before its first fetch request; once a fetch has returned, whatever is
    // produced from then on is read. That moment is "consuming".
    const timeoutMs = this.options.joinTimeoutMs ?? 30_000;
    let removeFetch = (): void => undefined;
    let timer: NodeJS.Timeout | undefined;
    const consuming = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`live feed: consumer group ${groupId} was not consuming within ${timeoutMs} ms`)), timeoutMs);
      removeFetch = consumer.on(consumer.events.FETCH, () => resolve());
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: false });
      await consumer.run({
        autoCommit: true,
        autoCommitInterval: 5_000,
        eachMessage: async ({ topic, partition, message }) => {
          this.handle(topic, partition, message);
          // Lets the sockets write between events: without it a whole fetched batch would
          // be queued for every subscriber before any of them could send one.
          await yieldToEventLoop();
        },
      });
      await consuming;
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
      removeFetch();
    }
    logger.info({ groupId, topics }, 'live feed: consuming from the end of the feed topics');
  }

  /** Leaves the group and deletes it (best effort: an orphan group holds no data and expires). */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    await consumer.disconnect();
    try {
      await withAdmin(this.options.kafka, (admin) => admin.deleteGroups([this.options.groupId]));
    } catch (err) {
      // A group that never committed an offset may be gone already: nothing to delete.
      if (isGroupNotFound(err)) return;
      this.options.logger.warn({ groupId: this.options.groupId, error: err instanceof Error ? err.message : String(err) }, 'live feed: consumer group not deleted');
    }
  }

  private handle(topic: string, partition: number, message: KafkaMessage): void {
    const position = `${topic}:${partition}`;
    const offset = BigInt(message.offset);
    const last = this.delivered.get(position);
    if (last !== undefined && offset <= last) return;
    this.delivered.set(position, offset);

    const where = { topic, partition, offset: message.offset };
    const raw = parseJson(message.value);
    if (raw === undefined) {
      // Neither the record nor the parser's message is logged: either may quote the payload.
      this.options.logger.warn(where, 'live feed: skipped a record that is not JSON');
      return;
    }
    const type = raw['type'];
    if (!isFeedEventType(type)) return; // another consumer's business
    const eventId = typeof raw['id'] === 'string' && UUID.test(raw['id']) ? raw['id'] : undefined;
    if (EventCatalog[type].topic !== topic) {
      this.options.logger.warn({ ...where, eventId, eventType: type }, 'live feed: skipped an event on a topic its contract does not name');
      return;
    }
    const result = validateCloudEvent(raw);
    if (!result.ok) {
      // The reason names fields and rules (ajv), never values.
      this.options.logger.warn({ ...where, eventId, eventType: type, reason: result.reason }, 'live feed: skipped an event that breaks its contract');
      return;
    }
    const subscribers = this.options.onEvent(toFeedEvent(result.value as CloudEvent<FeedEventType>));
    this.options.logger.debug({ ...where, eventId, eventType: type, subscribers }, 'live feed: event pushed');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseJson(value: Buffer | null): Record<string, unknown> | undefined {
  if (!value || value.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isGroupNotFound(err: unknown): boolean {
  const groups = (err as { groups?: { error?: { type?: string } }[] } | undefined)?.groups;
  return Array.isArray(groups) && groups.every((g) => g.error?.type === 'GROUP_ID_NOT_FOUND');
}

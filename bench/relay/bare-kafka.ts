import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import { buildCloudEvent, CLOUD_EVENTS_CONTENT_TYPE } from '@valley/contracts';
import { ensureTopics, errorText, MessageHeaders } from '@valley/messaging';
import { deleteGroups, deleteTopics } from '@valley/testing';
import { EVENT_TYPE, suspension, type PhaseRegistry, type PhaseTrack } from './bench-events';
import { now, perSecond, summarize, type LatencySummary, type MemorySampler } from './stats';
import { follow, log, runBatches, runPaced, withTimeout } from './support';

export interface BareConfig {
  kafka: Kafka;
  phases: PhaseRegistry;
  keys: string[];
  memory: MemorySampler;
}

export interface BareThroughput {
  events: number;
  durationMs: number;
  throughputPerSec: number;
}

export interface BareLatency {
  events: number;
  offeredRate: number;
  achievedRate: number;
  /** During the ramp-up, not part of `e2e`. */
  rampUp?: LatencySummary;
  e2e: LatencySummary;
}

/**
 * The ceiling: a plain kafkajs producer (acks=all, several requests in flight)
 * and a plain consumer that only parses each value and commits its offsets once
 * a second, on a topic of the bench's own with 6 partitions, the values the same
 * CloudEvents JSON the pipeline sends.
 */
export class BareKafka {
  readonly topic: string;
  private readonly groupId: string;
  private producer?: Producer;
  private consumer?: Consumer;
  private topicCreated = false;
  private readonly toCommit = new Map<number, string>();
  private commitTimer?: NodeJS.Timeout;

  constructor(private readonly config: BareConfig) {
    this.topic = `bench.relay.${config.phases.runId}.v1`;
    this.groupId = `bench-bare-${config.phases.runId}`;
  }

  async open(): Promise<void> {
    const { kafka, phases } = this.config;
    await ensureTopics(kafka, [{ topic: this.topic, numPartitions: 6, replicationFactor: -1 }]);
    this.topicCreated = true;
    this.producer = kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const consumer = kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      // kafkajs's autoCommit commits after every batch (one ~6 ms OffsetCommit each, awaited before the
      // next fetch); the ceiling commits once a second instead, like the Java client's auto-commit.
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const mine = phases.parse(tagOf(message.value));
          if (mine) mine.track.markApplied(mine.seq, now());
        }
        this.toCommit.set(batch.partition, (BigInt(batch.lastOffset()) + 1n).toString());
      },
    });
    this.commitTimer = setInterval(() => void this.commit().catch((err: unknown) => log(`bare: offset commit failed: ${errorText(err)}`)), 1000);
    await withTimeout('the bare consumer to join its group', 60_000, () => joined);
    const warm = phases.add('bare-warm', 200);
    await follow({ label: 'bare warm', track: warm, writing: this.send(warm, 0, warm.total), timeoutMs: 60_000 });
    log(`bare: warmed up on topic ${this.topic}`);
  }

  async throughput(total: number, batchSize: number, inFlight: number, timeoutMs: number): Promise<BareThroughput> {
    const track = this.config.phases.add('bare-tp', total);
    const t0 = now();
    const writing = runBatches(total, batchSize, inFlight, (from, to) => this.send(track, from, to));
    await follow({ label: 'bare tp', track, writing, timeoutMs, memory: this.config.memory });
    const durationMs = track.lastAppliedAt - t0;
    return { events: total, durationMs: Math.round(durationMs), throughputPerSec: perSecond(total, durationMs) };
  }

  /** One message per send at `rate`/s: `rampSeconds` reported apart, then `seconds` measured (as the pipeline's). */
  async latency(rate: number, seconds: number, rampSeconds: number, maxInFlight: number, timeoutMs: number): Promise<BareLatency> {
    const ramp = rate * rampSeconds;
    const track = this.config.phases.add('bare-lat', ramp + rate * seconds);
    let achievedRate = 0;
    const writing = runPaced(track.total, rate, maxInFlight, (seq) => this.send(track, seq, seq + 1), track.dueAt).then((r) => void (achievedRate = r.achievedRate));
    await follow({ label: 'bare lat', track, writing, timeoutMs, memory: this.config.memory });
    return {
      events: track.total - ramp,
      offeredRate: rate,
      achievedRate,
      rampUp: ramp > 0 ? summarize(track.intervals(track.dueAt, track.appliedAt, 0, ramp)) : undefined,
      e2e: summarize(track.intervals(track.dueAt, track.appliedAt, ramp)),
    };
  }

  async close(): Promise<void> {
    const errors: string[] = [];
    const step = async (what: string, run: () => Promise<unknown>): Promise<void> => {
      await withTimeout(what, 30_000, run).catch((err: unknown) => void errors.push(`${what}: ${errorText(err)}`));
    };
    clearInterval(this.commitTimer);
    if (this.consumer) await step('disconnecting the bare consumer', () => this.consumer!.disconnect());
    if (this.producer) await step('disconnecting the bare producer', () => this.producer!.disconnect());
    if (this.topicCreated) await step(`deleting topic ${this.topic} and group ${this.groupId}`, () => this.deleteTopicAndGroup());
    if (errors.length > 0) throw new Error(`bare cleanup failed: ${errors.join('; ')}`);
  }

  private async send(track: PhaseTrack, from: number, to: number): Promise<void> {
    const { keys, phases } = this.config;
    const messages: Message[] = [];
    for (let seq = from; seq < to; seq++) {
      const key = keys[seq % keys.length]!;
      const event = buildCloudEvent(EVENT_TYPE, suspension(key, phases.tag(track, seq)));
      messages.push({ key, value: JSON.stringify(event), headers: { [MessageHeaders.ContentType]: CLOUD_EVENTS_CONTENT_TYPE } });
    }
    if (!this.producer) throw new Error('bare: not open');
    await this.producer.send({ topic: this.topic, acks: -1, messages });
    track.writtenAt.fill(now(), from, to);
    track.written += to - from;
  }

  private async commit(): Promise<void> {
    if (this.toCommit.size === 0 || !this.consumer) return;
    const offsets = [...this.toCommit].map(([partition, offset]) => ({ topic: this.topic, partition, offset }));
    this.toCommit.clear();
    await this.consumer.commitOffsets(offsets);
  }

  private async deleteTopicAndGroup(): Promise<void> {
    await deleteTopics(this.config.kafka, [this.topic]);
    await deleteGroups(this.config.kafka, [this.groupId]);
  }
}

/** The bench tag (`data.reason`) of a record value, or '' for anything else. */
function tagOf(value: Buffer | null): string {
  if (!value) return '';
  const parsed: unknown = JSON.parse(value.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('data' in parsed)) return '';
  const data: unknown = parsed.data;
  if (typeof data !== 'object' || data === null || !('reason' in data)) return '';
  return typeof data.reason === 'string' ? data.reason : '';
}

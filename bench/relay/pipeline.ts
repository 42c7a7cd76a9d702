import { Registry } from 'prom-client';
import { performance } from 'node:perf_hooks';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { deadLetterTopic, Topics, type CloudEvent } from '@valley/contracts';
import {
  cloudEventDecoder,
  messagingMigrations,
  ensureTopics,
  errorText,
  IdempotentConsumer,
  MessagingMetrics,
  OutboxRelay,
  OutboxWriter,
  type ConsumedMessage,
  type Decoded,
  type MessagingLogger,
  type PendingEvent,
} from '@valley/messaging';
import { deleteGroups, deleteTopics, positionGroupAtEnd } from '@valley/testing';
import { EVENT_TYPE, suspension, type PhaseRegistry, type PhaseTrack, type SuspendedData } from './bench-events';
import { now, perSecond, summarize, type LatencySummary, type MemorySampler } from './stats';
import { createBenchDatabase, follow, log, runBatches, runPaced, withTimeout, type BenchDatabase } from './support';

/** Events sent through the pipeline before measuring, to prove every stage connected. */
export const WARM_UP_EVENTS = 200;

/** The consumer's effect: one row per applied event, no unique key, so a repeat would show. */
class CreateBenchEffects1764460800099 implements MigrationInterface {
  name = 'CreateBenchEffects1764460800099';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE bench_effect (id bigserial PRIMARY KEY, event_id uuid NOT NULL, tag text NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bench_effect');
  }
}

export interface PipelineConfig {
  kafka: Kafka;
  serverUrl: string;
  phases: PhaseRegistry;
  keys: string[];
  memory: MemorySampler;
  /** Undefined: the library's default. */
  relayBatchSize?: number;
  chunkSize?: number;
  partitionsConsumedConcurrently?: number;
  /** False: each partition's chunk in a transaction of its own (the consumer's behaviour before 2026-12). */
  combinePartitions: boolean;
  writerPoolSize: number;
  /**
   * Relay to a topic of the run's own (a trigger in the bench's outbox database
   * rewrites messaging_outbox.topic) instead of the contract topic, whose
   * records are kept forever; the topic is deleted at the end.
   */
  ownTopic: boolean;
}

export interface ThroughputResult {
  events: number;
  durationMs: number;
  throughputPerSec: number;
  writePerSec: number;
  relayPerSec: number;
}

export interface LatencyResult {
  events: number;
  offeredRate: number;
  achievedRate: number;
  peakInFlight: number;
  /** End to end during the ramp-up (the first seconds at the rate), not part of the figures below. */
  rampUp?: LatencySummary;
  /** Due time of the write → effect transaction committed: what the brief calls end to end. */
  e2e: LatencySummary;
  /** Due time → the writer's transaction committed. */
  write?: LatencySummary;
  /** Writer committed → effect committed (relay + Kafka + consumer). */
  delivery?: LatencySummary;
  /** Its parts: writer committed → relay sent; relay sent → consumer decoded; decoded → effect committed. */
  pickup?: LatencySummary;
  kafka?: LatencySummary;
  apply?: LatencySummary;
}

const messagingLogger: MessagingLogger = {
  debug: () => undefined,
  info: (m, f) => log(`messaging: ${m} ${JSON.stringify(f ?? {})}`),
  warn: (m, f) => log(`messaging WARN: ${m} ${JSON.stringify(f ?? {})}`),
  error: (m, f) => log(`messaging ERROR: ${m} ${JSON.stringify(f ?? {})}`),
};

/** Outbox (its own database) → OutboxRelay → Kafka contract topic → IdempotentConsumer (another database). */
export class Pipeline {
  private readonly writer = new OutboxWriter();
  private readonly metrics = MessagingMetrics.for(new Registry());
  private readonly groupId: string;
  private readonly topic: string;
  private topicCreated = false;
  private outbox?: BenchDatabase;
  private inbox?: BenchDatabase;
  private relay?: OutboxRelay;
  private consumer?: IdempotentConsumer<CloudEvent>;
  /** Events handled in a chunk whose transaction has not committed yet, per partition. */
  private readonly uncommitted = new Map<string, Array<{ track: PhaseTrack; seq: number }>>();

  constructor(private readonly config: PipelineConfig) {
    this.groupId = `bench-relay-${config.phases.runId}`;
    this.topic = config.ownTopic ? `bench.relay.${config.phases.runId}.lifecycle.v1` : Topics.EnterpriseLifecycle;
  }

  async open(): Promise<void> {
    const { serverUrl, phases, kafka } = this.config;
    const migrations = messagingMigrations;
    this.outbox = await createBenchDatabase(serverUrl, `bench_relay_out_${phases.runId}`, migrations, this.config.writerPoolSize);
    this.inbox = await createBenchDatabase(serverUrl, `bench_relay_in_${phases.runId}`, [...migrations, CreateBenchEffects1764460800099], 10);
    if (this.config.ownTopic) await this.redirectToOwnTopic();
    this.relay = new OutboxRelay({ databaseUrl: this.outbox.url, kafka, metrics: this.metrics, logger: messagingLogger, batchSize: this.config.relayBatchSize });
    this.relay.start();
    // The topic holds older records: the fresh group starts at today's end of every partition.
    await withTimeout('positioning the consumer group at the end of the topic', 60_000, () => positionGroupAtEnd(kafka, this.groupId, this.topic));
    this.consumer = new IdempotentConsumer<CloudEvent>({
      kafka,
      dataSource: this.inbox.dataSource,
      groupId: this.groupId,
      topics: [this.topic],
      decode: (message) => this.decode(message),
      handle: (message, manager) => this.handle(message, manager),
      handleChunk: (messages, manager) => this.handleChunk(messages, manager),
      afterEffectsCommitted: async ({ topic, partition }) => this.committed(topic, partition),
      chunkSize: this.config.chunkSize,
      partitionsConsumedConcurrently: this.config.partitionsConsumedConcurrently,
      combinePartitions: this.config.combinePartitions,
      fromBeginning: false,
      metrics: this.metrics,
      logger: messagingLogger,
    });
    await withTimeout('starting the consumer', 60_000, () => this.consumer!.start());
    // Proves the group joined and every stage is connected, and warms them up.
    const warm = phases.add('warm', WARM_UP_EVENTS);
    await this.follow(warm, runBatches(warm.total, 50, 1, (from, to) => this.write(warm, from, to)), 60_000, false);
    log(`pipeline: warmed up (${warm.total} events through outbox → relay → Kafka → consumer)`);
  }

  /**
   * Writes `total` events as fast as the writer can, `batchSize` per transaction,
   * `writers` transactions at a time. With `prefill` the relay is stopped while
   * writing, so relay and consumer are then measured draining a full outbox alone.
   */
  async throughput(total: number, batchSize: number, writers: number, timeoutMs: number, prefill = false): Promise<ThroughputResult> {
    const track = this.config.phases.add('tp', total);
    const relay = this.requireRelay();
    const writeStart = now();
    let t0 = writeStart;
    let writtenAt = 0;
    const write = (): Promise<void> => runBatches(total, batchSize, writers, (from, to) => this.write(track, from, to)).then(() => void (writtenAt = now()));
    let writing: Promise<void>;
    if (prefill) {
      await relay.stop();
      await write();
      log(`pipeline: outbox prefilled with ${total} events at ${perSecond(total, writtenAt - writeStart)}/s; relay restarted`);
      t0 = now();
      relay.start();
      writing = Promise.resolve();
    } else {
      writing = write();
    }
    const relayDoneAt = await this.follow(track, writing, timeoutMs, true);
    const durationMs = track.lastAppliedAt - t0;
    return {
      events: total,
      durationMs: Math.round(durationMs),
      throughputPerSec: perSecond(total, durationMs),
      writePerSec: perSecond(total, writtenAt - writeStart),
      relayPerSec: perSecond(total, relayDoneAt - t0),
    };
  }

  /**
   * One event per transaction at `rate`/s, open loop: `rampSeconds` first, whose
   * latencies are reported apart (`rampUp`), then `seconds` measured.
   */
  async latency(rate: number, seconds: number, rampSeconds: number, maxInFlight: number, timeoutMs: number): Promise<LatencyResult> {
    const ramp = rate * rampSeconds;
    const track = this.config.phases.add('lat', ramp + rate * seconds);
    // Each writer connection writes an event once, rolled back: what steady traffic would have done.
    const { keys } = this.config;
    const rehearsal = (manager: EntityManager): Promise<unknown> => this.writer.publishAll(manager, [{ type: EVENT_TYPE, data: suspension(keys[0]!, 'warming a connection, rolled back') }]);
    await withTimeout('opening the writers\' connections', 60_000, () => this.requireDb(this.outbox).warmPool(rehearsal));
    let paced = { achievedRate: 0, peakInFlight: 0 };
    const writing = runPaced(track.total, rate, maxInFlight, (seq) => this.write(track, seq, seq + 1), track.dueAt).then((r) => void (paced = r));
    await this.follow(track, writing, timeoutMs, true);
    const of = (from: Float64Array, to: Float64Array): LatencySummary => summarize(track.intervals(from, to, ramp));
    return {
      events: track.total - ramp,
      offeredRate: rate,
      achievedRate: paced.achievedRate,
      peakInFlight: paced.peakInFlight,
      rampUp: ramp > 0 ? summarize(track.intervals(track.dueAt, track.appliedAt, 0, ramp)) : undefined,
      e2e: of(track.dueAt, track.appliedAt),
      write: of(track.dueAt, track.writtenAt),
      delivery: of(track.writtenAt, track.appliedAt),
      pickup: of(track.writtenAt, track.sentAt),
      kafka: of(track.sentAt, track.receivedAt),
      apply: of(track.receivedAt, track.appliedAt),
    };
  }

  /** Every event applied exactly once, and the outbox drained? */
  async verify(): Promise<{ effects: number; distinct: number; outboxLeft: number }> {
    const rows = await this.requireDb(this.inbox).dataSource.query<Array<{ n: number; d: number }>>('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM bench_effect');
    return { effects: rows[0]?.n ?? 0, distinct: rows[0]?.d ?? 0, outboxLeft: await this.backlog() };
  }

  async close(): Promise<void> {
    const errors: string[] = [];
    const step = async (what: string, run: () => Promise<unknown>): Promise<void> => {
      await withTimeout(what, 30_000, run).catch((err: unknown) => void errors.push(`${what}: ${errorText(err)}`));
    };
    if (this.consumer) await step('stopping the consumer', () => this.consumer!.stop());
    if (this.relay) await step('stopping the relay', () => this.relay!.stop());
    await step('deleting the consumer group', () => deleteGroups(this.config.kafka, [this.groupId]));
    if (this.topicCreated) await step(`deleting topic ${this.topic}`, () => deleteTopics(this.config.kafka, [this.topic, deadLetterTopic(this.topic)]));
    if (this.outbox) await step('dropping the outbox database', () => this.outbox!.drop());
    if (this.inbox) await step('dropping the consumer database', () => this.inbox!.drop());
    if (errors.length > 0) throw new Error(`pipeline cleanup failed: ${errors.join('; ')}`);
  }

  private async redirectToOwnTopic(): Promise<void> {
    const topics = [this.topic, deadLetterTopic(this.topic)];
    await ensureTopics(this.config.kafka, topics.map((topic) => ({ topic, numPartitions: 6, replicationFactor: -1 })));
    this.topicCreated = true;
    const q = (sql: string): Promise<unknown> => this.requireDb(this.outbox).dataSource.query(sql);
    await q(`CREATE FUNCTION bench_redirect_topic() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.topic := '${this.topic}'; RETURN NEW; END $$`);
    await q('CREATE TRIGGER bench_redirect_topic BEFORE INSERT ON messaging_outbox FOR EACH ROW EXECUTE FUNCTION bench_redirect_topic()');
    log(`pipeline: relaying to topic ${this.topic} (a topic of the run's own; --contract-topic to use the contract topic)`);
  }

  private async write(track: PhaseTrack, from: number, to: number): Promise<void> {
    const { keys, phases } = this.config;
    const pending: PendingEvent[] = [];
    for (let seq = from; seq < to; seq++) pending.push({ type: EVENT_TYPE, data: suspension(keys[seq % keys.length]!, phases.tag(track, seq)) });
    await this.requireDb(this.outbox).dataSource.transaction((manager) => this.writer.publishAll(manager, pending));
    const at = now();
    track.writtenAt.fill(at, from, to);
    track.written += to - from;
  }

  /** The library's decoder, noting when each of the run's events reached the consumer. */
  private decode(message: KafkaMessage): Decoded<CloudEvent> {
    const decoded = cloudEventDecoder(message);
    if (decoded.ok && decoded.value.type === EVENT_TYPE) {
      const mine = this.config.phases.parse((decoded.value.data as SuspendedData).reason);
      // CreateTime: set by the relay's producer when it built the request.
      mine?.track.markReceived(mine.seq, Number(message.timestamp) - performance.timeOrigin, now());
    }
    return decoded;
  }

  private async handle(message: ConsumedMessage<CloudEvent>, manager: EntityManager): Promise<void> {
    if (message.value.type !== EVENT_TYPE) return;
    const tag = (message.value.data as SuspendedData).reason;
    const mine = this.config.phases.parse(tag);
    if (!mine) return; // another run's or another writer's event
    await manager.query('INSERT INTO bench_effect (event_id, tag) VALUES ($1, $2)', [message.id, tag]);
    const key = `${message.topic}:${message.partition}`;
    const list = this.uncommitted.get(key) ?? [];
    list.push(mine);
    this.uncommitted.set(key, list);
  }

  /** The fast path a hot consumer uses: one multi-row insert per chunk. */
  private async handleChunk(messages: ConsumedMessage<CloudEvent>[], manager: EntityManager): Promise<void> {
    const ids: string[] = [];
    const tags: string[] = [];
    for (const message of messages) {
      if (message.value.type !== EVENT_TYPE) continue;
      const tag = (message.value.data as SuspendedData).reason;
      const mine = this.config.phases.parse(tag);
      if (!mine) continue;
      ids.push(message.id);
      tags.push(tag);
      const key = `${message.topic}:${message.partition}`;
      const list = this.uncommitted.get(key) ?? [];
      list.push(mine);
      this.uncommitted.set(key, list);
    }
    if (ids.length > 0) await manager.query('INSERT INTO bench_effect (event_id, tag) SELECT * FROM unnest($1::uuid[], $2::text[])', [ids, tags]);
  }

  /** The chunk's transaction committed: its events are applied now. */
  private committed(topic: string, partition: number): void {
    const key = `${topic}:${partition}`;
    const at = now();
    for (const { track, seq } of this.uncommitted.get(key) ?? []) track.markApplied(seq, at);
    this.uncommitted.delete(key);
  }

  /** Waits for the phase while `writing` runs; returns when the relay had sent all of it. */
  private async follow(track: PhaseTrack, writing: Promise<void>, timeoutMs: number, progress: boolean): Promise<number> {
    const base = await this.published();
    let relayed = 0;
    let relayDoneAt = 0;
    await follow({
      label: `pipeline ${track.name}`,
      track,
      writing,
      timeoutMs,
      memory: progress ? this.config.memory : undefined,
      onPoll: async () => {
        relayed = (await this.published()) - base;
        if (relayDoneAt === 0 && relayed >= track.total) relayDoneAt = now();
      },
      details: async () => `relayed ${relayed}  backlog ${await this.backlog()}  `,
    });
    return relayDoneAt || now();
  }

  private async published(): Promise<number> {
    const metric = await this.metrics.outboxPublished.get();
    return metric.values.reduce((sum, v) => sum + v.value, 0);
  }

  private async backlog(): Promise<number> {
    const rows = await this.requireDb(this.outbox).dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM messaging_outbox');
    return rows[0]?.n ?? 0;
  }

  private requireRelay(): OutboxRelay {
    if (!this.relay) throw new Error('pipeline: not open');
    return this.relay;
  }

  private requireDb(db: BenchDatabase | undefined): BenchDatabase {
    if (!db) throw new Error('pipeline: not open');
    return db;
  }
}

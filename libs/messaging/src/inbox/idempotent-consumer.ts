import { randomUUID } from 'node:crypto';
import type { Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { ContractViolationError } from '@valley/contracts';
import { backoffDelay, sleep } from '../backoff';
import { acceptCorrelationId, runWithCorrelationId } from '../correlation/correlation-context';
import { DeadLetterPublisher, type DeadLetter } from '../dead-letter/dead-letter-publisher';
import { headerText, MessageHeaders, type TraceContext } from '../kafka/message-headers';
import { errorText, silentLogger, type MessagingLogger } from '../messaging-logger';
import { MessagingMetrics } from '../messaging-metrics';
import type { MessageDecoder } from './message-decoders';

export interface ConsumedMessage<T> {
  id: string;
  value: T;
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  /** Its correlation id is always set: the record's header when well formed, else a fresh one. */
  trace: TraceContext & { correlationId: string };
}

/** Applies one record's effect inside the consumer's transaction. Throw to retry; never catch-and-log. */
export type MessageHandler<T> = (message: ConsumedMessage<T>, manager: EntityManager) => Promise<void>;

/**
 * Applies the new records of one chunk at once (e.g. one multi-row insert), in
 * their order. It must have the same effect as `handle` called for each; if it
 * throws, the chunk is redone record by record through `handle`.
 */
export type ChunkHandler<T> = (messages: ConsumedMessage<T>[], manager: EntityManager) => Promise<void>;

/** A handler error that no retry can fix: the record goes to the DLQ at once. */
export class PermanentMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

export interface IdempotentConsumerOptions<T> {
  kafka: Kafka;
  dataSource: DataSource;
  groupId: string;
  topics: string[];
  decode: MessageDecoder<T>;
  handle: MessageHandler<T>;
  /** Optional fast path: one call per chunk instead of one per record. */
  handleChunk?: ChunkHandler<T>;
  /** Attempts of one record's handler before it is dead-lettered. */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Records applied per database transaction. */
  chunkSize?: number;
  fromBeginning?: boolean;
  /**
   * Partitions applied in parallel (each still in order). Every one holds a
   * database connection while it applies, so keep the pool at least this big.
   */
  partitionsConsumedConcurrently?: number;
  /**
   * How often applied offsets are committed to Kafka, in the background: an
   * OffsetCommit costs milliseconds, and applying never waits for one. After a
   * crash at most this much is redelivered, and the inbox drops it. 0 commits
   * each chunk's offset before the next chunk is applied.
   */
  commitIntervalMs?: number;
  /**
   * Apply the chunks of different partitions that are ready together (one
   * fetch's) in one database transaction: one commit and fewer round trips
   * instead of one transaction per partition. If that transaction fails, each
   * chunk is applied on its own, with the usual retries and dead-lettering.
   * Default true.
   */
  combinePartitions?: boolean;
  logger?: MessagingLogger;
  metrics?: MessagingMetrics;
  /** Test seam: runs after the effect committed and before the offset commit (crash tests). */
  afterEffectsCommitted?: (last: { topic: string; partition: number; offset: string }) => Promise<void>;
}

interface Decision<T> {
  message: KafkaMessage;
  consumed?: ConsumedMessage<T>;
  invalidReason?: string;
}

/**
 * A Kafka consumer that applies each record exactly once to the database.
 *
 * - The record's id goes into `messaging_inbox` in the same transaction as the
 *   handler's effect: a redelivered record finds its id and is skipped.
 * - An offset is marked done only after that transaction commits, and only
 *   marked offsets are committed (every `commitIntervalMs`, off the path that
 *   applies records), so a crash in between means redelivery, never loss.
 * - A failing handler is retried with backoff inside a savepoint; after
 *   `maxAttempts`, or at once for an invalid record, the record goes to
 *   `<topic>.dlq` and the partition moves on.
 * - A database or broker fault retries the whole chunk until it succeeds:
 *   that is not the record's fault, so nothing is dead-lettered for it.
 * - The handler runs with the record's correlation id as the current one, so
 *   the events it publishes (and its log lines) carry it onward. A record
 *   without one (or with a malformed one, say from a partner) gets a fresh id:
 *   what its handling causes is still tied together.
 *
 * It drives kafkajs directly: the @nestjs/microservices Kafka transport commits
 * offsets even when a handler throws (nestjs/nest#10617) and has no
 * dead-letter path (nestjs/nest#14664).
 */
export class IdempotentConsumer<T> {
  private readonly log: MessagingLogger;
  private readonly metrics: MessagingMetrics;
  private readonly maxAttempts: number;
  private readonly chunkSize: number;
  private readonly deadLetters: DeadLetterPublisher;
  private consumer?: Consumer;
  private stopping = false;
  /** The last applied offset per partition: what the next commit sends. */
  private readonly applied = new Map<string, AppliedOffset>();
  /** The offset last committed per partition, so an unchanged one is not sent again. */
  private readonly committed = new Map<string, string>();
  private commitTimer?: NodeJS.Timeout;
  /** The background commit in flight, if any: one at a time. */
  private committing?: Promise<void>;
  /** Chunks waiting for the shared transaction that starts on the next turn of the event loop. */
  private together: TogetherChunk[] = [];

  constructor(private readonly options: IdempotentConsumerOptions<T>) {
    this.log = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? MessagingMetrics.for();
    this.maxAttempts = options.maxAttempts ?? 5;
    this.chunkSize = options.chunkSize ?? 500;
    this.deadLetters = new DeadLetterPublisher(options.kafka, options.groupId);
  }

  async start(): Promise<void> {
    this.stopping = false;
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 250,
    });
    this.consumer = consumer;
    // After a rebalance, offsets of partitions this member held before are not its to commit.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.applied.clear();
      this.committed.clear();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    const commitIntervalMs = this.options.commitIntervalMs ?? 1000;
    await consumer.run({
      // Only offsets passed to resolveOffset (after the effect committed) are ever committed.
      // kafkajs's autoCommit (or commitOffsetsIfNecessary) sends the OffsetCommit from
      // inside eachBatch and waits for it, and kafkajs fetches again only once every
      // partition's eachBatch returned: each commit (a few ms at the group coordinator,
      // one per partition when they fall due together) stalled every partition. The
      // applied offsets are committed by a timer instead, and stop() commits what is
      // left. A crash or rebalance redelivers at most an interval's records, and the
      // inbox drops them.
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 6,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const chunk of chunks(batch.messages, this.chunkSize)) {
          if (!isRunning() || isStale() || this.stopping) return;
          const appliedTogether = this.options.combinePartitions !== false && (await this.applyTogether(batch, chunk));
          if (!appliedTogether) await this.applyUntilCommitted(batch, chunk, heartbeat);
          const last = chunk[chunk.length - 1]!.offset;
          await this.options.afterEffectsCommitted?.({ topic: batch.topic, partition: batch.partition, offset: last });
          resolveOffset(last);
          this.applied.set(`${batch.topic}|${batch.partition}`, { topic: batch.topic, partition: batch.partition, offset: last });
          if (commitIntervalMs === 0) await this.commitApplied();
          await heartbeat();
        }
        this.metrics.consumerLag.set({ group: this.options.groupId, topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
      },
    });
    if (commitIntervalMs > 0) {
      this.commitTimer = setInterval(() => void this.commitApplied(), commitIntervalMs);
      this.commitTimer.unref();
    }
    this.log.info('consumer started', { group: this.options.groupId, topics: this.options.topics });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.commitTimer);
    this.commitTimer = undefined;
    await this.commitApplied();
    await this.consumer?.disconnect();
    this.consumer = undefined;
    await this.deadLetters.close();
  }

  /**
   * Commits the offsets applied since the last commit, one commit at a time
   * (a call while one is in flight waits for it, then commits what is new).
   * Best effort: what is not committed is redelivered, and the inbox drops it.
   */
  private async commitApplied(): Promise<void> {
    while (this.committing) await this.committing;
    const consumer = this.consumer;
    const due = [...this.applied.entries()].filter(([key, a]) => this.committed.get(key) !== a.offset);
    if (!consumer || due.length === 0) return;
    const offsets = due.map(([, a]) => ({ topic: a.topic, partition: a.partition, offset: (BigInt(a.offset) + 1n).toString() }));
    this.committing = consumer
      .commitOffsets(offsets)
      .then(() => {
        for (const [key, a] of due) this.committed.set(key, a.offset);
      })
      .catch((err: unknown) => {
        this.log.info('consumer: offset commit refused; those records will be redelivered and skipped', { group: this.options.groupId, error: errorText(err) });
      })
      .finally(() => {
        this.committing = undefined;
      });
    await this.committing;
  }

  /**
   * Queues the chunk for one transaction with the chunks of the other
   * partitions that reach this point in the same turn of the event loop (kafkajs
   * hands a fetch's batches to its workers together). Resolves true once that
   * transaction committed, false when the chunk must be applied on its own: it
   * was alone, or the shared transaction failed.
   */
  private applyTogether(batch: Batch, chunk: KafkaMessage[]): Promise<boolean> {
    return new Promise((done) => {
      this.together.push({ batch, chunk, done });
      if (this.together.length === 1) setImmediate(() => void this.applyQueuedTogether());
    });
  }

  private async applyQueuedTogether(): Promise<void> {
    const members = this.together;
    this.together = [];
    if (members.length === 1 || this.stopping) {
      for (const m of members) m.done(false);
      return;
    }
    try {
      const outcomes = await this.options.dataSource.transaction((manager) => this.applyChunks(manager, members, { careful: false }));
      members.forEach((m, i) => this.count(m.batch.topic, outcomes[i]!));
      for (const m of members) m.done(true);
    } catch (err) {
      if (!(err instanceof HandlerFailed)) this.log.info('consumer: shared transaction failed; applying its chunks one by one', { group: this.options.groupId, chunks: members.length, error: errorText(err) });
      for (const m of members) m.done(false);
    }
  }

  private async applyUntilCommitted(batch: Batch, chunk: KafkaMessage[], heartbeat: () => Promise<void>): Promise<void> {
    // Once the fast path failed, the chunk is redone one savepoint per record.
    let mode: ApplyMode = { careful: false };
    for (let attempt = 1; ; attempt++) {
      try {
        const [outcomes] = await this.options.dataSource.transaction((manager) => this.applyChunks(manager, [{ batch, chunk }], mode));
        this.count(batch.topic, outcomes!);
        return;
      } catch (err) {
        if (this.stopping) throw new Error(`consumer ${this.options.groupId} stopping; chunk left uncommitted for redelivery`);
        if (err instanceof HandlerFailed && !mode.careful) {
          mode = { careful: true, failedId: err.messageId };
          continue;
        }
        this.log.warn('consumer: chunk failed, retrying', { group: this.options.groupId, topic: batch.topic, partition: batch.partition, error: errorText(err), attempt });
        await heartbeat().catch(() => undefined);
        await sleep(backoffDelay(attempt, 200, 10_000));
      }
    }
  }

  /**
   * Applies chunks (of one partition, or of several applied together) in the
   * caller's transaction: one inbox insert and, on the fast path, one handler
   * call for all of them; the careful mode applies record by record.
   */
  private async applyChunks(manager: EntityManager, parts: ChunkOf[], mode: ApplyMode): Promise<Outcomes[]> {
    const decisions = parts.flatMap((part, index) => part.chunk.map((message) => ({ ...this.decide(part.batch, message), part: index })));
    const fresh = await this.recordInInbox(manager, decisions);
    const outcomes: Outcomes[] = parts.map(() => ({ applied: 0, duplicate: 0, deadLettered: 0 }));
    const letters: DeadLetter[] = [];
    const toApply: Array<{ consumed: ConsumedMessage<T>; message: KafkaMessage; part: number }> = [];
    // Counted as they are found: if sending the letters fails, the transaction and these counts are dropped together.
    const deadLetter = (letter: DeadLetter, part: number): void => {
      letters.push(letter);
      outcomes[part]!.deadLettered += 1;
    };
    for (const decision of decisions) {
      if (decision.invalidReason !== undefined) {
        const { batch } = parts[decision.part]!;
        deadLetter({ topic: batch.topic, partition: batch.partition, message: decision.message, reason: decision.invalidReason, attempts: 0 }, decision.part);
      } else if (fresh.delete(decision.consumed!.id)) {
        toApply.push({ consumed: decision.consumed!, message: decision.message, part: decision.part });
      } else {
        outcomes[decision.part]!.duplicate += 1;
      }
    }
    if (!mode.careful) {
      await this.applyFast(manager, toApply.map((a) => a.consumed));
      for (const a of toApply) outcomes[a.part]!.applied += 1;
    } else {
      for (const { consumed, message, part } of toApply) {
        // The fast path's failure was this record's first attempt.
        const failure = await this.applyWithRetries(manager, consumed, consumed.id === mode.failedId ? 1 : 0);
        if (failure === undefined) {
          outcomes[part]!.applied += 1;
          continue;
        }
        await manager.query(`UPDATE messaging_inbox SET outcome = 'dead-lettered' WHERE consumer_group = $1 AND message_id = $2`, [this.options.groupId, consumed.id]);
        deadLetter({ topic: consumed.topic, partition: consumed.partition, message, reason: failure.reason, attempts: failure.attempts }, part);
      }
    }
    // Sent before the transaction commits: if sending fails, nothing of the chunks is kept and they are retried.
    await this.deadLetters.send(letters);
    return outcomes;
  }

  /** No savepoints: one failure fails the transaction, and the chunk is redone carefully. */
  private async applyFast(manager: EntityManager, records: ConsumedMessage<T>[]): Promise<void> {
    if (records.length === 0) return;
    const handleChunk = this.options.handleChunk;
    if (handleChunk) {
      await runWithCorrelationId(chunkCorrelationId(records), () => handleChunk(records, manager)).catch((err: unknown) => {
        throw new HandlerFailed(undefined, err);
      });
      return;
    }
    for (const consumed of records) {
      await this.handleOne(consumed, manager).catch((err: unknown) => {
        throw new HandlerFailed(consumed.id, err);
      });
    }
  }

  private decide(batch: Batch, message: KafkaMessage): Decision<T> {
    const decoded = this.options.decode(message);
    if (!decoded.ok) return { message, invalidReason: decoded.reason };
    return {
      message,
      consumed: {
        id: decoded.id,
        value: decoded.value,
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key?.toString('utf8'),
        trace: {
          correlationId: acceptCorrelationId(headerText(message.headers, MessageHeaders.CorrelationId)),
          traceparent: headerText(message.headers, MessageHeaders.TraceParent),
        },
      },
    };
  }

  /** Inserts every valid record's id in one statement; returns the ids seen for the first time. */
  private async recordInInbox(manager: EntityManager, decisions: Decision<T>[]): Promise<Set<string>> {
    const valid = decisions.filter((d) => d.consumed).map((d) => d.consumed!);
    if (valid.length === 0) return new Set();
    const rows: Array<{ message_id: string }> = await manager.query(
      `INSERT INTO messaging_inbox (consumer_group, message_id, topic, kafka_partition, kafka_offset, outcome)
       SELECT $1, id, topic, part, off, 'applied' FROM unnest($2::text[], $3::text[], $4::int[], $5::bigint[]) AS m(id, topic, part, off)
       ON CONFLICT (consumer_group, message_id) DO NOTHING
       RETURNING message_id`,
      [this.options.groupId, valid.map((c) => c.id), valid.map((c) => c.topic), valid.map((c) => c.partition), valid.map((c) => c.offset)],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  /** Runs the handler in a savepoint, retrying with backoff; returns why it finally failed, if it did. */
  private async applyWithRetries(manager: EntityManager, consumed: ConsumedMessage<T>, attemptsSoFar: number): Promise<{ reason: string; attempts: number } | undefined> {
    if (attemptsSoFar > 0) await sleep(backoffDelay(attemptsSoFar, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 2000));
    for (let attempt = attemptsSoFar + 1; ; attempt++) {
      await manager.query('SAVEPOINT valley_record');
      try {
        await this.handleOne(consumed, manager);
        await manager.query('RELEASE SAVEPOINT valley_record');
        return undefined;
      } catch (err) {
        // If the connection itself is gone this throws too, and the whole chunk is retried.
        await manager.query('ROLLBACK TO SAVEPOINT valley_record');
        const permanent = err instanceof ContractViolationError || err instanceof PermanentMessageError;
        this.log.warn('consumer: handler failed', { group: this.options.groupId, topic: consumed.topic, offset: consumed.offset, messageId: consumed.id, correlationId: consumed.trace.correlationId, attempt, permanent, error: errorText(err) });
        if (permanent || attempt >= this.maxAttempts) return { reason: errorText(err), attempts: attempt };
        await sleep(backoffDelay(attempt, this.options.retryBaseMs ?? 100, this.options.retryMaxMs ?? 2000));
      }
    }
  }

  private handleOne(consumed: ConsumedMessage<T>, manager: EntityManager): Promise<void> {
    return runWithCorrelationId(consumed.trace.correlationId, () => this.options.handle(consumed, manager));
  }

  private count(topic: string, outcomes: Outcomes): void {
    const group = this.options.groupId;
    if (outcomes.applied) this.metrics.consumed.inc({ group, topic, outcome: 'applied' }, outcomes.applied);
    if (outcomes.duplicate) this.metrics.consumed.inc({ group, topic, outcome: 'duplicate' }, outcomes.duplicate);
    if (outcomes.deadLettered) {
      this.metrics.consumed.inc({ group, topic, outcome: 'dead-lettered' }, outcomes.deadLettered);
      this.metrics.deadLettered.inc({ group, topic }, outcomes.deadLettered);
      this.log.warn('consumer: records dead-lettered', { group, topic, count: outcomes.deadLettered });
    }
  }
}

interface ChunkOf {
  batch: Batch;
  chunk: KafkaMessage[];
}

interface TogetherChunk extends ChunkOf {
  done: (appliedTogether: boolean) => void;
}

interface AppliedOffset {
  topic: string;
  partition: number;
  offset: string;
}

type ApplyMode = { careful: false } | { careful: true; failedId: string | undefined };

interface Outcomes {
  applied: number;
  duplicate: number;
  deadLettered: number;
}

/** Marks a handler failure on the fast path, so the chunk is redone record by record. */
class HandlerFailed extends Error {
  constructor(
    /** The record that failed, when known (a chunk handler does not say). */
    readonly messageId: string | undefined,
    override readonly cause: unknown,
  ) {
    super(errorText(cause));
  }
}

/**
 * One chunk handler call is one unit of work: it runs under the records' id
 * when they all share one (a partner's batch), else under a fresh one, since
 * no single record caused what it publishes.
 */
function chunkCorrelationId(records: Array<ConsumedMessage<unknown>>): string {
  const first = records[0]!.trace.correlationId;
  return records.every((r) => r.trace.correlationId === first) ? first : randomUUID();
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

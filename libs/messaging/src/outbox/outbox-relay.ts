import { Client } from 'pg';
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { backoffDelay, sleep } from '../backoff';
import { errorText, silentLogger, type MessagingLogger } from '../messaging-logger';
import { MessagingMetrics } from '../messaging-metrics';
import { OUTBOX_CHANNEL } from '../schema/messaging-tables.migration';

export interface OutboxRelayOptions {
  databaseUrl: string;
  kafka: Kafka;
  logger?: MessagingLogger;
  metrics?: MessagingMetrics;
  /** Rows read and sent per round trip. */
  batchSize?: number;
  /** Fallback wake-up when no NOTIFY arrives (a missed notification costs at most this). */
  idlePollMs?: number;
  /** While awake (rows seen in the last `awakeMs`), how often an empty outbox is read again. */
  busyPollMs?: number;
  /** How long the relay keeps polling after the last row before it sleeps and relies on NOTIFY. */
  awakeMs?: number;
  /** How often a standby instance tries to take over the relay lock. */
  standbyPollMs?: number;
  /** Advisory lock key: one relay leader per database. */
  lockKey?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  /** The CloudEvent's JSON as stored: sent as is, never parsed and serialised again. */
  payload: string;
  headers: Record<string, string>;
}

/** Arbitrary constant: the advisory lock that elects one relay per service database. */
const DEFAULT_LOCK_KEY = 0x7661_6c6c; // "vall"

/**
 * Publishes outbox rows to Kafka in id order with an idempotent producer.
 *
 * One instance per database holds an advisory lock and relays; others wait on
 * standby. One sender with one request in flight keeps each key's order, and a
 * row is deleted only after Kafka acknowledged it (acks=all): a crash or a
 * broker outage can repeat an event, never lose or reorder one — consumers
 * drop repeats by event id.
 */
export class OutboxRelay {
  private readonly log: MessagingLogger;
  private readonly metrics: MessagingMetrics;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly standbyPollMs: number;
  private readonly busyPollMs: number;
  private readonly awakeMs: number;
  /** What this relay last wrote to messaging_relay_state.polling. */
  private polling = false;
  private readonly lockKey: number;
  private running = false;
  private loop?: Promise<void>;
  private client?: Client;
  private producer?: Producer;
  private wake?: () => void;
  private notified = false;
  private lastBacklogSample = 0;
  private leader = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.log = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? MessagingMetrics.for();
    this.batchSize = options.batchSize ?? 1000;
    this.idlePollMs = options.idlePollMs ?? 1000;
    this.standbyPollMs = options.standbyPollMs ?? 500;
    this.busyPollMs = options.busyPollMs ?? 5;
    this.awakeMs = options.awakeMs ?? 1000;
    this.lockKey = options.lockKey ?? DEFAULT_LOCK_KEY;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.connect();
        if (await this.becomeLeader()) {
          failures = 0;
          await this.relayWhileLeader();
        }
      } catch (err) {
        failures += 1;
        this.log.warn('outbox relay: database connection lost, reconnecting', { error: errorText(err), attempt: failures });
        await sleep(backoffDelay(failures, 200, 5000));
      } finally {
        await this.disconnect();
      }
    }
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: 'valley-outbox-relay' });
    // An idle connection's error must not crash the process; the loop notices on its next query.
    client.on('error', (err) => this.log.warn('outbox relay: database client error', { error: errorText(err) }));
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await client.connect();
    // The relay's own commits are deletes of rows already in Kafka: if one is lost
    // in a crash, the rows are sent again and consumers drop the repeats. Not
    // waiting for their fsync takes a disk flush out of every relay round.
    await client.query('SET synchronous_commit = off');
    this.client = client;
  }

  /** Waits on standby until this instance holds the relay lock (or is stopped). */
  private async becomeLeader(): Promise<boolean> {
    const client = this.requireClient();
    while (this.running) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [this.lockKey]);
      if (rows[0]?.locked) {
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        this.leader = true;
        this.metrics.outboxRelayLeader.set(1);
        this.log.info('outbox relay: leader, relaying');
        return true;
      }
      await this.idle(this.standbyPollMs);
    }
    return false;
  }

  /**
   * Reads, sends and deletes rows in id order. While rows keep coming it polls
   * every `busyPollMs` and tells writers so (messaging_relay_state.polling), so
   * they commit without a NOTIFY; after `awakeMs` without rows it goes to sleep
   * and waits for a NOTIFY (or `idlePollMs`). The delete of a sent batch rides on
   * the next read: one round trip a cycle instead of two.
   */
  private async relayWhileLeader(): Promise<void> {
    const client = this.requireClient();
    let sentIds: string[] = [];
    // A new leader starts awake: a leader that died polling left writers not notifying.
    await this.setPolling(client, true);
    let awakeUntil = Date.now() + this.awakeMs;
    try {
      while (this.running) {
        this.notified = false;
        const { rows } = await client.query<OutboxRow>(
          `WITH sent AS (DELETE FROM messaging_outbox WHERE id = ANY($1::bigint[]))
           SELECT id, topic, message_key, payload::text AS payload, headers FROM messaging_outbox
           WHERE id <> ALL($1::bigint[]) ORDER BY id LIMIT $2`,
          [sentIds, this.batchSize],
        );
        sentIds = [];
        await this.sampleBacklog(client, rows.length);
        if (rows.length === 0) {
          if (Date.now() < awakeUntil) {
            await this.idle(this.busyPollMs);
          } else if (this.polling) {
            // Writers notify again from here on; read once more for any that skipped it.
            await this.setPolling(client, false);
          } else if (!this.notified) {
            await this.idle(this.idlePollMs);
          }
          continue;
        }
        if (!this.polling) await this.setPolling(client, true);
        awakeUntil = Date.now() + this.awakeMs;
        const sent = await this.sendUntilAcknowledged(rows);
        if (!sent) return;
        sentIds = rows.map((r) => r.id);
        for (const row of rows) this.metrics.outboxPublished.inc({ topic: row.topic });
      }
    } finally {
      // Best effort: rows left behind are sent again, and consumers drop repeats.
      if (sentIds.length > 0) await client.query('DELETE FROM messaging_outbox WHERE id = ANY($1::bigint[])', [sentIds]).catch(() => undefined);
      if (this.polling) await this.setPolling(client, false).catch(() => undefined);
    }
  }

  private async setPolling(client: Client, polling: boolean): Promise<void> {
    await client.query('UPDATE messaging_relay_state SET polling = $1, changed_at = now()', [polling]);
    this.polling = polling;
  }

  /** Retries the same rows, in the same order, until Kafka takes them; false if stopped first. */
  private async sendUntilAcknowledged(rows: OutboxRow[]): Promise<boolean> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        const producer = await this.connectedProducer();
        await producer.sendBatch({ acks: -1, topicMessages: toTopicMessages(rows) });
        if (attempt > 1) this.log.info('outbox relay: Kafka reachable again, publishing resumed', { attempts: attempt });
        return true;
      } catch (err) {
        this.log.warn('outbox relay: publish failed, will retry', { error: errorText(err), attempt, rows: rows.length });
        await this.resetProducer();
        await this.idle(backoffDelay(attempt, 200, 5000));
        // Keep the session (and so the lock) alive while Kafka is away.
        await this.requireClient().query('SELECT 1');
      }
    }
    return false;
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async sampleBacklog(client: Client, fetched: number): Promise<void> {
    if (fetched < this.batchSize) {
      this.metrics.outboxBacklog.set(fetched);
      return;
    }
    const now = Date.now();
    if (now - this.lastBacklogSample < 1000) return;
    this.lastBacklogSample = now;
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM messaging_outbox');
    this.metrics.outboxBacklog.set(Number(rows[0]?.n ?? 0));
  }

  /** Waits `ms` or until woken (NOTIFY or stop); returns at once when stopping, so stop() never waits out a long idle. */
  private idle(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private requireClient(): Client {
    if (!this.client) throw new Error('outbox relay: not connected');
    return this.client;
  }

  private async disconnect(): Promise<void> {
    this.leader = false;
    this.metrics.outboxRelayLeader.set(0);
    await this.resetProducer();
    const client = this.client;
    this.client = undefined;
    // Closing the session releases the advisory lock for a standby instance.
    await client?.end().catch(() => undefined);
  }
}

function toTopicMessages(rows: OutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    let entry = byTopic.get(row.topic);
    if (!entry) {
      entry = { topic: row.topic, messages: [] };
      byTopic.set(row.topic, entry);
    }
    entry.messages.push({ key: row.message_key, value: row.payload, headers: row.headers });
  }
  return [...byTopic.values()];
}

import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { EventContract } from './event-contract';
import { ParkStream, type InvalidRecord } from './park-stream';
import type { ParkView } from './park-view';

/** How to reach the park's Kafka: the brokers and, when the cluster is secured, the partner's credentials. */
export interface KafkaConnection {
  brokers: string[];
  /** SASL (e.g. `{ mechanism: 'scram-sha-512', username, password }`); none connects without authentication. */
  sasl?: SASLOptions;
  ssl?: KafkaConfig['ssl'];
}

export interface ReplayOptions {
  contract: EventContract;
  connection: KafkaConnection;
  /** The partner's consumer-group prefix (its ACLs allow only groups under it). */
  groupPrefix: string;
  /** The group's name under the prefix; default a fresh `park-view-<time>-<random>`, so the topics are read from offset 0. */
  groupName?: string;
  clientId?: string;
  /** Keep consuming after catching up, until `signal` aborts. */
  follow?: boolean;
  signal?: AbortSignal;
  /** Called once the end offsets taken at start are reached (also with `follow`). */
  onCaughtUp?: (stream: ParkStream) => void;
  onInvalid?: (record: InvalidRecord) => void;
  view?: ParkView;
  /** kafkajs's own log level (ERROR by default: a rebalance or a broken connection is worth a line). */
  logLevel?: logLevel;
  /**
   * Only these of the document's topics. Without it, every topic the document
   * offers that the broker lets these credentials read (the others are listed
   * in `notGranted`): a partner is granted some public topics, not always all.
   */
  topics?: string[];
}

export interface ReplayResult {
  stream: ParkStream;
  view: ParkView;
  groupId: string;
  topics: string[];
  /** The document's topics the broker refused these credentials (skipped). */
  notGranted: string[];
  /** Records that were on the topics when the replay started. */
  backlog: number;
  seconds: number;
}

/**
 * Rebuilds the park from offset 0: a fresh consumer group under the partner's
 * prefix reads every topic the document lets it receive, from the earliest
 * offset, until it reaches the end offsets they had when it started (or, with
 * `follow`, until `signal` aborts). Nothing is kept between runs: the view is
 * rebuilt each time, which is what a replay is.
 */
export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  const groupId = `${options.groupPrefix}.${options.groupName ?? `park-view-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`}`;
  const offered = options.contract.topics.map((t) => t.name);
  const unknown = (options.topics ?? []).filter((t) => !offered.includes(t));
  if (unknown.length > 0) throw new Error(`not a topic the document offers to receive: ${unknown.join(', ')} (it offers ${offered.join(', ')})`);
  const kafka = new Kafka({
    clientId: options.clientId ?? 'valley-partner-consumer',
    brokers: options.connection.brokers,
    ...(options.connection.sasl ? { sasl: options.connection.sasl } : {}),
    ...(options.connection.ssl !== undefined ? { ssl: options.connection.ssl } : {}),
    logLevel: options.logLevel ?? logLevel.ERROR,
  });
  const stream = new ParkStream(options.contract, options.view, options.onInvalid);
  const { remaining, notGranted } = await endOffsets(kafka, options.topics ?? offered, options.topics === undefined).catch((error: unknown) => {
    // A secured listener drops a client that speaks no SASL; kafkajs only says the connection closed.
    if (!options.connection.sasl && error instanceof Error && /closed connection/i.test(error.message)) {
      throw new Error(`${error.message}: the broker may require credentials (set PARTNER_KAFKA_USERNAME and PARTNER_KAFKA_PASSWORD)`, { cause: error });
    }
    throw error;
  });
  const topics = (options.topics ?? offered).filter((t) => !notGranted.includes(t));
  if (topics.length === 0) throw new Error(`these credentials may read none of ${offered.join(', ')}: ask the park for a grant`);
  const backlog = [...remaining.values()].reduce((s, p) => s + Number(p.end - p.low), 0);

  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  let caughtUp!: () => void;
  let failed!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    caughtUp = resolve;
    failed = reject;
  });
  // Awaited below unless the signal aborts first; a crash after that must not go unhandled.
  done.catch(() => undefined);
  let reported = false;
  const checkCaughtUp = (): void => {
    if (remaining.size > 0 || reported) return;
    reported = true;
    options.onCaughtUp?.(stream);
    if (!options.follow) caughtUp();
  };
  const onAbort = (): void => caughtUp();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  consumer.on(consumer.events.CRASH, (e) => {
    if (!e.payload.restart) failed(explained(e.payload.error, groupId));
  });
  // The view needs every partition: another member in the same group would take some, and this replay would wait for them forever.
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    const assigned = new Set(Object.entries(e.payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((p) => `${topic}:${p}`)));
    const missing = [...remaining.keys()].filter((at) => !assigned.has(at));
    if (missing.length > 0) failed(new Error(`group ${groupId} has other members holding ${missing.join(', ')}: a replay needs a group of its own`));
  });

  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ topic, partition, message }) => {
        stream.ingest({ topic, partition, offset: message.offset, key: message.key, headers: message.headers ?? {}, value: message.value });
        const at = `${topic}:${partition}`;
        const end = remaining.get(at);
        if (end && BigInt(message.offset) + 1n >= end.end) {
          remaining.delete(at);
          checkCaughtUp();
        }
      },
    });
    checkCaughtUp();
    if (!options.signal?.aborted) await done;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await consumer.disconnect();
  }
  return { stream, view: stream.view, groupId, topics, notGranted, backlog, seconds: (Date.now() - started) / 1000 };
}

/**
 * Per partition with something to read: its low and end (high-water) offsets now.
 * With `skipRefused`, a topic the broker refuses to describe is left out and named.
 */
async function endOffsets(kafka: Kafka, topics: string[], skipRefused: boolean): Promise<{ remaining: Map<string, { low: bigint; end: bigint }>; notGranted: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out = new Map<string, { low: bigint; end: bigint }>();
    const notGranted: string[] = [];
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic).catch((error: unknown) => {
        if (skipRefused && isAuthorizationError(error)) return undefined;
        throw new Error(`${topic}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      if (offsets === undefined) {
        notGranted.push(topic);
        continue;
      }
      for (const p of offsets) {
        const low = BigInt(p.low);
        const end = BigInt(p.high);
        if (end > low) out.set(`${topic}:${p.partition}`, { low, end });
      }
    }
    return { remaining: out, notGranted };
  } finally {
    await admin.disconnect();
  }
}

/**
 * A group the credentials may not use: Kafka answers the coordinator lookup with
 * GROUP_AUTHORIZATION_FAILED, which kafkajs reports only as "Failed to find group
 * coordinator". Said plainly, since a wrong prefix is the likely cause.
 */
function explained(error: Error, groupId: string): Error {
  if (error.name !== 'KafkaJSGroupCoordinatorNotFound') return error;
  return new Error(`group ${groupId}: ${error.message}: on a secured park, the credentials may not use this group (a partner may use only groups under its own prefix)`, { cause: error });
}

/** Kafka's TOPIC_AUTHORIZATION_FAILED, as kafkajs reports it. */
function isAuthorizationError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { originalError?: unknown }).originalError ?? e.cause) {
    if ((e as { type?: string }).type === 'TOPIC_AUTHORIZATION_FAILED' || /not authorized/i.test(e.message)) return true;
  }
  return false;
}

import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { EventCatalog, type Topic } from '@valley/contracts';
import { createKafka, type KafkaSasl } from '@valley/messaging';
import type { Identity } from '@valley/platform';
import { FeedConsumer } from './feed-consumer';
import { FeedEventTypes, type FeedEventType } from './feed-event';
import { FeedPubSub } from './feed-pubsub';
import { createFeedSchema } from './feed-schema';
import { FeedSocketServer, type FeedSocketLimits } from './feed-socket-server';

export interface LiveFeedOptions {
  brokers: string[];
  /** The gateway's principal on a secured broker. */
  sasl?: KafkaSasl;
  clientId: string;
  logger: Logger;
  /** Verifies the client's credentials from the graphql-ws connection_init payload (e.g. { authorization: 'Bearer <jwt>' }); throws when they are missing/invalid/expired. */
  authenticate(connectionParams: Record<string, unknown> | undefined): Promise<Identity>;
  /** Introspection and "did you mean" hints off in production. */
  production: boolean;
  /** Overrides of the socket limits (see DEFAULT_LIVE_FEED_LIMITS). */
  limits?: Partial<FeedSocketLimits>;
  /** The consumer group; default `valley-gateway-feed-<clientId>-<random>`. Must be unique to the instance. */
  groupId?: string;
}

export const DEFAULT_LIVE_FEED_LIMITS: FeedSocketLimits = {
  maxPayloadBytes: 64 * 1024,
  maxSubscriptionsPerConnection: 20,
  maxQueuedEventsPerSubscription: 1_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  keepAliveMs: 12_000,
  connectionInitWaitTimeoutMs: 5_000,
  closeGraceMs: 2_000,
};

/** The topics the feed's event types travel on, once each. */
export const LIVE_FEED_TOPICS: Topic[] = [...new Set((Object.keys(FeedEventTypes) as FeedEventType[]).map((type) => EventCatalog[type].topic as Topic))];

/**
 * The gateway's live feed: GraphQL subscriptions over WebSocket (graphql-ws)
 * for new applications, quota alerts, overdue reports and placements, read
 * from Kafka and shown to each subscriber as far as its identity allows.
 * See README.md beside this file for the schema and the wiring.
 */
export class LiveFeed {
  private readonly kafka: Kafka;
  private readonly pubsub = new FeedPubSub();
  private readonly consumer: FeedConsumer;
  private readonly sockets: FeedSocketServer;
  private readonly logger: Logger;

  constructor(options: LiveFeedOptions) {
    this.logger = options.logger.child({ component: 'live-feed' });
    this.kafka = createKafka({
      brokers: options.brokers,
      sasl: options.sasl,
      clientId: options.clientId,
      log: (level, message, extra) => this.logger[level](extra, message),
    });
    const groupId = options.groupId ?? `valley-gateway-feed-${options.clientId}-${randomBytes(6).toString('hex')}`;
    this.consumer = new FeedConsumer({ kafka: this.kafka, groupId, topics: LIVE_FEED_TOPICS, logger: this.logger, onEvent: (event) => this.pubsub.publish(event) });
    this.sockets = new FeedSocketServer({
      schema: createFeedSchema(),
      pubsub: this.pubsub,
      authenticate: (params) => options.authenticate(params),
      logger: this.logger,
      production: options.production,
      limits: { ...DEFAULT_LIVE_FEED_LIMITS, ...options.limits },
    });
  }

  /** Active subscriptions, over all connections. */
  get subscriberCount(): number {
    return this.pubsub.subscriberCount;
  }

  /** Open WebSocket connections. */
  get connectionCount(): number {
    return this.sockets.connectionCount;
  }

  /** Resolves once the consumer is in its group, positioned at the current end: what is published from then on is pushed. */
  async start(): Promise<void> {
    await this.consumer.start();
  }

  /** Serves graphql-ws on `server`'s upgrade requests for `path` (the gateway: '/graphql'). The HTTP server stays the caller's. */
  attach(server: HttpServer, path: string): void {
    this.sockets.attach(server, path);
  }

  /** Closes the sockets (1001), ends every subscription, leaves and deletes the consumer group. */
  async stop(): Promise<void> {
    await this.sockets.close();
    this.pubsub.close();
    await this.consumer.stop();
    this.logger.info('live feed: stopped');
  }
}

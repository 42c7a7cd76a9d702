import { Counter, Gauge, register as defaultRegistry, type Registry } from 'prom-client';

/** Prometheus metrics of the outbox relay and the consumers, registered once per registry. */
export class MessagingMetrics {
  readonly outboxPublished: Counter<'topic'>;
  readonly outboxBacklog: Gauge;
  readonly outboxRelayLeader: Gauge;
  readonly consumed: Counter<'group' | 'topic' | 'outcome'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  readonly deadLettered: Counter<'group' | 'topic'>;

  private static readonly byRegistry = new WeakMap<Registry, MessagingMetrics>();

  static for(registry: Registry = defaultRegistry): MessagingMetrics {
    let metrics = MessagingMetrics.byRegistry.get(registry);
    if (!metrics) {
      metrics = new MessagingMetrics(registry);
      MessagingMetrics.byRegistry.set(registry, metrics);
    }
    return metrics;
  }

  private constructor(registry: Registry) {
    const registers = [registry];
    this.outboxPublished = new Counter({ name: 'valley_outbox_published_total', help: 'Events relayed from the outbox to Kafka', labelNames: ['topic'], registers });
    this.outboxBacklog = new Gauge({ name: 'valley_outbox_backlog', help: 'Outbox rows not yet published (sampled by the relay leader)', registers });
    this.outboxRelayLeader = new Gauge({ name: 'valley_outbox_relay_leader', help: '1 while this instance holds the relay lock', registers });
    this.consumed = new Counter({ name: 'valley_consumer_messages_total', help: 'Records consumed, by outcome (applied, duplicate, dead-lettered)', labelNames: ['group', 'topic', 'outcome'], registers });
    this.consumerLag = new Gauge({ name: 'valley_consumer_lag', help: 'Records behind the partition high watermark at the last batch', labelNames: ['group', 'topic', 'partition'], registers });
    this.deadLettered = new Counter({ name: 'valley_dlq_records_total', help: 'Records sent to a dead-letter topic', labelNames: ['group', 'topic'], registers });
  }
}

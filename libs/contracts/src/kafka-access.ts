import { EventCatalog, type EventSource } from './event-catalog';
import { Topics, deadLetterTopic, type InternalTopic, type Topic } from './topics';

/**
 * Who may do what on the event backbone when Kafka runs secured (SASL/SCRAM
 * and the StandardAuthorizer). Each service has its own principal; the
 * broker's ACLs are derived from this table, so a service that starts
 * publishing a new topic changes it here and nowhere else.
 *
 * DO NOT RENAME principals or group prefixes casually: deployed ACLs and
 * Strimzi KafkaUsers are keyed by them.
 */
export type ServicePrincipal = 'enterprise' | 'provisioning' | 'revenue' | 'talent' | 'gateway';

export interface KafkaAccess {
  /** SCRAM user name (the Kafka principal is `User:<username>`). */
  readonly username: string;
  /** Topics it produces to. */
  readonly writes: readonly string[];
  /** Topics it consumes. */
  readonly reads: readonly string[];
  /** Consumer groups it may use: every group id starting with this. */
  readonly groupPrefix: string;
}

/** Topics a partner may be granted to read: the CloudEvents topics of the public contract. */
export const PUBLIC_TOPICS: readonly Topic[] = [
  Topics.EnterpriseLifecycle,
  Topics.FlowAllocations,
  Topics.FlowUsageAlerts,
  Topics.FlowCharges,
  Topics.RevenueReports,
  Topics.TalentPrograms,
];

/** The only topic a carrier writes: its raw usage records. Partners never read it (other carriers' data). */
export const CARRIER_TOPIC: Topic = Topics.FlowUsageRecords;

function producedBy(source: EventSource): Array<Topic | InternalTopic> {
  return [...new Set(Object.values(EventCatalog).filter((def) => def.source === source).map((def) => def.topic))];
}

/** A consumer dead-letters what it cannot process: it writes the DLQ of every topic it reads. */
function service(name: Exclude<ServicePrincipal, 'gateway'>, reads: Topic[], alsoWrites: Topic[] = []): KafkaAccess {
  return {
    username: `valley-${name}`,
    writes: [...producedBy(`/valley/${name}`), ...alsoWrites, ...reads.map(deadLetterTopic)],
    reads,
    groupPrefix: `valley-${name}`,
  };
}

export const SERVICE_KAFKA_ACCESS: Readonly<Record<ServicePrincipal, KafkaAccess>> = {
  enterprise: service('enterprise', []),
  // An administrator's manual upload of usage records takes the carriers' path: the service writes them to the topic.
  provisioning: service('provisioning', [Topics.EnterpriseLifecycle, Topics.FlowUsageRecords], [Topics.FlowUsageRecords]),
  revenue: service('revenue', [Topics.EnterpriseLifecycle, Topics.FlowCharges]),
  talent: service('talent', [Topics.EnterpriseLifecycle]),
  // The live feed: reads the feed's topics from the end, under a group of its own per process.
  gateway: { username: 'valley-gateway', writes: [], reads: [Topics.EnterpriseLifecycle, Topics.FlowUsageAlerts, Topics.RevenueReports, Topics.TalentPrograms], groupPrefix: 'valley-gateway' },
};

/**
 * The partner registry's own principal: it creates partners' SCRAM
 * credentials and ACLs, which Kafka authorises as ALTER on the cluster.
 */
export const PARTNER_REGISTRY_USERNAME = 'valley-partner-registry';

export type PartnerKind = 'carrier' | 'statistics-bureau' | 'bank' | 'other';

/** A partner's SCRAM user name: `partner-` and its id's first 12 hex digits (unique enough, and stable). */
export function partnerUsername(partnerId: string): string {
  return `partner-${partnerId.replace(/-/g, '').slice(0, 12).toLowerCase()}`;
}

/** What a partner may do: read the topics it was granted, under its own group prefix; a carrier also writes usage records. */
export function partnerKafkaAccess(partnerId: string, kind: PartnerKind, topics: readonly Topic[]): KafkaAccess {
  const username = partnerUsername(partnerId);
  const refused = topics.filter((t) => !PUBLIC_TOPICS.includes(t));
  if (refused.length > 0) throw new Error(`not public topics: ${refused.join(', ')}`);
  return { username, reads: [...topics], writes: kind === 'carrier' ? [CARRIER_TOPIC] : [], groupPrefix: `${username}.` };
}

/**
 * Kafka topic names of the public event contract.
 *
 * DO NOT RENAME: partners subscribe to these names. A breaking change makes a
 * new `.vN` topic beside the old one, which keeps flowing until it is retired.
 */
export const Topics = {
  EnterpriseLifecycle: 'valley.enterprise.lifecycle.v1',
  FlowAllocations: 'valley.flow.allocations.v1',
  FlowUsageRecords: 'valley.flow.usage-records.v1',
  FlowUsageAlerts: 'valley.flow.usage-alerts.v1',
  FlowCharges: 'valley.flow.charges.v1',
  RevenueReports: 'valley.revenue.reports.v1',
  TalentPrograms: 'valley.talent.programs.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/**
 * Topics of the platform's own, not part of the partners' contract: no
 * partner is ever granted them, and the AsyncAPI document leaves them out.
 */
export const InternalTopics = {
  PartnerRegistry: 'valley.partner.registry.v1',
} as const;

export type InternalTopic = (typeof InternalTopics)[keyof typeof InternalTopics];

/** The dead-letter topic of a source topic: records a consumer could not process. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

export interface TopicSpec {
  readonly name: Topic;
  /** What the Kafka key is: events of one key stay in order. */
  readonly key: 'enterpriseId' | 'programId';
  readonly partitions: number;
  /** -1 keeps events forever, so partners can rebuild their state from offset 0. */
  readonly retentionMs: number;
  readonly description: string;
}

const FOREVER = -1;
const NINETY_DAYS_MS = 90 * 24 * 3600 * 1000;

/** Partition counts bound how far a consumer group scales out; raise, never lower. */
export const TopicSpecs: readonly TopicSpec[] = [
  { name: Topics.EnterpriseLifecycle, key: 'enterpriseId', partitions: 6, retentionMs: FOREVER, description: 'Applications, reviews and the resident lifecycle of enterprises.' },
  { name: Topics.FlowAllocations, key: 'enterpriseId', partitions: 6, retentionMs: FOREVER, description: 'Data-flow allocations activated, changed, suspended and revoked.' },
  { name: Topics.FlowUsageRecords, key: 'enterpriseId', partitions: 12, retentionMs: NINETY_DAYS_MS, description: 'Raw usage records produced by partner carriers (flat JSON, not CloudEvents).' },
  { name: Topics.FlowUsageAlerts, key: 'enterpriseId', partitions: 6, retentionMs: FOREVER, description: 'Quota thresholds (80 and 100 percent) reached per allocation and month.' },
  { name: Topics.FlowCharges, key: 'enterpriseId', partitions: 6, retentionMs: FOREVER, description: 'Monthly data-element input (charges) per enterprise, with revisions.' },
  { name: Topics.RevenueReports, key: 'enterpriseId', partitions: 6, retentionMs: FOREVER, description: 'Monthly revenue reports submitted, amended and overdue.' },
  { name: Topics.TalentPrograms, key: 'programId', partitions: 3, retentionMs: FOREVER, description: 'Talent programs, enrollments, completions and placements (pseudonymous trainees).' },
];

export interface InternalTopicSpec extends Omit<TopicSpec, 'name' | 'key'> {
  readonly name: InternalTopic;
  readonly key: 'partnerId';
}

export const InternalTopicSpecs: readonly InternalTopicSpec[] = [
  { name: InternalTopics.PartnerRegistry, key: 'partnerId', partitions: 3, retentionMs: FOREVER, description: 'Partners registered, their credentials rotated and revoked (the audit trail; no secrets).' },
];

import type { Static, TObject } from '@sinclair/typebox';
import * as Enterprise from './events/enterprise-lifecycle.events';
import * as Flow from './events/flow.events';
import * as Revenue from './events/revenue.events';
import * as Talent from './events/talent.events';
import * as Partner from './events/partner-registry.events';
import { InternalTopics, Topics, type InternalTopic, type Topic } from './topics';

export type EventSource = '/valley/enterprise' | '/valley/provisioning' | '/valley/revenue' | '/valley/talent';

export interface EventDefinition<S extends TObject = TObject> {
  readonly topic: Topic | InternalTopic;
  readonly source: EventSource;
  readonly schema: S;
  /** The data field whose value is the Kafka key (keeps one aggregate's events in order). */
  readonly keyField: string & keyof Static<S>;
  /** The data field whose value is the CloudEvents `subject`: the aggregate id. */
  readonly subjectField: string & keyof Static<S>;
  readonly description: string;
}

function define<S extends TObject>(def: EventDefinition<S>): EventDefinition<S> {
  return def;
}

/**
 * Every event type of the platform, with its topic and JSON Schema.
 *
 * DO NOT RENAME a type: it is part of the public contract. A breaking change to
 * a schema makes a new `.vN` type.
 */
export const EventCatalog = {
  'valley.enterprise.application-submitted.v1': define({ topic: Topics.EnterpriseLifecycle, source: '/valley/enterprise', schema: Enterprise.ApplicationSubmittedV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'An enterprise applied to move into the park.' }),
  'valley.enterprise.approved.v1': define({ topic: Topics.EnterpriseLifecycle, source: '/valley/enterprise', schema: Enterprise.ApprovedV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'An application was approved: the enterprise is a resident.' }),
  'valley.enterprise.rejected.v1': define({ topic: Topics.EnterpriseLifecycle, source: '/valley/enterprise', schema: Enterprise.RejectedV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'An application was rejected.' }),
  'valley.enterprise.suspended.v1': define({ topic: Topics.EnterpriseLifecycle, source: '/valley/enterprise', schema: Enterprise.SuspendedV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'A resident was suspended.' }),
  'valley.enterprise.reinstated.v1': define({ topic: Topics.EnterpriseLifecycle, source: '/valley/enterprise', schema: Enterprise.ReinstatedV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'A suspended resident was reinstated.' }),
  'valley.enterprise.exited.v1': define({ topic: Topics.EnterpriseLifecycle, source: '/valley/enterprise', schema: Enterprise.ExitedV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'A resident left the park.' }),

  'valley.flow.allocation-activated.v1': define({ topic: Topics.FlowAllocations, source: '/valley/provisioning', schema: Flow.AllocationActivatedV1, keyField: 'enterpriseId', subjectField: 'allocationId', description: 'A data-flow allocation became active.' }),
  'valley.flow.allocation-changed.v1': define({ topic: Topics.FlowAllocations, source: '/valley/provisioning', schema: Flow.AllocationChangedV1, keyField: 'enterpriseId', subjectField: 'allocationId', description: 'An allocation moved to another plan (upgrade or downgrade).' }),
  'valley.flow.allocation-suspended.v1': define({ topic: Topics.FlowAllocations, source: '/valley/provisioning', schema: Flow.AllocationSuspendedV1, keyField: 'enterpriseId', subjectField: 'allocationId', description: 'An allocation was suspended.' }),
  'valley.flow.allocation-revoked.v1': define({ topic: Topics.FlowAllocations, source: '/valley/provisioning', schema: Flow.AllocationRevokedV1, keyField: 'enterpriseId', subjectField: 'allocationId', description: 'An allocation was revoked and its capacity freed.' }),
  'valley.flow.quota-threshold-reached.v1': define({ topic: Topics.FlowUsageAlerts, source: '/valley/provisioning', schema: Flow.QuotaThresholdReachedV1, keyField: 'enterpriseId', subjectField: 'allocationId', description: 'An allocation used 80 or 100 percent of its monthly included traffic (once each per month).' }),
  'valley.flow.monthly-charges-computed.v1': define({ topic: Topics.FlowCharges, source: '/valley/provisioning', schema: Flow.MonthlyChargesComputedV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'The data-element input of one enterprise for one month (highest revision wins).' }),

  'valley.revenue.report-submitted.v1': define({ topic: Topics.RevenueReports, source: '/valley/revenue', schema: Revenue.ReportSubmittedV1, keyField: 'enterpriseId', subjectField: 'reportId', description: 'A resident submitted its monthly operating report.' }),
  'valley.revenue.report-returned.v1': define({ topic: Topics.RevenueReports, source: '/valley/revenue', schema: Revenue.ReportReturnedV1, keyField: 'enterpriseId', subjectField: 'reportId', description: 'An administrator returned a report for correction; a resubmission follows as a new version.' }),
  'valley.revenue.report-accepted.v1': define({ topic: Topics.RevenueReports, source: '/valley/revenue', schema: Revenue.ReportAcceptedV1, keyField: 'enterpriseId', subjectField: 'reportId', description: "An administrator accepted a report's version: the park's figures use it from now on (an amendment is accepted as it is made)." }),
  'valley.revenue.report-amended.v1': define({ topic: Topics.RevenueReports, source: '/valley/revenue', schema: Revenue.ReportAmendedV1, keyField: 'enterpriseId', subjectField: 'reportId', description: 'An accepted report was amended: a new version.' }),
  'valley.revenue.report-overdue.v1': define({ topic: Topics.RevenueReports, source: '/valley/revenue', schema: Revenue.ReportOverdueV1, keyField: 'enterpriseId', subjectField: 'enterpriseId', description: 'A resident had not reported a month by its deadline.' }),

  'valley.talent.program-published.v1': define({ topic: Topics.TalentPrograms, source: '/valley/talent', schema: Talent.ProgramPublishedV1, keyField: 'programId', subjectField: 'programId', description: 'A talent program was published.' }),
  'valley.talent.trainee-enrolled.v1': define({ topic: Topics.TalentPrograms, source: '/valley/talent', schema: Talent.TraineeEnrolledV1, keyField: 'programId', subjectField: 'enrollmentId', description: 'A trainee was enrolled in a program.' }),
  'valley.talent.trainee-completed.v1': define({ topic: Topics.TalentPrograms, source: '/valley/talent', schema: Talent.TraineeCompletedV1, keyField: 'programId', subjectField: 'enrollmentId', description: 'A trainee completed a program.' }),
  'valley.talent.trainee-placed.v1': define({ topic: Topics.TalentPrograms, source: '/valley/talent', schema: Talent.TraineePlacedV1, keyField: 'programId', subjectField: 'placementId', description: 'A trainee who completed a program was hired by a resident.' }),

  // Internal: the partner registry's audit trail (the enterprise service hosts the registry).
  'valley.partner.registered.v1': define({ topic: InternalTopics.PartnerRegistry, source: '/valley/enterprise', schema: Partner.PartnerRegisteredV1, keyField: 'partnerId', subjectField: 'partnerId', description: 'A partner system was registered with Kafka credentials and ACLs.' }),
  'valley.partner.credentials-rotated.v1': define({ topic: InternalTopics.PartnerRegistry, source: '/valley/enterprise', schema: Partner.PartnerCredentialsRotatedV1, keyField: 'partnerId', subjectField: 'partnerId', description: "A partner's Kafka password was replaced." }),
  'valley.partner.revoked.v1': define({ topic: InternalTopics.PartnerRegistry, source: '/valley/enterprise', schema: Partner.PartnerRevokedV1, keyField: 'partnerId', subjectField: 'partnerId', description: "A partner's credentials and ACLs were removed." }),
} as const;

export type EventCatalogType = typeof EventCatalog;
export type EventType = keyof EventCatalogType;

/** The `data` of an event type, derived from its schema so the two cannot drift. */
export type EventData<T extends EventType> = Static<EventCatalogType[T]['schema']>;

export const EVENT_TYPES = Object.keys(EventCatalog) as EventType[];

/** The types partners see: those on the contract's topics (the AsyncAPI document's messages), not the internal ones. */
export const PUBLIC_EVENT_TYPES = EVENT_TYPES.filter((type) => (Object.values(Topics) as string[]).includes(EventCatalog[type].topic));

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EventCatalog, type);
}

export function dataSchemaUri(type: EventType): string {
  return `urn:valley:schema:${type}`;
}

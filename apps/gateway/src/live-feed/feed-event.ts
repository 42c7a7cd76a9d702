import type { CloudEvent, EventData } from '@valley/contracts';

/** The contract event types the live feed pushes, and the feed's name for each. */
export const FeedEventTypes = {
  'valley.enterprise.application-submitted.v1': 'APPLICATION_SUBMITTED',
  'valley.flow.quota-threshold-reached.v1': 'QUOTA_ALERT_RAISED',
  'valley.revenue.report-overdue.v1': 'REPORT_OVERDUE',
  'valley.talent.trainee-placed.v1': 'TRAINEE_PLACED',
} as const;

export type FeedEventType = keyof typeof FeedEventTypes;
export type FeedEventKind = (typeof FeedEventTypes)[FeedEventType];

export const FEED_EVENT_KINDS = Object.values(FeedEventTypes) as FeedEventKind[];

export function isFeedEventType(type: unknown): type is FeedEventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(FeedEventTypes, type);
}

/** What every feed item carries besides its own fields. */
interface FeedEventBase {
  eventId: string;
  /** The CloudEvents `time`. */
  occurredAt: string;
  /** The enterprise the event is about (applicant, allocation holder, reporter, employer): the authorisation key. */
  enterpriseId: string;
}

export interface ApplicationSubmittedItem extends FeedEventBase {
  kind: 'APPLICATION_SUBMITTED';
  uscc: string;
  name: string;
  industry: string;
  registeredCapitalFen: string;
  plannedBandwidthMbps: number;
  plannedMonthlyTrafficBytes: string;
  headcount: number;
  submittedAt: string;
}

export interface QuotaAlertItem extends FeedEventBase {
  kind: 'QUOTA_ALERT_RAISED';
  allocationId: string;
  month: string;
  thresholdPercent: number;
  usedBytes: string;
  includedBytes: string;
  overagePolicy: 'block' | 'throttle' | 'bill';
  reachedAt: string;
}

export interface ReportOverdueItem extends FeedEventBase {
  kind: 'REPORT_OVERDUE';
  month: string;
  deadline: string;
  detectedAt: string;
}

export interface TraineePlacedItem extends FeedEventBase {
  kind: 'TRAINEE_PLACED';
  placementId: string;
  programId: string;
  /** Pseudonymous (`trn_…`): the trainee's name and national id never leave the talent service. */
  traineeRef: string;
  role: string;
  startDate: string;
  placedAt: string;
}

/** One item of the live feed: the documented fields of one contract event, nothing more. */
export type FeedEvent = ApplicationSubmittedItem | QuotaAlertItem | ReportOverdueItem | TraineePlacedItem;

/**
 * Maps a validated contract event to its feed item. Fields are copied one by
 * one, never spread: a field added to a contract later reaches subscribers
 * only when someone adds it here and to the GraphQL type.
 */
export function toFeedEvent(event: CloudEvent<FeedEventType>): FeedEvent {
  const base = { eventId: event.id, occurredAt: event.time };
  switch (event.type) {
    case 'valley.enterprise.application-submitted.v1': {
      const d = event.data as EventData<'valley.enterprise.application-submitted.v1'>;
      return {
        ...base,
        kind: 'APPLICATION_SUBMITTED',
        enterpriseId: d.enterpriseId,
        uscc: d.uscc,
        name: d.name,
        industry: d.industry,
        registeredCapitalFen: d.registeredCapitalFen,
        plannedBandwidthMbps: d.plannedBandwidthMbps,
        plannedMonthlyTrafficBytes: d.plannedMonthlyTrafficBytes,
        headcount: d.headcount,
        submittedAt: d.submittedAt,
      };
    }
    case 'valley.flow.quota-threshold-reached.v1': {
      const d = event.data as EventData<'valley.flow.quota-threshold-reached.v1'>;
      return {
        ...base,
        kind: 'QUOTA_ALERT_RAISED',
        enterpriseId: d.enterpriseId,
        allocationId: d.allocationId,
        month: d.month,
        thresholdPercent: d.thresholdPercent,
        usedBytes: d.usedBytes,
        includedBytes: d.includedBytes,
        overagePolicy: d.overagePolicy,
        reachedAt: d.reachedAt,
      };
    }
    case 'valley.revenue.report-overdue.v1': {
      const d = event.data as EventData<'valley.revenue.report-overdue.v1'>;
      return { ...base, kind: 'REPORT_OVERDUE', enterpriseId: d.enterpriseId, month: d.month, deadline: d.deadline, detectedAt: d.detectedAt };
    }
    case 'valley.talent.trainee-placed.v1': {
      const d = event.data as EventData<'valley.talent.trainee-placed.v1'>;
      return {
        ...base,
        kind: 'TRAINEE_PLACED',
        // The employer: the placement is the enterprise's business, not the program's.
        enterpriseId: d.enterpriseId,
        placementId: d.placementId,
        programId: d.programId,
        traineeRef: d.traineeRef,
        role: d.role,
        startDate: d.startDate,
        placedAt: d.placedAt,
      };
    }
  }
}

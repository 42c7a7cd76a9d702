import { randomBytes, randomUUID } from 'node:crypto';
import { GraphQLObjectType } from 'graphql';
import { buildCloudEvent, type CloudEvent } from '@valley/contracts';
import { toFeedEvent, type FeedEventKind, type FeedEventType } from './feed-event';
import { createFeedSchema } from './feed-schema';

const enterpriseId = randomUUID();
const now = new Date().toISOString();
const samples: Record<FeedEventKind, { type: string; event: CloudEvent<FeedEventType> }> = {
  APPLICATION_SUBMITTED: {
    type: 'ApplicationSubmittedEvent',
    event: buildCloudEvent('valley.enterprise.application-submitted.v1', { enterpriseId, uscc: '91140100MA0LGWXW4D', name: 'Frame Studio', industry: 'esports', registeredCapitalFen: '100', plannedBandwidthMbps: 10, plannedMonthlyTrafficBytes: '1', headcount: 3, submittedAt: now }),
  },
  QUOTA_ALERT_RAISED: {
    type: 'QuotaAlertEvent',
    event: buildCloudEvent('valley.flow.quota-threshold-reached.v1', { allocationId: randomUUID(), enterpriseId, month: '2025-03', thresholdPercent: 80, usedBytes: '8', includedBytes: '10', overagePolicy: 'bill', reachedAt: now }),
  },
  REPORT_OVERDUE: { type: 'ReportOverdueEvent', event: buildCloudEvent('valley.revenue.report-overdue.v1', { enterpriseId, month: '2025-02', deadline: '2025-03-15', detectedAt: now }) },
  TRAINEE_PLACED: {
    type: 'TraineePlacedEvent',
    event: buildCloudEvent('valley.talent.trainee-placed.v1', { programId: randomUUID(), placementId: randomUUID(), traineeRef: `trn_${randomBytes(16).toString('hex')}`, enterpriseId, role: 'analyst', startDate: '2025-04-01', placedAt: now }),
  },
};

describe(createFeedSchema.name, () => {
  const sut = createFeedSchema();

  it.each(Object.entries(samples))('%s: the GraphQL type has exactly the fields the mapper copies', (kind, { type, event }) => {
    const item = toFeedEvent(event);
    expect(item.kind).toBe(kind);
    const graphqlType = sut.getType(type);
    expect(graphqlType).toBeInstanceOf(GraphQLObjectType);
    expect(Object.keys((graphqlType as GraphQLObjectType).getFields()).sort()).toEqual(Object.keys(item).sort());
  });

  it('maps each event of the contract and nothing else: no data field is passed on that the mapper does not name', () => {
    const event = samples.REPORT_OVERDUE.event;
    const item = toFeedEvent({ ...event, data: { ...event.data, contactPhone: '13800138000' } as unknown as typeof event.data });
    expect(JSON.stringify(item)).not.toContain('13800138000');
  });

  it('has one subscription per kind and the combined parkFeed', () => {
    expect(Object.keys(sut.getSubscriptionType()!.getFields())).toEqual(['applicationSubmitted', 'quotaAlertRaised', 'reportOverdue', 'traineePlaced', 'parkFeed']);
  });
});

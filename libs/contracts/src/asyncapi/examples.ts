import type { EventData, EventType } from '../event-catalog';
import type { UsageRecordV1 } from '../usage-record';

/**
 * One example per event type for the AsyncAPI document, typed by the type's
 * schema: a field renamed in a schema breaks the build here, and a new event
 * type without an example does not compile (the mapped type below).
 *
 * All values are made up. Ids are fixed so the document is the same on every
 * build; names and codes say "示例"/"EXAMPL" so nobody mistakes them for a real
 * enterprise, and trainees appear only by a pseudonymous ref, as on the wire.
 */
export interface EventExample<T extends EventType> {
  readonly summary: string;
  /** The CloudEvents `time`: when the fact happened. */
  readonly time: string;
  readonly data: EventData<T>;
}

export type EventExamples = { readonly [T in EventType]: EventExample<T> };

const ENTERPRISE = '83d0fe73-4e56-4806-b52a-346b10cca9f9';
const SPONSOR = '1bd19463-5df5-42a9-a133-8a4874b87639';
const ALLOCATION = '690cd716-38de-4ef0-809f-281ef265dd18';
const PLAN_STANDARD = '03f276fa-3d80-4ee5-b8e7-dae87961c38b';
const PLAN_PLUS = 'ae538dc2-14bd-4d66-803f-5ef1d6037070';
const POOL = '6dadefcb-9a19-4d74-9f88-5fbaef80b74c';
const REPORT = '56465bb8-04c1-4f60-b653-3652ebfc0c4f';
const PROGRAM = '41bc83f0-735a-4613-b504-6e7e5da97168';
const ENROLLMENT = '9a17d5ca-20ce-40f8-a2c4-fb48ee8147ba';
const PLACEMENT = '8f6748f3-2055-4bc3-9bc0-38e5863e33a2';
const TRAINEE = 'trn_5f1c9a0b7e3d4c2a8b6f0e1d2c3b4a59';
const PARTNER = '5d0a3b7c-9e1f-4a2b-8c3d-4e5f6a7b8c9d';

/** A made-up code in the GB 32100-2015 format, with a correct check character. */
const USCC = '91140100MA0EXAMPLW';
const NAME = '示例企业（山西）数据科技有限公司';

/** 100 GiB. */
const INCLUDED_BYTES = '107374182400';

export const EventExamples: EventExamples = {
  'valley.enterprise.application-submitted.v1': {
    summary: 'A data-labelling company applies to move in',
    time: '2026-09-01T02:15:00.000Z',
    data: {
      enterpriseId: ENTERPRISE,
      uscc: USCC,
      name: NAME,
      industry: 'data-annotation',
      registeredCapitalFen: '500000000',
      plannedBandwidthMbps: 200,
      plannedMonthlyTrafficBytes: INCLUDED_BYTES,
      headcount: 40,
      submittedAt: '2026-09-01T02:15:00.000Z',
    },
  },
  'valley.enterprise.approved.v1': {
    summary: 'The application is approved; the enterprise is a resident from October',
    time: '2026-09-10T06:00:00.000Z',
    data: {
      enterpriseId: ENTERPRISE,
      uscc: USCC,
      name: NAME,
      industry: 'data-annotation',
      plannedBandwidthMbps: 200,
      plannedMonthlyTrafficBytes: INCLUDED_BYTES,
      admittedMonth: '2026-10',
      approvedAt: '2026-09-10T06:00:00.000Z',
    },
  },
  'valley.enterprise.rejected.v1': {
    summary: 'An application is rejected with the reviewer\'s reason',
    time: '2026-09-10T06:00:00.000Z',
    data: { enterpriseId: ENTERPRISE, reason: 'The planned activity is outside the park\'s data-industry scope.', rejectedAt: '2026-09-10T06:00:00.000Z' },
  },
  'valley.enterprise.suspended.v1': {
    summary: 'A resident is suspended',
    time: '2026-11-30T02:00:00.000Z',
    data: { enterpriseId: ENTERPRISE, reason: 'Monthly operating reports missing for two months.', suspendedAt: '2026-11-30T02:00:00.000Z' },
  },
  'valley.enterprise.reinstated.v1': {
    summary: 'The suspended resident is reinstated',
    time: '2026-12-05T03:30:00.000Z',
    data: { enterpriseId: ENTERPRISE, reinstatedAt: '2026-12-05T03:30:00.000Z' },
  },
  'valley.enterprise.exited.v1': {
    summary: 'A resident leaves the park at the end of the year',
    time: '2026-12-31T09:00:00.000Z',
    data: { enterpriseId: ENTERPRISE, exitDate: '2026-12-31', reason: 'Moved operations to another park.', exitedAt: '2026-12-31T09:00:00.000Z' },
  },

  'valley.flow.allocation-activated.v1': {
    summary: 'The resident\'s first allocation: 200 Mbps with 100 GiB a month included',
    time: '2026-10-01T00:05:00.000Z',
    data: {
      allocationId: ALLOCATION,
      enterpriseId: ENTERPRISE,
      planId: PLAN_STANDARD,
      planVersion: 1,
      poolId: POOL,
      bandwidthMbps: 200,
      monthlyIncludedBytes: INCLUDED_BYTES,
      activatedAt: '2026-10-01T00:05:00.000Z',
    },
  },
  'valley.flow.allocation-changed.v1': {
    summary: 'The allocation is upgraded to a larger plan',
    time: '2026-11-01T00:00:00.000Z',
    data: {
      allocationId: ALLOCATION,
      enterpriseId: ENTERPRISE,
      planId: PLAN_PLUS,
      planVersion: 2,
      poolId: POOL,
      bandwidthMbps: 500,
      monthlyIncludedBytes: '536870912000',
      previousPlanId: PLAN_STANDARD,
      previousPlanVersion: 1,
      changedAt: '2026-11-01T00:00:00.000Z',
    },
  },
  'valley.flow.allocation-suspended.v1': {
    summary: 'The allocation is suspended with its enterprise',
    time: '2026-11-30T02:00:01.000Z',
    data: { allocationId: ALLOCATION, enterpriseId: ENTERPRISE, reason: 'Enterprise suspended.', suspendedAt: '2026-11-30T02:00:01.000Z' },
  },
  'valley.flow.allocation-revoked.v1': {
    summary: 'The allocation is revoked when the enterprise exits',
    time: '2026-12-31T09:00:01.000Z',
    data: { allocationId: ALLOCATION, enterpriseId: ENTERPRISE, reason: 'Enterprise exited the park.', revokedAt: '2026-12-31T09:00:01.000Z' },
  },
  'valley.flow.quota-threshold-reached.v1': {
    summary: '80 percent of the month\'s included traffic is used',
    time: '2026-10-24T07:42:00.000Z',
    data: {
      allocationId: ALLOCATION,
      enterpriseId: ENTERPRISE,
      month: '2026-10',
      thresholdPercent: 80,
      usedBytes: '85899345920',
      includedBytes: INCLUDED_BYTES,
      overagePolicy: 'bill',
      reachedAt: '2026-10-24T07:42:00.000Z',
    },
  },
  'valley.flow.monthly-charges-computed.v1': {
    summary: 'October\'s data-element input: 120 GiB, 20 GiB of it over the included traffic',
    time: '2026-11-01T00:10:00.000Z',
    data: {
      enterpriseId: ENTERPRISE,
      month: '2026-10',
      revision: 1,
      billableBytes: '128849018880',
      chargeFen: '360000',
      marketValueFen: '480000',
      savingFen: '120000',
      lines: [
        {
          allocationId: ALLOCATION,
          planId: PLAN_STANDARD,
          planVersion: 1,
          billableBytes: '128849018880',
          overageBytes: '21474836480',
          chargeFen: '360000',
          marketValueFen: '480000',
        },
      ],
      computedAt: '2026-11-01T00:10:00.000Z',
    },
  },

  'valley.revenue.report-submitted.v1': {
    summary: 'The resident reports October',
    time: '2026-11-08T01:20:00.000Z',
    data: {
      reportId: REPORT,
      enterpriseId: ENTERPRISE,
      month: '2026-10',
      version: 1,
      revenueFen: '1250000000',
      taxFen: '75000000',
      employees: 42,
      localHires: 30,
      lines: [
        { line: 'annotation-services', amountFen: '1000000000' },
        { line: 'data-products', amountFen: '250000000' },
      ],
      submittedAt: '2026-11-08T01:20:00.000Z',
    },
  },
  'valley.revenue.report-amended.v1': {
    summary: 'The October report is corrected: version 2',
    time: '2026-11-12T03:00:00.000Z',
    data: {
      reportId: REPORT,
      enterpriseId: ENTERPRISE,
      month: '2026-10',
      version: 2,
      revenueFen: '1260000000',
      taxFen: '75600000',
      employees: 42,
      localHires: 30,
      lines: [
        { line: 'annotation-services', amountFen: '1010000000' },
        { line: 'data-products', amountFen: '250000000' },
      ],
      previousVersion: 1,
      reason: 'An invoice dated 31 October was missing.',
      amendedAt: '2026-11-12T03:00:00.000Z',
    },
  },
  'valley.revenue.report-accepted.v1': {
    summary: 'The October report is accepted as submitted (version 1)',
    time: '2026-11-08T06:00:00.000Z',
    data: { reportId: REPORT, enterpriseId: ENTERPRISE, month: '2026-10', version: 1, acceptedAt: '2026-11-08T06:00:00.000Z' },
  },
  'valley.revenue.report-returned.v1': {
    summary: 'A report goes back to the resident for correction',
    time: '2026-11-07T06:00:00.000Z',
    data: { reportId: REPORT, enterpriseId: ENTERPRISE, month: '2026-10', version: 1, returnedAt: '2026-11-07T06:00:00.000Z' },
  },
  'valley.revenue.report-overdue.v1': {
    summary: 'November was not reported by its deadline',
    time: '2026-12-16T00:00:00.000Z',
    data: { enterpriseId: ENTERPRISE, month: '2026-11', deadline: '2026-12-15', detectedAt: '2026-12-16T00:00:00.000Z' },
  },

  'valley.talent.program-published.v1': {
    summary: 'A data-annotation training program sponsored by two residents',
    time: '2026-08-15T02:00:00.000Z',
    data: {
      programId: PROGRAM,
      name: '示例数据标注工程师培训班',
      track: 'data-annotation',
      capacity: 30,
      startsOn: '2026-09-01',
      endsOn: '2026-11-30',
      sponsorEnterpriseIds: [ENTERPRISE, SPONSOR],
      publishedAt: '2026-08-15T02:00:00.000Z',
    },
  },
  'valley.talent.trainee-enrolled.v1': {
    summary: 'A trainee (by pseudonymous ref) enrolls',
    time: '2026-08-20T05:00:00.000Z',
    data: { programId: PROGRAM, enrollmentId: ENROLLMENT, traineeRef: TRAINEE, enrolledAt: '2026-08-20T05:00:00.000Z' },
  },
  'valley.talent.trainee-completed.v1': {
    summary: 'The trainee completes the program',
    time: '2026-11-30T08:00:00.000Z',
    data: { programId: PROGRAM, enrollmentId: ENROLLMENT, traineeRef: TRAINEE, score: 88, certificateNo: 'EXAMPLE-2026-0001', completedAt: '2026-11-30T08:00:00.000Z' },
  },
  'valley.talent.trainee-placed.v1': {
    summary: 'The trainee is hired by a resident',
    time: '2026-12-01T01:00:00.000Z',
    data: {
      programId: PROGRAM,
      placementId: PLACEMENT,
      traineeRef: TRAINEE,
      enterpriseId: ENTERPRISE,
      role: 'Data annotation engineer',
      startDate: '2026-12-07',
      placedAt: '2026-12-01T01:00:00.000Z',
    },
  },
  // Internal (not in the partners' document), kept here so every type has a checked example.
  'valley.partner.registered.v1': {
    summary: 'The statistics bureau is registered to read the charges and the revenue reports',
    time: '2026-11-02T01:00:00.000Z',
    data: { partnerId: PARTNER, name: 'Example statistics bureau', kind: 'statistics-bureau', username: 'partner-5d0a3b7c9e1f', topics: ['valley.flow.charges.v1', 'valley.revenue.reports.v1'], writesUsageRecords: false, registeredBy: 'admin-1', registeredAt: '2026-11-02T01:00:00.000Z' },
  },
  'valley.partner.credentials-rotated.v1': {
    summary: "The bureau's password is replaced",
    time: '2026-11-20T01:00:00.000Z',
    data: { partnerId: PARTNER, username: 'partner-5d0a3b7c9e1f', rotatedBy: 'admin-1', rotatedAt: '2026-11-20T01:00:00.000Z' },
  },
  'valley.partner.revoked.v1': {
    summary: 'The bureau no longer reads the stream',
    time: '2026-11-25T01:00:00.000Z',
    data: { partnerId: PARTNER, username: 'partner-5d0a3b7c9e1f', reason: 'contract ended', revokedBy: 'admin-1', revokedAt: '2026-11-25T01:00:00.000Z' },
  },
};

/** A carrier's five-minute usage record; byte counts may be numbers or decimal strings. */
export const UsageRecordExample: { readonly summary: string; readonly record: UsageRecordV1 } = {
  summary: 'Five minutes of the resident\'s traffic, metered by a carrier',
  record: {
    recordId: 'example-carrier-20261024-000001',
    carrierId: 'example-carrier',
    enterpriseId: ENTERPRISE,
    windowStart: '2026-10-24T07:35:00+08:00',
    windowEnd: '2026-10-24T07:40:00+08:00',
    bytesIn: 734003200,
    bytesOut: '52428800',
  },
};

/** Kafka headers of the examples: a correlation id and a W3C trace context, both made up. */
export const ExampleTrace = {
  correlationId: 'example-3c9d4e1f',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
} as const;

/**
 * The events this consumer reads, typed from the park's public AsyncAPI document
 * (written by hand from it: a partner has the document, not Valley's code).
 * Money is integer fen and volumes integer bytes, both as decimal strings.
 */

/** A CloudEvents 1.0 envelope that passed its message's JSON Schema. */
export interface ParkCloudEvent<D = Record<string, unknown>> {
  kind: 'cloudevent';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  data: D;
}

/**
 * Everything a partner receives is a CloudEvent. Carriers' raw usage records are
 * not offered to partners (the document only lets carriers send them); usage
 * reaches partners as the monthly charges.
 */
export type ParkEvent = ParkCloudEvent;

export interface ApplicationData {
  enterpriseId: string;
  uscc: string;
  name: string;
  industry: string;
}

export interface ApprovedData extends ApplicationData {
  admittedMonth: string;
}

export interface ExitedData {
  enterpriseId: string;
  exitDate: string;
}

export interface AllocationTermsData {
  allocationId: string;
  enterpriseId: string;
  planId: string;
  planVersion: number;
  poolId: string;
  bandwidthMbps: number;
  monthlyIncludedBytes: string;
}

export interface AllocationRefData {
  allocationId: string;
  enterpriseId: string;
}

export interface QuotaThresholdData {
  allocationId: string;
  enterpriseId: string;
  month: string;
  thresholdPercent: number;
}

export interface MonthlyChargesData {
  enterpriseId: string;
  month: string;
  revision: number;
  billableBytes: string;
  chargeFen: string;
  marketValueFen: string;
  savingFen: string;
}

export interface ReportData {
  reportId: string;
  enterpriseId: string;
  month: string;
  version: number;
  revenueFen: string;
  taxFen: string;
  employees: number;
  localHires: number;
}

/** valley.revenue.report-accepted.v1 / .report-returned.v1: a review of one version. */
export interface ReportDecisionData {
  reportId: string;
  enterpriseId: string;
  month: string;
  version: number;
}

export interface ReportOverdueData {
  enterpriseId: string;
  month: string;
  deadline: string;
}

export interface ProgramPublishedData {
  programId: string;
  name: string;
  track: string;
  capacity: number;
  sponsorEnterpriseIds: string[];
}

export interface EnrollmentData {
  programId: string;
  enrollmentId: string;
  traineeRef: string;
}

export interface PlacementData {
  programId: string;
  placementId: string;
  traineeRef: string;
  enterpriseId: string;
}

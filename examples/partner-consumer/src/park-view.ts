import type {
  AllocationRefData,
  AllocationTermsData,
  ApplicationData,
  ApprovedData,
  EnrollmentData,
  ExitedData,
  MonthlyChargesData,
  ParkCloudEvent,
  ParkEvent,
  PlacementData,
  ProgramPublishedData,
  QuotaThresholdData,
  ReportData,
  ReportDecisionData,
  ReportOverdueData,
} from './park-events';

/** What the public lifecycle events can tell: review steps in between (under review, information requested) are not published. */
export type EnterpriseStatus = 'submitted' | 'approved' | 'rejected' | 'suspended' | 'exited';
export const ENTERPRISE_STATUSES: readonly EnterpriseStatus[] = ['submitted', 'approved', 'rejected', 'suspended', 'exited'];

export interface EnterpriseView {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  status: EnterpriseStatus;
  admittedMonth?: string;
  exitDate?: string;
}

export type AllocationStatus = 'active' | 'suspended' | 'revoked';

export interface AllocationView {
  id: string;
  enterpriseId: string;
  planId: string;
  planVersion: number;
  poolId: string;
  bandwidthMbps: number;
  monthlyIncludedBytes: bigint;
  status: AllocationStatus;
}

/** One enterprise's data-element input for one month: the highest revision seen. */
export interface ChargeView {
  enterpriseId: string;
  month: string;
  revision: number;
  billableBytes: bigint;
  chargeFen: bigint;
  marketValueFen: bigint;
  savingFen: bigint;
}

export interface ReportFiguresView {
  version: number;
  revenueFen: bigint;
  taxFen: bigint;
  employees: number;
  localHires: number;
}

/**
 * One enterprise's report for one month: its highest version seen (`status` is that
 * version's review), and the accepted version the park's figures use. An amendment
 * is accepted as it is made; a submission is accepted or returned by a later event.
 */
export interface ReportView extends ReportFiguresView {
  reportId: string;
  enterpriseId: string;
  month: string;
  status: 'submitted' | 'returned' | 'accepted';
  accepted: ReportFiguresView | null;
  /** Every version seen, by number: an acceptance names the version it accepts. */
  versions: Map<number, ReportFiguresView>;
}

export interface ProgramView {
  id: string;
  name: string;
  track: string;
  capacity: number;
  sponsorEnterpriseIds: string[];
}

export interface PlacementView {
  id: string;
  programId: string;
  enterpriseId: string;
}

export type ApplyResult = 'applied' | 'duplicate' | 'stale';

/**
 * The park as a partner rebuilds it from the public events: a pure, in-memory
 * reducer. `apply` takes events that passed the contract (see EventContract)
 * in the order one partition delivers them; across partitions any order is fine.
 *
 * Idempotent: an event id seen before is dropped (`duplicate`), a charge revision
 * or report version not above the one held is `stale` (highest wins, whatever
 * the arrival order); lifecycle and allocation changes follow the order of their
 * partition, which the contract keeps per enterprise.
 */
export class ParkView {
  readonly enterprises = new Map<string, EnterpriseView>();
  readonly allocations = new Map<string, AllocationView>();
  /** By `enterpriseId|month`. */
  readonly charges = new Map<string, ChargeView>();
  /** By `enterpriseId|month` (one report per enterprise and month). */
  readonly reports = new Map<string, ReportView>();
  /** `enterpriseId|month` of each report-overdue event. */
  readonly overdue = new Set<string>();
  /** `allocationId|month|percent`: once each per allocation and month. */
  readonly quotaAlerts = new Map<string, { enterpriseId: string; month: string; thresholdPercent: number }>();
  readonly programs = new Map<string, ProgramView>();
  /** Enrollment id → program id. */
  readonly enrollments = new Map<string, string>();
  readonly completions = new Map<string, string>();
  readonly placements = new Map<string, PlacementView>();
  readonly counts = { applied: 0, duplicates: 0, stale: 0 };

  private readonly seenEventIds = new Set<string>();

  apply(event: ParkEvent): ApplyResult {
    if (this.seenEventIds.has(event.id)) {
      this.counts.duplicates += 1;
      return 'duplicate';
    }
    this.seenEventIds.add(event.id);
    const result = this.applyCloudEvent(event);
    this.counts[result === 'applied' ? 'applied' : 'stale'] += 1;
    return result;
  }

  private applyCloudEvent(event: ParkCloudEvent): ApplyResult {
    const d = event.data;
    switch (event.type) {
      case 'valley.enterprise.application-submitted.v1':
        return this.lifecycle(d as unknown as ApplicationData, 'submitted');
      case 'valley.enterprise.approved.v1':
        return this.lifecycle(d as unknown as ApprovedData, 'approved');
      case 'valley.enterprise.rejected.v1':
        return this.lifecycle(d as { enterpriseId: string }, 'rejected');
      case 'valley.enterprise.suspended.v1':
        return this.lifecycle(d as { enterpriseId: string }, 'suspended');
      case 'valley.enterprise.reinstated.v1':
        return this.lifecycle(d as { enterpriseId: string }, 'approved');
      case 'valley.enterprise.exited.v1':
        return this.lifecycle(d as unknown as ExitedData, 'exited');
      case 'valley.flow.allocation-activated.v1':
      case 'valley.flow.allocation-changed.v1':
        return this.allocationTerms(d as unknown as AllocationTermsData);
      case 'valley.flow.allocation-suspended.v1':
        return this.allocationStatus(d as unknown as AllocationRefData, 'suspended');
      case 'valley.flow.allocation-revoked.v1':
        return this.allocationStatus(d as unknown as AllocationRefData, 'revoked');
      case 'valley.flow.quota-threshold-reached.v1': {
        const q = d as unknown as QuotaThresholdData;
        this.quotaAlerts.set(`${q.allocationId}|${q.month}|${q.thresholdPercent}`, { enterpriseId: q.enterpriseId, month: q.month, thresholdPercent: q.thresholdPercent });
        return 'applied';
      }
      case 'valley.flow.monthly-charges-computed.v1':
        return this.charge(d as unknown as MonthlyChargesData);
      case 'valley.revenue.report-submitted.v1':
        return this.report(d as unknown as ReportData, 'submitted');
      case 'valley.revenue.report-amended.v1':
        return this.report(d as unknown as ReportData, 'accepted');
      case 'valley.revenue.report-accepted.v1':
        return this.review(d as unknown as ReportDecisionData, 'accepted');
      case 'valley.revenue.report-returned.v1':
        return this.review(d as unknown as ReportDecisionData, 'returned');
      case 'valley.revenue.report-overdue.v1': {
        const o = d as unknown as ReportOverdueData;
        this.overdue.add(`${o.enterpriseId}|${o.month}`);
        return 'applied';
      }
      case 'valley.talent.program-published.v1': {
        const p = d as unknown as ProgramPublishedData;
        this.programs.set(p.programId, { id: p.programId, name: p.name, track: p.track, capacity: p.capacity, sponsorEnterpriseIds: [...p.sponsorEnterpriseIds] });
        return 'applied';
      }
      case 'valley.talent.trainee-enrolled.v1': {
        const e = d as unknown as EnrollmentData;
        this.enrollments.set(e.enrollmentId, e.programId);
        return 'applied';
      }
      case 'valley.talent.trainee-completed.v1': {
        const e = d as unknown as EnrollmentData;
        this.completions.set(e.enrollmentId, e.programId);
        return 'applied';
      }
      case 'valley.talent.trainee-placed.v1': {
        const p = d as unknown as PlacementData;
        this.placements.set(p.placementId, { id: p.placementId, programId: p.programId, enterpriseId: p.enterpriseId });
        return 'applied';
      }
      default:
        // A type the document lists but this view does not use: valid, counted, nothing to change.
        return 'applied';
    }
  }

  private lifecycle(d: { enterpriseId: string } & Partial<ApprovedData> & Partial<ExitedData>, status: EnterpriseStatus): ApplyResult {
    const before = this.enterprises.get(d.enterpriseId);
    const next: EnterpriseView = { id: d.enterpriseId, uscc: d.uscc ?? before?.uscc ?? '', name: d.name ?? before?.name ?? '', industry: d.industry ?? before?.industry ?? '', status };
    const admittedMonth = d.admittedMonth ?? before?.admittedMonth;
    const exitDate = d.exitDate ?? before?.exitDate;
    if (admittedMonth) next.admittedMonth = admittedMonth;
    if (exitDate) next.exitDate = exitDate;
    this.enterprises.set(d.enterpriseId, next);
    return 'applied';
  }

  private allocationTerms(d: AllocationTermsData): ApplyResult {
    // Activated again after a suspension, or moved to another plan: the terms are the event's, the allocation is active.
    this.allocations.set(d.allocationId, {
      id: d.allocationId,
      enterpriseId: d.enterpriseId,
      planId: d.planId,
      planVersion: d.planVersion,
      poolId: d.poolId,
      bandwidthMbps: d.bandwidthMbps,
      monthlyIncludedBytes: BigInt(d.monthlyIncludedBytes),
      status: 'active',
    });
    return 'applied';
  }

  private allocationStatus(d: AllocationRefData, status: AllocationStatus): ApplyResult {
    const before = this.allocations.get(d.allocationId);
    if (before) {
      if (before.status === 'revoked') return 'stale';
      this.allocations.set(d.allocationId, { ...before, status });
      return 'applied';
    }
    // Its activation is not (yet) read: keep what is known; the terms come with the activation.
    this.allocations.set(d.allocationId, { id: d.allocationId, enterpriseId: d.enterpriseId, planId: '', planVersion: 0, poolId: '', bandwidthMbps: 0, monthlyIncludedBytes: 0n, status });
    return 'applied';
  }

  private charge(d: MonthlyChargesData): ApplyResult {
    const key = `${d.enterpriseId}|${d.month}`;
    const held = this.charges.get(key);
    if (held && held.revision >= d.revision) return 'stale';
    this.charges.set(key, {
      enterpriseId: d.enterpriseId,
      month: d.month,
      revision: d.revision,
      billableBytes: BigInt(d.billableBytes),
      chargeFen: BigInt(d.chargeFen),
      marketValueFen: BigInt(d.marketValueFen),
      savingFen: BigInt(d.savingFen),
    });
    return 'applied';
  }

  private report(d: ReportData, status: 'submitted' | 'accepted'): ApplyResult {
    const key = `${d.enterpriseId}|${d.month}`;
    const held = this.reports.get(key);
    if (held && held.version >= d.version) return 'stale';
    const figures: ReportFiguresView = { version: d.version, revenueFen: BigInt(d.revenueFen), taxFen: BigInt(d.taxFen), employees: d.employees, localHires: d.localHires };
    const versions = new Map(held?.versions ?? []).set(d.version, figures);
    this.reports.set(key, { reportId: d.reportId, enterpriseId: d.enterpriseId, month: d.month, ...figures, status, accepted: status === 'accepted' ? figures : (held?.accepted ?? null), versions });
    return 'applied';
  }

  /** An acceptance or a return of a version seen before (its submission comes first on the same partition). */
  private review(d: ReportDecisionData, decision: 'accepted' | 'returned'): ApplyResult {
    const key = `${d.enterpriseId}|${d.month}`;
    const held = this.reports.get(key);
    const figures = held?.versions.get(d.version);
    if (!held || !figures) return 'stale';
    if (decision === 'accepted') {
      if (held.accepted && held.accepted.version >= d.version) return 'stale';
      this.reports.set(key, { ...held, accepted: figures, status: held.version === d.version ? 'accepted' : held.status });
      return 'applied';
    }
    if (held.version !== d.version || held.status !== 'submitted') return 'stale';
    this.reports.set(key, { ...held, status: 'returned' });
    return 'applied';
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import { ENTERPRISE_STATUSES, type EnterpriseStatus } from '../../domain/enterprise-lifecycle';
import { OnboardingError, OnboardingErrorCode } from '../../domain/onboarding.error';

/** The one dashboard of the park: its id in every subgraph that adds to it. */
export const PARK_DASHBOARD_ID = 'park';

/** In the park now: residents, suspended ones included (they still report, and come back on reinstatement). */
const IN_PARK: readonly EnterpriseStatus[] = ['approved', 'suspended'];

export interface StatusCount {
  status: EnterpriseStatus;
  count: number;
}

export interface IndustryCount {
  industry: string;
  count: number;
}

export function requireDashboardAccess(identity: Identity): void {
  if (!isAdmin(identity)) throw new OnboardingError(OnboardingErrorCode.Forbidden, 'only park administrators see the park dashboard');
}

/** The onboarding part of the park dashboard: counts aggregated in the database, administrators only. */
@Injectable()
export class ParkDashboardQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Every lifecycle status, zero counts included, in lifecycle order. */
  async byStatus(identity: Identity): Promise<StatusCount[]> {
    requireDashboardAccess(identity);
    // enterprises_status_submitted_at leads with status: an index-only count.
    const rows: Array<{ status: EnterpriseStatus; count: number }> = await this.dataSource.query('SELECT status, count(*)::int AS count FROM enterprises GROUP BY status');
    const counts = new Map(rows.map((r) => [r.status, r.count]));
    return ENTERPRISE_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  /** Enterprises in the park now (approved or suspended) by industry, most first. */
  async residentsByIndustry(identity: Identity): Promise<IndustryCount[]> {
    requireDashboardAccess(identity);
    return this.dataSource.query(
      'SELECT industry, count(*)::int AS count FROM enterprises WHERE status = ANY($1::text[]) GROUP BY industry ORDER BY count(*) DESC, industry',
      [IN_PARK],
    );
  }
}

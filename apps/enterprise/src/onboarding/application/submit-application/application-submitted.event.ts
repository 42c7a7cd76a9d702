import type { PendingEvent } from '@valley/messaging';
import type { Enterprise } from '../../domain/enterprise-application';

/** `application-submitted`: what partners may know of an application; no personal data. */
export function applicationSubmitted(enterprise: Enterprise, at: Date): PendingEvent<'valley.enterprise.application-submitted.v1'> {
  return {
    type: 'valley.enterprise.application-submitted.v1',
    data: {
      enterpriseId: enterprise.id,
      uscc: enterprise.uscc,
      name: enterprise.name,
      industry: enterprise.industry,
      registeredCapitalFen: enterprise.registeredCapitalFen.toString(),
      plannedBandwidthMbps: enterprise.plannedBandwidthMbps,
      plannedMonthlyTrafficBytes: enterprise.plannedMonthlyTrafficBytes.toString(),
      headcount: enterprise.headcount,
      submittedAt: at.toISOString(),
    },
  };
}

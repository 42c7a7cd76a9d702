import type { PendingEvent } from '@valley/messaging';
import type { Enterprise } from '../../domain/enterprise-application';
import type { LifecycleAction } from '../../domain/enterprise-lifecycle';

/** The public event a step publishes; review-internal steps publish none. */
export function lifecycleEvent(action: LifecycleAction, enterprise: Enterprise, reason: string | undefined, at: Date): PendingEvent | undefined {
  const enterpriseId = enterprise.id;
  const when = at.toISOString();
  switch (action) {
    case 'approve':
      return {
        type: 'valley.enterprise.approved.v1',
        data: {
          enterpriseId,
          uscc: enterprise.uscc,
          name: enterprise.name,
          industry: enterprise.industry,
          plannedBandwidthMbps: enterprise.plannedBandwidthMbps,
          plannedMonthlyTrafficBytes: enterprise.plannedMonthlyTrafficBytes.toString(),
          admittedMonth: enterprise.admittedMonth!,
          approvedAt: when,
        },
      };
    case 'reject':
      return { type: 'valley.enterprise.rejected.v1', data: { enterpriseId, reason: reason!, rejectedAt: when } };
    case 'suspend':
      return { type: 'valley.enterprise.suspended.v1', data: { enterpriseId, reason: reason!, suspendedAt: when } };
    case 'reinstate':
      return { type: 'valley.enterprise.reinstated.v1', data: { enterpriseId, reinstatedAt: when } };
    case 'exit':
      return { type: 'valley.enterprise.exited.v1', data: { enterpriseId, exitDate: enterprise.exitDate!, reason: reason!, exitedAt: when } };
    case 'take-into-review':
    case 'request-information':
    case 'resubmit':
      return undefined;
  }
}

import type { PendingEvent } from '@valley/messaging';
import type { AllocationEntity } from '../../infrastructure/persistence/provisioning.entities';

/** `allocation-activated` or `-changed` carry the full terms: partners rebuild an allocation from either. */
function terms(a: AllocationEntity) {
  return {
    allocationId: a.id,
    enterpriseId: a.enterpriseId,
    planId: a.planId,
    planVersion: a.planVersion,
    poolId: a.poolId!,
    bandwidthMbps: a.bandwidthMbps,
    monthlyIncludedBytes: a.monthlyIncludedBytes,
  };
}

export function allocationActivated(a: AllocationEntity, at: Date): PendingEvent {
  return { type: 'valley.flow.allocation-activated.v1', data: { ...terms(a), activatedAt: at.toISOString() } };
}

export function allocationChanged(a: AllocationEntity, previous: { planId: string; planVersion: number }, at: Date): PendingEvent {
  return { type: 'valley.flow.allocation-changed.v1', data: { ...terms(a), previousPlanId: previous.planId, previousPlanVersion: previous.planVersion, changedAt: at.toISOString() } };
}

export function allocationSuspended(a: AllocationEntity, reason: string, at: Date): PendingEvent {
  return { type: 'valley.flow.allocation-suspended.v1', data: { allocationId: a.id, enterpriseId: a.enterpriseId, reason, suspendedAt: at.toISOString() } };
}

export function allocationRevoked(a: AllocationEntity, reason: string, at: Date): PendingEvent {
  return { type: 'valley.flow.allocation-revoked.v1', data: { allocationId: a.id, enterpriseId: a.enterpriseId, reason, revokedAt: at.toISOString() } };
}

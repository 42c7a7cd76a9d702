import { ProvisioningError, ProvisioningErrorCode } from './provisioning.error';

export type AllocationStatus = 'pending' | 'active' | 'suspended' | 'revoked';

export type AllocationAction = 'activate' | 'suspend' | 'reactivate' | 'revoke';

interface Rule {
  from: readonly AllocationStatus[];
  to: AllocationStatus;
}

/**
 * pending → active; active ⇄ suspended; anything not yet revoked → revoked. A pending
 * allocation cannot be suspended: it holds no line to suspend. Revoked is final.
 */
const ALLOCATION_LIFECYCLE: Readonly<Record<AllocationAction, Rule>> = {
  activate: { from: ['pending'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  reactivate: { from: ['suspended'], to: 'active' },
  revoke: { from: ['pending', 'active', 'suspended'], to: 'revoked' },
};

/** The status `action` leads to from `from`; INVALID_TRANSITION, naming both, when the lifecycle has no such step. */
export function nextAllocationStatus(from: AllocationStatus, action: AllocationAction): AllocationStatus {
  const rule = ALLOCATION_LIFECYCLE[action];
  if (!rule.from.includes(from)) {
    throw new ProvisioningError(
      ProvisioningErrorCode.InvalidTransition,
      `cannot ${action} an allocation that is ${from}: ${from} → ${rule.to} is not in the lifecycle`,
      undefined,
      { from, to: rule.to, action },
    );
  }
  return rule.to;
}

/**
 * Whether the allocation's bandwidth counts against its pool. A suspended resident keeps its
 * reserved line so reinstatement can never fail for want of capacity; pending has not been
 * granted any and revoked has given it back.
 */
export function holdsCapacity(status: AllocationStatus): boolean {
  return status === 'active' || status === 'suspended';
}

import { OnboardingError, OnboardingErrorCode } from './onboarding.error';

export type EnterpriseStatus = 'submitted' | 'under_review' | 'information_requested' | 'approved' | 'rejected' | 'suspended' | 'exited';

export const ENTERPRISE_STATUSES: readonly EnterpriseStatus[] = ['submitted', 'under_review', 'information_requested', 'approved', 'rejected', 'suspended', 'exited'];

export type LifecycleAction = 'take-into-review' | 'request-information' | 'resubmit' | 'approve' | 'reject' | 'suspend' | 'reinstate' | 'exit';

interface Rule {
  from: readonly EnterpriseStatus[];
  to: EnterpriseStatus;
  /** Who may take this step: the park's administrators or the applicant itself. */
  by: 'admin' | 'applicant';
  /** A reason (or comment) the step must carry. */
  needsReason: boolean;
}

/**
 * The lifecycle: submitted → under review → approved (resident) | rejected,
 * with a detour for more information; resident ⇄ suspended; resident or
 * suspended → exited. Nothing else.
 */
export const LIFECYCLE: Readonly<Record<LifecycleAction, Rule>> = {
  'take-into-review': { from: ['submitted'], to: 'under_review', by: 'admin', needsReason: false },
  'request-information': { from: ['under_review'], to: 'information_requested', by: 'admin', needsReason: true },
  resubmit: { from: ['information_requested'], to: 'submitted', by: 'applicant', needsReason: false },
  approve: { from: ['under_review'], to: 'approved', by: 'admin', needsReason: false },
  reject: { from: ['under_review'], to: 'rejected', by: 'admin', needsReason: true },
  suspend: { from: ['approved'], to: 'suspended', by: 'admin', needsReason: true },
  reinstate: { from: ['suspended'], to: 'approved', by: 'admin', needsReason: false },
  exit: { from: ['approved', 'suspended'], to: 'exited', by: 'admin', needsReason: true },
};

/** The status `action` leads to from `from`; INVALID_TRANSITION, naming both, when the lifecycle has no such step. */
export function nextStatus(from: EnterpriseStatus, action: LifecycleAction): EnterpriseStatus {
  const rule = LIFECYCLE[action];
  if (!rule.from.includes(from)) {
    throw new OnboardingError(OnboardingErrorCode.InvalidTransition, `cannot ${action} an enterprise that is ${from}: ${from} → ${rule.to} is not in the lifecycle`, undefined, { from, to: rule.to, action });
  }
  return rule.to;
}

/** Reasons are kept with the decision and published: short plain text, required where the rule says. */
export function checkReason(action: LifecycleAction, reason: string | undefined): string | undefined {
  const text = reason?.trim();
  if (LIFECYCLE[action].needsReason && !text) throw new OnboardingError(OnboardingErrorCode.InvalidInput, `reason: ${action} needs a reason`, 'reason');
  if (text && text.length > 2000) throw new OnboardingError(OnboardingErrorCode.InvalidInput, 'reason: at most 2000 characters', 'reason');
  return text || undefined;
}

/** Residents are the enterprises that may use the park (report revenue, hire trainees…). */
export function isResident(status: EnterpriseStatus): boolean {
  return status === 'approved';
}

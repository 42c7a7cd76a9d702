import { ENTERPRISE_STATUSES, LIFECYCLE, nextStatus, type EnterpriseStatus, type LifecycleAction } from './enterprise-lifecycle';
import { OnboardingError } from './onboarding.error';

const VALID: Array<[EnterpriseStatus, LifecycleAction, EnterpriseStatus]> = [
  ['submitted', 'take-into-review', 'under_review'],
  ['under_review', 'request-information', 'information_requested'],
  ['information_requested', 'resubmit', 'submitted'],
  ['under_review', 'approve', 'approved'],
  ['under_review', 'reject', 'rejected'],
  ['approved', 'suspend', 'suspended'],
  ['suspended', 'reinstate', 'approved'],
  ['approved', 'exit', 'exited'],
  ['suspended', 'exit', 'exited'],
];

describe(nextStatus.name, () => {
  it.each(VALID)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  const invalid = ENTERPRISE_STATUSES.flatMap((from) =>
    (Object.keys(LIFECYCLE) as LifecycleAction[]).filter((action) => !VALID.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it(`refuses every other step (${invalid.length} of them) with INVALID_TRANSITION naming from and to`, () => {
    expect(invalid.length).toBe(ENTERPRISE_STATUSES.length * 8 - VALID.length);
    for (const [from, action] of invalid) {
      let error: unknown;
      try {
        nextStatus(from, action);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(OnboardingError);
      expect(error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from, to: LIFECYCLE[action].to, action } });
    }
  });
});

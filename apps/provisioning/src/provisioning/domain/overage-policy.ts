import { ProvisioningError, ProvisioningErrorCode } from './provisioning.error';

/** What happens to traffic beyond a plan's monthly included bytes. */
export type OveragePolicy = 'block' | 'throttle' | 'bill';

export const OVERAGE_POLICIES: readonly OveragePolicy[] = ['block', 'throttle', 'bill'];

/** Case and surrounding blanks are forgiven (GraphQL enums arrive upper-case); anything else is refused. */
export function parseOveragePolicy(value: string): OveragePolicy {
  const normalised = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const policy = OVERAGE_POLICIES.find((candidate) => candidate === normalised);
  if (policy) return policy;
  throw new ProvisioningError(
    ProvisioningErrorCode.InvalidInput,
    `overagePolicy: must be one of ${OVERAGE_POLICIES.join(', ')}, got ${JSON.stringify(value)}`,
    'overagePolicy',
    { allowed: [...OVERAGE_POLICIES] },
  );
}

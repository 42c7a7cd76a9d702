import { holdsCapacity, nextAllocationStatus, type AllocationAction, type AllocationStatus } from './allocation-lifecycle';
import { ProvisioningError } from './provisioning.error';

const STATUSES: AllocationStatus[] = ['pending', 'active', 'suspended', 'revoked'];
const ACTIONS: AllocationAction[] = ['activate', 'suspend', 'reactivate', 'revoke'];
const TARGET: Record<AllocationAction, AllocationStatus> = { activate: 'active', suspend: 'suspended', reactivate: 'active', revoke: 'revoked' };

const VALID: Array<[AllocationStatus, AllocationAction, AllocationStatus]> = [
  ['pending', 'activate', 'active'],
  ['active', 'suspend', 'suspended'],
  ['suspended', 'reactivate', 'active'],
  ['pending', 'revoke', 'revoked'],
  ['active', 'revoke', 'revoked'],
  ['suspended', 'revoke', 'revoked'],
];

describe(nextAllocationStatus.name, () => {
  it.each(VALID)('%s --%s--> %s', (from, action, to) => {
    expect(nextAllocationStatus(from, action)).toBe(to);
  });

  const invalid = STATUSES.flatMap((from) =>
    ACTIONS.filter((action) => !VALID.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it('refuses in particular suspending a pending allocation and anything on a revoked one', () => {
    expect(invalid).toEqual(expect.arrayContaining([['pending', 'suspend'], ...ACTIONS.map((action) => ['revoked', action])]));
  });

  it(`refuses every other step (${invalid.length} of them) with INVALID_TRANSITION naming from and to`, () => {
    expect(invalid.length).toBe(STATUSES.length * ACTIONS.length - VALID.length);
    for (const [from, action] of invalid) {
      let error: unknown;
      try {
        nextAllocationStatus(from, action);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ProvisioningError);
      expect(error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from, to: TARGET[action], action } });
    }
  });
});

describe(holdsCapacity.name, () => {
  it.each<[AllocationStatus, boolean]>([
    ['pending', false],
    ['active', true],
    ['suspended', true],
    ['revoked', false],
  ])('%s holds capacity: %s', (status, expected) => {
    expect(holdsCapacity(status)).toBe(expected);
  });
});

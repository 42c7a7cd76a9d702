import { OVERAGE_POLICIES, parseOveragePolicy, type OveragePolicy } from './overage-policy';
import { ProvisioningError } from './provisioning.error';

describe(parseOveragePolicy.name, () => {
  it('knows exactly block, throttle and bill', () => {
    expect([...OVERAGE_POLICIES]).toEqual(['block', 'throttle', 'bill']);
  });

  it.each<[string, OveragePolicy]>([
    ['block', 'block'],
    ['throttle', 'throttle'],
    ['bill', 'bill'],
    ['BILL', 'bill'],
    [' Throttle ', 'throttle'],
  ])('reads %j as %s', (value, expected) => {
    expect(parseOveragePolicy(value)).toBe(expected);
  });

  it.each([[''], ['billing'], ['stop'], ['b lock'], ['toString'], ['constructor']])('refuses %j with BAD_USER_INPUT on overagePolicy', (value) => {
    let error: unknown;
    try {
      parseOveragePolicy(value);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'overagePolicy' });
  });
});

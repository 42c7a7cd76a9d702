import { checkCapacity } from './capacity';
import { ProvisioningError } from './provisioning.error';

describe(checkCapacity.name, () => {
  const pool = { name: 'Backbone East', capacityMbps: 1000, allocatedMbps: 900 };

  it.each<[number, number]>([
    [900, 1],
    [900, 100],
    [0, 1000],
    [1000, 0],
    // an over-full pool (capacity lowered under it) still accepts a downgrade
    [1200, -50],
    [900, -100],
  ])('lets %s allocated + %s requested into a 1000 Mbps pool', (allocatedMbps, requestedMbps) => {
    expect(() => checkCapacity({ ...pool, allocatedMbps }, requestedMbps)).not.toThrow();
  });

  it.each<[number, number, number]>([
    [900, 101, 100],
    [1000, 1, 0],
    [0, 1001, 1000],
    [1200, 1, 0],
  ])('refuses %s allocated + %s requested with CAPACITY_EXCEEDED (%s Mbps free)', (allocatedMbps, requestedMbps, free) => {
    let error: unknown;
    try {
      checkCapacity({ ...pool, allocatedMbps }, requestedMbps);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error).toMatchObject({
      code: 'CAPACITY_EXCEEDED',
      message: `pool "Backbone East" has ${free} Mbps free; ${requestedMbps} Mbps requested`,
      details: { poolCapacityMbps: 1000, allocatedMbps, requestedMbps },
    });
  });

  it.each<[number, number, number]>([
    [Number.NaN, 0, 1],
    [1000, Number.NaN, 1],
    [1000, 0, Number.NaN],
    [Number.POSITIVE_INFINITY, 0, 1],
  ])('treats non-finite figures (capacity %s, allocated %s, requested %s) as a bug', (capacityMbps, allocatedMbps, requestedMbps) => {
    expect(() => checkCapacity({ name: 'x', capacityMbps, allocatedMbps }, requestedMbps)).toThrow(RangeError);
  });
});

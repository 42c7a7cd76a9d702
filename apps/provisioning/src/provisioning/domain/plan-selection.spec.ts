import { choosePlan, type PlanOption } from './plan-selection';

const GB = 1_000_000_000n;

function plan(id: string, bandwidthMbps: number, includedGb: bigint, extra: Partial<PlanOption> = {}): PlanOption {
  return { id, version: 1, name: id, bandwidthMbps, monthlyIncludedBytes: includedGb * GB, active: true, ...extra };
}

const SMALL = plan('small', 10, 100n);
const SMALL_MORE_TRAFFIC = plan('small-plus', 10, 500n);
const MEDIUM = plan('medium', 100, 1000n);
const LARGE = plan('large', 1000, 5000n);
const RETIRED_HUGE = plan('retired', 10_000, 100_000n, { active: false });
const CATALOGUE = [LARGE, RETIRED_HUGE, MEDIUM, SMALL_MORE_TRAFFIC, SMALL];

describe(choosePlan.name, () => {
  it.each<[string, number, bigint, PlanOption | undefined]>([
    ['a tiny need: the smallest plan', 1, 1n, SMALL],
    ['exactly a plan: that plan', 10, 100n, SMALL],
    ['more traffic at the same bandwidth: the bigger-traffic plan', 10, 101n, SMALL_MORE_TRAFFIC],
    ['more bandwidth: the next bandwidth up', 11, 1n, MEDIUM],
    ['traffic beyond every small plan: a bigger bandwidth', 5, 600n, MEDIUM],
    ['both at the top: the largest', 1000, 5000n, LARGE],
    ['bandwidth nothing active covers: the largest active, not the retired one', 5000, 1n, LARGE],
    ['traffic nothing active covers: the largest active', 1, 6000n, LARGE],
  ])('%s', (_case, bandwidthMbps, trafficGb, expected) => {
    expect(choosePlan(CATALOGUE, { bandwidthMbps, monthlyTrafficBytes: trafficGb * GB })).toBe(expected);
  });

  it('is undefined when no plan is active', () => {
    expect(choosePlan([RETIRED_HUGE], { bandwidthMbps: 1, monthlyTrafficBytes: 0n })).toBeUndefined();
    expect(choosePlan([], { bandwidthMbps: 1, monthlyTrafficBytes: 0n })).toBeUndefined();
  });

  it('ranks by bandwidth before traffic: a big-traffic slow plan is smaller than a fast one', () => {
    const slowBig = plan('slow-big', 10, 10_000n);
    const fastSmall = plan('fast-small', 20, 10n);
    expect(choosePlan([fastSmall, slowBig], { bandwidthMbps: 5, monthlyTrafficBytes: 5n * GB })).toBe(slowBig);
    expect(choosePlan([fastSmall, slowBig], { bandwidthMbps: 50, monthlyTrafficBytes: 0n })).toBe(fastSmall);
  });

  it('breaks ties the same way whatever the input order: lower id, then newest version', () => {
    const b = plan('b', 10, 100n);
    const a1 = plan('a', 10, 100n, { version: 1 });
    const a2 = plan('a', 10, 100n, { version: 2 });
    for (const plans of [[b, a1, a2], [a2, b, a1], [a1, a2, b]]) {
      expect(choosePlan(plans, { bandwidthMbps: 1, monthlyTrafficBytes: 0n })).toBe(a2);
      expect(choosePlan(plans, { bandwidthMbps: 99, monthlyTrafficBytes: 0n })).toBe(a2);
    }
  });

  it('leaves the caller’s array alone', () => {
    const plans = [...CATALOGUE];
    choosePlan(plans, { bandwidthMbps: 1, monthlyTrafficBytes: 0n });
    expect(plans).toEqual(CATALOGUE);
  });
});

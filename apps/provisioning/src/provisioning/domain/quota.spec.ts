import { quotaPercent, thresholdsCrossed, type QuotaThreshold } from './quota';

describe(thresholdsCrossed.name, () => {
  it.each<[bigint, bigint, bigint, QuotaThreshold[]]>([
    [0n, 0n, 1000n, []],
    [0n, 799n, 1000n, []],
    [0n, 800n, 1000n, [80]],
    [799n, 800n, 1000n, [80]],
    [800n, 801n, 1000n, []],
    [800n, 1000n, 1000n, [100]],
    [0n, 1000n, 1000n, [80, 100]],
    [0n, 5000n, 1000n, [80, 100]],
    [999n, 1000n, 1000n, [100]],
    [1000n, 2000n, 1000n, []],
    [500n, 500n, 1000n, []],
    // 80 % of 7 bytes is 5.6: 5 is below it, 6 reaches it
    [0n, 5n, 7n, []],
    [5n, 6n, 7n, [80]],
    // a decrease (a recompute) never crosses anything
    [1000n, 0n, 1000n, []],
    // no quota, nothing to cross
    [0n, 10n, 0n, []],
    // beyond float precision
    [8n * 10n ** 20n - 1n, 8n * 10n ** 20n, 10n ** 21n, [80]],
  ])('from %s to %s of %s crosses %j', (before, after, included, expected) => {
    expect(thresholdsCrossed(before, after, included)).toEqual(expected);
  });

  it('crosses each threshold exactly once over any sequence of increases', () => {
    const included = 97n;
    const crossed: QuotaThreshold[] = [];
    for (let used = 0n; used < 200n; used += 3n) crossed.push(...thresholdsCrossed(used, used + 3n, included));
    expect(crossed).toEqual([80, 100]);
  });
});

describe(quotaPercent.name, () => {
  it.each<[bigint, bigint, number]>([
    [0n, 1000n, 0],
    [500n, 1000n, 50],
    [1000n, 1000n, 100],
    [1500n, 1000n, 150],
    [1n, 3n, 33.3],
    [2n, 3n, 66.7],
    // 0.05 % rounds half up to 0.1
    [1n, 2000n, 0.1],
    [1n, 2001n, 0],
    [123n, 0n, 0],
    [0n, 0n, 0],
    [10n ** 24n, 10n ** 25n, 10],
  ])('%s of %s is %s %', (used, included, expected) => {
    expect(quotaPercent(used, included)).toBe(expected);
  });
});

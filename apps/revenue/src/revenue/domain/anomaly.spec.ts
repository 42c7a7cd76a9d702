import { DEFAULT_ANOMALY_THRESHOLDS, detectAnomaly, type AnomalyThresholds } from './anomaly';

const GB = 1_000_000_000n;
const PREVIOUS = { revenueFen: 1_000_000n, usageBytes: 100n * GB };

describe(detectAnomaly.name, () => {
  it('defaults to 50% sharp and 10% flat', () => {
    expect(DEFAULT_ANOMALY_THRESHOLDS).toEqual({ revenueChangePercent: 50, usageFlatPercent: 10 });
    expect(Object.isFrozen(DEFAULT_ANOMALY_THRESHOLDS)).toBe(true);
  });

  it.each<[string, bigint, bigint, string]>([
    ['revenue up 150%, usage up 3%', 2_500_000n, 103n * GB, 'revenue changed +150% while data usage changed +3%: revenue moved by 50% or more with usage flat (under 10%)'],
    ['revenue up exactly 50%, usage unchanged', 1_500_000n, 100n * GB, 'revenue changed +50% while data usage changed 0%: revenue moved by 50% or more with usage flat'],
    ['revenue down 60%, usage down 9.99%', 400_000n, 90_010_000_000n, 'revenue changed -60% while data usage changed -10%: revenue moved'],
    ['revenue to zero, usage flat', 0n, 101n * GB, 'revenue changed -100% while data usage changed +1%: revenue moved'],
    ['usage up 400%, revenue up 5%', 1_050_000n, 500n * GB, 'revenue changed +5% while data usage changed +400%: usage moved by 50% or more with revenue flat (under 10%)'],
    ['usage down exactly 50%, revenue down 9%', 910_000n, 50n * GB, 'revenue changed -9% while data usage changed -50%: usage moved'],
    ['usage down to nothing, revenue unchanged', 1_000_000n, 0n, 'revenue changed 0% while data usage changed -100%: usage moved'],
    // a change just under half a percent rounds to 0%; just at half, away from zero
    ['revenue up 80%, usage down 0.4%', 1_800_000n, 99_600_000_000n, 'revenue changed +80% while data usage changed 0%'],
    ['revenue up 80%, usage down 0.5%', 1_800_000n, 99_500_000_000n, 'revenue changed +80% while data usage changed -1%'],
  ])('flags %s', (_case, revenueFen, usageBytes, expected) => {
    expect(detectAnomaly({ revenueFen, usageBytes }, PREVIOUS)).toEqual(expect.stringContaining(expected));
  });

  it.each<[string, bigint, bigint]>([
    ['both unchanged', 1_000_000n, 100n * GB],
    ['both up sharply', 2_000_000n, 200n * GB],
    ['both down sharply', 100_000n, 10n * GB],
    ['revenue up 49.99%, usage flat', 1_499_900n, 100n * GB],
    ['revenue up 49.5% (which would read 50%), usage flat: thresholds compare the exact change', 1_495_000n, 100n * GB],
    ['revenue up 80%, usage up exactly 10% (not flat)', 1_800_000n, 110n * GB],
    ['usage up 80%, revenue down exactly 10% (not flat)', 900_000n, 180n * GB],
    ['moderate moves on both', 1_300_000n, 120n * GB],
  ])('does not flag %s', (_case, revenueFen, usageBytes) => {
    expect(detectAnomaly({ revenueFen, usageBytes }, PREVIOUS)).toBeUndefined();
  });

  it.each<[string, { revenueFen: bigint; usageBytes: bigint } | undefined]>([
    ['no previous period', undefined],
    ['previous revenue zero', { revenueFen: 0n, usageBytes: 100n * GB }],
    ['previous usage zero', { revenueFen: 1_000_000n, usageBytes: 0n }],
    ['both previous zero', { revenueFen: 0n, usageBytes: 0n }],
  ])('does not flag with %s: there is no relative change', (_case, previous) => {
    expect(detectAnomaly({ revenueFen: 9_000_000n, usageBytes: 100n * GB }, previous)).toBeUndefined();
  });

  it.each<[AnomalyThresholds, bigint, bigint, boolean]>([
    // revenue +30%, usage +4%
    [{ revenueChangePercent: 30, usageFlatPercent: 5 }, 1_300_000n, 104n * GB, true],
    [{ revenueChangePercent: 30, usageFlatPercent: 4 }, 1_300_000n, 104n * GB, false],
    [{ revenueChangePercent: 30.01, usageFlatPercent: 5 }, 1_300_000n, 104n * GB, false],
    // fractional thresholds are exact to a hundredth of a percent
    [{ revenueChangePercent: 12.5, usageFlatPercent: 2.25 }, 1_125_000n, 102_240_000_000n, true],
    [{ revenueChangePercent: 12.5, usageFlatPercent: 2.25 }, 1_124_999n, 102_240_000_000n, false],
    [{ revenueChangePercent: 12.5, usageFlatPercent: 2.25 }, 1_125_000n, 102_250_000_000n, false],
    // a zero flat band flags nothing
    [{ revenueChangePercent: 50, usageFlatPercent: 0 }, 9_000_000n, 100n * GB, false],
  ])('with thresholds %j, %s fen and %s bytes flagged: %s', (t, revenueFen, usageBytes, flagged) => {
    expect(detectAnomaly({ revenueFen, usageBytes }, PREVIOUS, t) !== undefined).toBe(flagged);
  });

  it('names the configured thresholds in the reason', () => {
    expect(detectAnomaly({ revenueFen: 1_300_000n, usageBytes: 100n * GB }, PREVIOUS, { revenueChangePercent: 25, usageFlatPercent: 5 })).toMatch(/by 25% or more with usage flat \(under 5%\)$/);
  });

  it('is exact beyond float precision', () => {
    const previous = { revenueFen: 10n ** 20n, usageBytes: 10n ** 24n };
    expect(detectAnomaly({ revenueFen: 15n * 10n ** 19n, usageBytes: 10n ** 24n + 1n }, previous)).toMatch(/^revenue changed \+50% while data usage changed 0%/);
    expect(detectAnomaly({ revenueFen: 15n * 10n ** 19n - 1n, usageBytes: 10n ** 24n }, previous)).toBeUndefined();
  });

  it.each<[string, AnomalyThresholds]>([
    ['a negative threshold', { revenueChangePercent: -1, usageFlatPercent: 0 }],
    ['a flat band wider than the sharp one', { revenueChangePercent: 10, usageFlatPercent: 20 }],
    ['NaN', { revenueChangePercent: Number.NaN, usageFlatPercent: 10 }],
    ['infinity', { revenueChangePercent: Number.POSITIVE_INFINITY, usageFlatPercent: 10 }],
  ])('refuses %s as a configuration bug', (_case, t) => {
    expect(() => detectAnomaly({ revenueFen: 1n, usageBytes: 1n }, PREVIOUS, t)).toThrow(RangeError);
  });

  it('refuses negative figures as a bug', () => {
    expect(() => detectAnomaly({ revenueFen: -1n, usageBytes: 1n }, PREVIOUS)).toThrow(RangeError);
    expect(() => detectAnomaly({ revenueFen: 1n, usageBytes: 1n }, { revenueFen: 1n, usageBytes: -1n })).toThrow(RangeError);
  });
});

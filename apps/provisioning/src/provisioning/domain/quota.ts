/** The shares of the monthly included traffic that raise an alert, in percent. */
export type QuotaThreshold = 80 | 100;

const THRESHOLDS: readonly QuotaThreshold[] = [80, 100];

/**
 * The thresholds an increase of usage from `before` to `after` crosses, ascending: t where
 * before < included × t/100 ≤ after. Multiplying both sides by 100 keeps it exact in integers.
 * Each crossing happens on exactly one increase, which is what lets an alert go out once.
 * A plan with no included traffic has no quota to cross.
 */
export function thresholdsCrossed(before: bigint, after: bigint, includedBytes: bigint): QuotaThreshold[] {
  if (includedBytes <= 0n) return [];
  return THRESHOLDS.filter((t) => {
    const mark = includedBytes * BigInt(t);
    return before * 100n < mark && mark <= after * 100n;
  });
}

/** Used share of the included traffic in percent, one decimal, rounded half up; for display only. */
export function quotaPercent(used: bigint, included: bigint): number {
  if (included <= 0n) return 0;
  // Per mille in integers first, so the rounding is exact; only the final figure becomes a float.
  const perMille = (used * 1000n + included / 2n) / included;
  return Number(perMille) / 10;
}

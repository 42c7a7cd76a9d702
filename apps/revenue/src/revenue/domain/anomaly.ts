/** How far a figure must move to count as sharp, and how little the other may move to count as flat, in percent. */
export interface AnomalyThresholds {
  revenueChangePercent: number;
  usageFlatPercent: number;
}

export const DEFAULT_ANOMALY_THRESHOLDS: Readonly<AnomalyThresholds> = Object.freeze({ revenueChangePercent: 50, usageFlatPercent: 10 });

interface Period {
  revenueFen: bigint;
  usageBytes: bigint;
}

/**
 * Why a report should be reviewed, or undefined when it need not be: revenue moved sharply
 * (by at least `revenueChangePercent`, either way) while data usage stayed flat (moved by less
 * than `usageFlatPercent`), or the reverse. Revenue that grows without the data behind it,
 * or data that grows without revenue, is what the park's figures must not hide.
 *
 * Changes are relative to the previous period. Without one, or when either previous figure
 * is zero, a relative change does not exist and nothing is flagged. Comparisons are exact:
 * thresholds are taken to a hundredth of a percent and compared in bigint.
 */
export function detectAnomaly(current: Period, previous: Period | undefined, t: AnomalyThresholds = DEFAULT_ANOMALY_THRESHOLDS): string | undefined {
  const [sharp, flat] = checkThresholds(t);
  checkNonNegative(current);
  if (previous === undefined) return undefined;
  checkNonNegative(previous);
  if (previous.revenueFen === 0n || previous.usageBytes === 0n) return undefined;
  const revenue = { delta: current.revenueFen - previous.revenueFen, base: previous.revenueFen };
  const usage = { delta: current.usageBytes - previous.usageBytes, base: previous.usageBytes };
  const changes = `revenue changed ${percentText(revenue)} while data usage changed ${percentText(usage)}`;
  if (atLeast(revenue, sharp) && !atLeast(usage, flat)) {
    return `${changes}: revenue moved by ${t.revenueChangePercent}% or more with usage flat (under ${t.usageFlatPercent}%)`;
  }
  if (atLeast(usage, sharp) && !atLeast(revenue, flat)) {
    return `${changes}: usage moved by ${t.revenueChangePercent}% or more with revenue flat (under ${t.usageFlatPercent}%)`;
  }
  return undefined;
}

interface Change {
  delta: bigint;
  base: bigint;
}

/** |delta| / base ≥ hundredths / 10 000, without dividing. */
function atLeast(change: Change, hundredthsOfPercent: bigint): boolean {
  return abs(change.delta) * 10_000n >= hundredthsOfPercent * change.base;
}

/** The change in whole percent, rounded half away from zero, signed: "+150%", "-60%", "0%". */
function percentText(change: Change): string {
  const magnitude = (abs(change.delta) * 200n + change.base) / (2n * change.base);
  if (magnitude === 0n) return '0%';
  return `${change.delta < 0n ? '-' : '+'}${magnitude}%`;
}

/**
 * Thresholds are park configuration, so a bad one is a bug. A flat band wider than the
 * sharp one would flag two figures that moved alike.
 */
function checkThresholds(t: AnomalyThresholds): [sharp: bigint, flat: bigint] {
  const valid = [t.revenueChangePercent, t.usageFlatPercent].every((p) => Number.isFinite(p) && p >= 0);
  if (!valid || t.usageFlatPercent > t.revenueChangePercent) {
    throw new RangeError(`detectAnomaly: thresholds must be percentages with 0 ≤ usageFlatPercent ≤ revenueChangePercent, got ${JSON.stringify(t)}`);
  }
  return [BigInt(Math.round(t.revenueChangePercent * 100)), BigInt(Math.round(t.usageFlatPercent * 100))];
}

// Negative revenue or traffic is a bug upstream; the percentages would mean nothing.
function checkNonNegative(p: Period): void {
  if (p.revenueFen < 0n || p.usageBytes < 0n) throw new RangeError(`detectAnomaly: revenueFen (${p.revenueFen}) and usageBytes (${p.usageBytes}) must be non-negative`);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

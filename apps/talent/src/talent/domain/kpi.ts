/** Counts of enrollments: trained = ever held a seat, completed = finished with a score, placed = hired afterwards. */
export interface KpiCounts {
  trained: number;
  completed: number;
  placed: number;
}

export interface Kpi extends KpiCounts {
  /** completed ÷ trained, percent; null when nobody was trained. */
  completionRate: string | null;
  /** placed ÷ completed, percent; null when nobody completed. */
  placementRate: string | null;
}

/**
 * `numerator ÷ denominator` as a percentage with `decimals` places, rounded
 * half up; null when the denominator is 0 (no rate exists). Integer (bigint)
 * arithmetic: counts are kept whole and rounded once, here, for display.
 */
export function percentText(numerator: number, denominator: number, decimals = 2): string | null {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`percentText: counts must be whole numbers 0 or more, got ${numerator} / ${denominator}`);
  }
  if (!Number.isSafeInteger(decimals) || decimals < 0) throw new RangeError(`percentText: decimals must be a whole number 0 or more, got ${decimals}`);
  if (denominator === 0) return null;
  const scale = 10n ** BigInt(decimals);
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  // Adding half the divisor before the truncating division rounds halves up.
  const scaled = (n * 100n * scale * 2n + d) / (d * 2n);
  const whole = (scaled / scale).toString();
  return decimals === 0 ? whole : `${whole}.${(scaled % scale).toString().padStart(decimals, '0')}`;
}

/** The rates of a group: ratios of its totals, never an average of its members' rates. */
export function kpiOf(counts: KpiCounts): Kpi {
  return { ...counts, completionRate: percentText(counts.completed, counts.trained), placementRate: percentText(counts.placed, counts.completed) };
}

export function sumCounts(rows: readonly KpiCounts[]): KpiCounts {
  return rows.reduce((t, r) => ({ trained: t.trained + r.trained, completed: t.completed + r.completed, placed: t.placed + r.placed }), { trained: 0, completed: 0, placed: 0 });
}

/** Revenue and data-element input over the same enterprises and months, in integer fen. */
export interface MultiplierFigures {
  revenueFen: bigint;
  inputFen: bigint;
}

/**
 * Yuan of revenue per yuan of data-element input, as a decimal string with `decimals` places
 * rounded half up; null when there was no input (the ratio does not exist). Bigint only, so
 * the figure is exact for any totals: it is rounded once, here, for display and never summed.
 */
export function multiplierText(f: MultiplierFigures, decimals = 2): string | null {
  // Negative totals are a bug upstream, and the rounding below assumes non-negative figures.
  if (f.revenueFen < 0n || f.inputFen < 0n) throw new RangeError(`multiplierText: revenueFen (${f.revenueFen}) and inputFen (${f.inputFen}) must be non-negative`);
  if (!Number.isSafeInteger(decimals) || decimals < 0) throw new RangeError(`multiplierText: decimals must be a whole number 0 or more, got ${decimals}`);
  if (f.inputFen === 0n) return null;
  const scale = 10n ** BigInt(decimals);
  // Adding half the divisor before the truncating division rounds halves up.
  const scaled = (f.revenueFen * scale * 2n + f.inputFen) / (f.inputFen * 2n);
  const whole = (scaled / scale).toString();
  return decimals === 0 ? whole : `${whole}.${(scaled % scale).toString().padStart(decimals, '0')}`;
}

/** The totals of several enterprises or months: the multiplier of a group is total ÷ total, not an average of ratios. */
export function sumFigures(rows: MultiplierFigures[]): MultiplierFigures {
  return rows.reduce((total, row) => ({ revenueFen: total.revenueFen + row.revenueFen, inputFen: total.inputFen + row.inputFen }), { revenueFen: 0n, inputFen: 0n });
}

/** Traffic as carriers bill it: GB = 10^9 bytes; integer bytes arrive as decimal strings. */
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** 11000000000 → "11.00 GB"; two decimals rounded half up, on bigint. */
export function formatBytes(bytes: string | number | bigint): string {
  const value = BigInt(bytes);
  let unit = 0;
  let divisor = 1n;
  while (unit < UNITS.length - 1 && value >= divisor * 1000n) {
    divisor *= 1000n;
    unit += 1;
  }
  if (unit === 0) return `${value} B`;
  const hundredths = (value * 200n + divisor) / (divisor * 2n);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')} ${UNITS[unit]}`;
}

import type { MonthUsage } from '../../application/usage/usage-queries';
import type { MonthUsageType } from './usage.types';

/** Byte counts as decimal strings: exact beyond 2^53. */
export function toMonthUsageType(u: MonthUsage): MonthUsageType {
  return {
    ...u,
    usedBytes: u.usedBytes.toString(),
    includedBytes: u.includedBytes.toString(),
    daily: u.daily.map((d) => ({ day: d.day, bytesIn: d.bytesIn.toString(), bytesOut: d.bytesOut.toString() })),
  };
}

import { parkDateOf, parkMonthOf } from '@valley/contracts';
import { ProvisioningError, ProvisioningErrorCode } from './provisioning.error';

/** The interval a carrier's usage record measures. */
export interface UsageWindow {
  start: Date;
  end: Date;
}

const MAX_WINDOW_MS = 31 * 24 * 60 * 60_000;

/**
 * RFC 3339 date-time: the zone is mandatory, because a window without one means a different
 * instant on every server. Date.parse is too lenient (it accepts local times and rolls
 * 31 February over into March), so the fields are checked here.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * A valid window: both ends ISO-8601 with a zone, end after start, not ending further in the
 * future than a little clock skew (`maxFutureMs`), at most 31 days long (a carrier meters
 * at most a month at a time; anything longer is a broken record).
 */
export function checkUsageWindow(start: string, end: string, now: Date, maxFutureMs = 15 * 60_000): UsageWindow {
  const window = { start: parseDateTime('windowStart', start), end: parseDateTime('windowEnd', end) };
  if (window.end.getTime() <= window.start.getTime()) invalid('windowEnd', `must be after windowStart (${start}), got ${end}`);
  const latest = now.getTime() + maxFutureMs;
  if (window.end.getTime() > latest) invalid('windowEnd', `is in the future: ${end} is after ${new Date(latest).toISOString()}`);
  if (window.end.getTime() - window.start.getTime() > MAX_WINDOW_MS) invalid('windowEnd', `the window from ${start} to ${end} is longer than 31 days`);
  return window;
}

/**
 * The Asia/Shanghai month (YYYY-MM) a window's usage counts in: the month of its START. A
 * window crossing midnight at a month's end counts wholly in the month it started, so a record
 * is never split between months and a month's total only ever changes by whole records.
 */
export function usageMonthOf(window: UsageWindow): string {
  return parkMonthOf(window.start);
}

/** The park date (YYYY-MM-DD) a window's usage counts on: that of its start, as for months. */
export function usageDayOf(window: UsageWindow): string {
  return parkDateOf(window.start);
}

function parseDateTime(field: string, value: string): Date {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) invalid(field, `must be an ISO-8601 date-time with a zone (e.g. 2024-05-01T08:00:00+08:00), got ${JSON.stringify(value)}`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  const [utc, sign, offsetHours, offsetMinutes] = [match[8], match[9], Number(match[10] ?? 0), Number(match[11] ?? 0)];
  const fieldsValid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
  if (!fieldsValid || offsetHours > 23 || offsetMinutes > 59) invalid(field, `is not a real date-time: ${value}`);
  // Date keeps milliseconds; finer digits are dropped (no carrier meters below that).
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetMs = utc ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(utcMillis(year, month - 1, day, hour, minute, second, millis) - offsetMs);
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMillis(year, month, 0)).getUTCDate();
}

// Date.UTC reads years 0–99 as 1900–1999; setting the full year afterwards does not.
function utcMillis(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  const date = new Date(Date.UTC(2000, monthIndex, day, hour, minute, second, millis));
  return date.setUTCFullYear(year, monthIndex, day);
}

function invalid(field: string, reason: string): never {
  throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `${field}: ${reason}`, field);
}

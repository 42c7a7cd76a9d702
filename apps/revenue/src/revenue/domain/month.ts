import { RevenueError, RevenueErrorCode } from './revenue.error';

// The same shape as the Month of the event contracts: four-digit year, two-digit month.
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** Ten years: enough for any dashboard range, small enough that one query cannot ask for millions of months. */
const MAX_RANGE_MONTHS = 120;

/** A YYYY-MM month from the outside world; BAD_USER_INPUT naming `field` for anything else (raw JSON included). */
export function parseMonth(field: string, value: string): string {
  if (typeof value !== 'string' || !MONTH.test(value)) {
    invalid(field, `must be a month as YYYY-MM (e.g. 2024-06), got ${describe(value)}`);
  }
  return value;
}

/** Every month from `from` to `to`, both included, in order; at most 120 of them. */
export function monthsBetween(from: string, to: string): string[] {
  const first = monthIndex(parseMonth('from', from));
  const last = monthIndex(parseMonth('to', to));
  if (first > last) invalid('to', `must not be before from (${from}), got ${to}`);
  const count = last - first + 1;
  if (count > MAX_RANGE_MONTHS) invalid('to', `the range ${from} to ${to} spans ${count} months; at most ${MAX_RANGE_MONTHS} are allowed`);
  return Array.from({ length: count }, (_, i) => monthAt(first + i));
}

/** The calendar month after `month`: 2024-12 → 2025-01. */
export function nextMonth(month: string): string {
  const next = monthIndex(parseMonth('month', month)) + 1;
  // Past 9999-12 there is no YYYY-MM to name the answer.
  if (next >= 10_000 * 12) invalid('month', `${month} has no following month in YYYY-MM`);
  return monthAt(next);
}

/** The month `by` months after (or, negative, before) `month`; BAD_USER_INPUT naming `field` outside 0000-01 … 9999-12. */
export function shiftMonth(month: string, by: number, field = 'month'): string {
  const index = monthIndex(parseMonth(field, month)) + by;
  if (index < 0 || index >= 10_000 * 12) invalid(field, `${month} shifted by ${by} months has no YYYY-MM`);
  return monthAt(index);
}

// Months counted from January of year 0, so ranges and successors are plain integer arithmetic.
function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthAt(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

// Echo the offending value without letting a huge string blow up the message.
function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function invalid(field: string, reason: string): never {
  throw new RevenueError(RevenueErrorCode.InvalidInput, `${field}: ${reason}`, field);
}

/** The first month the park keeps figures for (reports before it are refused): bit 0 of the month bitmap. */
export const FIRST_RECORDED_MONTH = '2000-01';

/** Months 2000-01 … 2099-12, one bit each: the width of multiplier_enterprise_months.month_bits. */
export const MONTH_BITS = 1200;

/** `months` as a bit string, bit i set for the month i months after 2000-01 (months outside that century are left out). */
export function monthBitmap(months: readonly string[]): string {
  const bits = new Array<string>(MONTH_BITS).fill('0');
  for (const m of months) {
    const i = (Number(m.slice(0, 4)) - 2000) * 12 + Number(m.slice(5, 7)) - 1;
    if (Number.isInteger(i) && i >= 0 && i < MONTH_BITS) bits[i] = '1';
  }
  return bits.join('');
}

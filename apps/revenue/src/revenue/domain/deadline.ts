import { parkDateOf } from '@valley/contracts';
import { nextMonth, parseMonth } from './month';

/**
 * The last day (YYYY-MM-DD, Asia/Shanghai) to report `month`: day `dueDay` of the following
 * month. A due day past that month's end means its last day, so a park setting of 31 still
 * gives every month a deadline (28 or 29 February, 30 April…).
 */
export function reportDeadline(month: string, dueDay = 15): string {
  // The due day is park configuration, not user input: a bad one is a bug, not a refusal.
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31) throw new RangeError(`reportDeadline: dueDay must be a whole day of the month 1–31, got ${dueDay}`);
  const due = nextMonth(parseMonth('month', month));
  const day = Math.min(dueDay, daysInMonth(due));
  return `${due}-${String(day).padStart(2, '0')}`;
}

/** Whether a report for `month` missing at `now` is overdue: true from the park day after the deadline on. */
export function isOverdue(month: string, now: Date, dueDay = 15): boolean {
  // YYYY-MM-DD strings order as the dates do.
  return parkDateOf(now) > reportDeadline(month, dueDay);
}

function daysInMonth(month: string): number {
  const [year, monthNumber] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  // Day 0 of the next month is the last of this one; setUTCFullYear keeps years below 100 as they are.
  const date = new Date(0);
  date.setUTCFullYear(year, monthNumber, 0);
  return date.getUTCDate();
}

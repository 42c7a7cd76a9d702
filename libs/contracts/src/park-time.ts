/** The park keeps its calendar in Asia/Shanghai: months and dates of the wire are its. */
export const PARK_TIME_ZONE = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: PARK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of an instant, in the park's time zone. */
export function parkDateOf(instant: Date): string {
  return dateFormat.format(instant);
}

/** `YYYY-MM` of an instant, in the park's time zone. */
export function parkMonthOf(instant: Date): string {
  return parkDateOf(instant).slice(0, 7);
}

/** The `YYYY-MM` month `by` months after (negative: before) a well-formed `YYYY-MM` month. */
export function addMonths(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !Number.isInteger(by) || index < 0 || index >= 10_000 * 12) throw new RangeError(`addMonths: ${month} shifted by ${by} has no YYYY-MM`);
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

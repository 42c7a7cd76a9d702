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

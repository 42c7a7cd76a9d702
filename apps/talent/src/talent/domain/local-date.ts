import { TalentError, TalentErrorCode } from './talent.error';

const LOCAL_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** A YYYY-MM-DD calendar date (the park's calendar); BAD_USER_INPUT naming `field` for anything else. */
export function parseLocalDate(field: string, value: string): string {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value.trim()) : null;
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return value.trim();
  }
  throw new TalentError(TalentErrorCode.InvalidInput, `${field}: must be a calendar date as YYYY-MM-DD (e.g. 2026-09-01)`, field);
}

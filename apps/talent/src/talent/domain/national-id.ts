/**
 * The resident identity card number (公民身份号码), GB 11643-1999: a 6-digit
 * administrative division code, the birth date as YYYYMMDD, a 3-digit
 * sequence and a check character over the first 17 digits (ISO 7064
 * MOD 11-2: 0-9 or X).
 *
 * The number is personal data: results and messages here never repeat it or
 * any part of it, so nothing downstream can log it by accident.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The province-level prefixes of GB/T 2260 (83: residence permits of Taiwan residents). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

const EARLIEST_BIRTH = '19000101';

export type NationalIdProblem = 'LENGTH' | 'CHARACTER' | 'AREA_CODE' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

export type NationalIdResult = { ok: true; value: string } | { ok: false; problem: NationalIdProblem; message: string };

/** The MOD 11-2 check character of the first 17 digits. */
export function nationalIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Normalises surrounding spaces and a lower-case x, then checks length,
 * characters, area code, birth date (a real date, not after `today`, a
 * YYYYMMDD in the park's calendar) and the check character.
 */
export function parseNationalId(input: string, today: string): NationalIdResult {
  const value = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (value.length !== 18) return fail('LENGTH', `must be 18 characters, got ${value.length}`);
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return fail('CHARACTER', 'must be 17 digits followed by a digit or X');
  if (!PROVINCES.has(value.slice(0, 2))) return fail('AREA_CODE', 'the first 6 digits are not an administrative division code');
  const birth = value.slice(6, 14);
  if (!isCalendarDate(birth) || birth < EARLIEST_BIRTH || birth > today.replace(/-/g, '')) return fail('BIRTH_DATE', 'digits 7 to 14 are not a valid birth date (YYYYMMDD, not in the future)');
  if (value[17] !== nationalIdCheckCharacter(value.slice(0, 17))) return fail('CHECK_CHARACTER', 'the check character does not match (GB 11643-1999, ISO 7064 MOD 11-2)');
  return { ok: true, value };
}

/** What may be shown and stored in clear: the first 4 and last 4 characters, `1401**********123X`. */
export function maskNationalId(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function fail(problem: NationalIdProblem, message: string): NationalIdResult {
  return { ok: false, problem, message };
}

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters
 * from a 31-character alphabet (no I, O, Z, S, V); the last is a check
 * character over the first 17, weighted by 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'LENGTH' | 'CHARACTER' | 'DIVISION_CODE' | 'CHECK_CHARACTER';

export type UsccResult = { ok: true; value: string } | { ok: false; problem: UsccProblem; message: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Normalises case and surrounding spaces, then checks length, alphabet, division code and check character. */
export function parseUscc(input: string): UsccResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, problem: 'LENGTH', message: `must be 18 characters, got ${value.length}` };
  const bad = [...value].find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) return { ok: false, problem: 'CHARACTER', message: `contains "${bad}", which is not in the GB 32100-2015 alphabet (no I, O, Z, S, V)` };
  if (!/^[0-9]{6}$/.test(value.slice(2, 8))) return { ok: false, problem: 'DIVISION_CODE', message: 'characters 3 to 8 must be the 6-digit administrative division code' };
  const expected = checkCharacter(value.slice(0, 17));
  if (value[17] !== expected) return { ok: false, problem: 'CHECK_CHARACTER', message: `check character is ${value[17]}, expected ${expected}` };
  return { ok: true, value };
}

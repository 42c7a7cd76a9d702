import { MONTH_BITS, monthBitmap, monthsBetween, nextMonth, parseMonth, shiftMonth } from './month';
import { RevenueError } from './revenue.error';

function refusal(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe(parseMonth.name, () => {
  it.each(['2024-01', '2024-12', '1999-06', '0001-01', '9999-12'])('accepts %s', (value) => {
    expect(parseMonth('month', value)).toBe(value);
  });

  it.each<[string, unknown]>([
    ['month 13', '2024-13'],
    ['month 00', '2024-00'],
    ['a one-digit month', '2024-6'],
    ['a two-digit year', '24-06'],
    ['a five-digit year', '12024-06'],
    ['a day too', '2024-06-01'],
    ['a slash', '2024/06'],
    ['no separator', '202406'],
    ['surrounding spaces', ' 2024-06 '],
    ['a trailing newline', '2024-06\n'],
    ['full-width digits', '２０２４-０６'],
    ['empty', ''],
    ['a number slipping past the type checker', 202406],
    ['null slipping past the type checker', null],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_case, value) => {
    const error = refusal(() => parseMonth('fromMonth', value as string));
    expect(error).toBeInstanceOf(RevenueError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromMonth', message: expect.stringMatching(/^fromMonth: must be a month as YYYY-MM/) });
  });

  it('shortens a huge value in the message', () => {
    const error = refusal(() => parseMonth('month', 'x'.repeat(10_000)));
    expect((error as Error).message.length).toBeLessThan(200);
  });
});

describe(monthsBetween.name, () => {
  it.each<[string, string, string[]]>([
    ['2024-06', '2024-06', ['2024-06']],
    ['2024-01', '2024-03', ['2024-01', '2024-02', '2024-03']],
    ['2024-11', '2025-02', ['2024-11', '2024-12', '2025-01', '2025-02']],
    ['0999-12', '1000-01', ['0999-12', '1000-01']],
  ])('%s to %s is %j', (from, to, expected) => {
    expect(monthsBetween(from, to)).toEqual(expected);
  });

  it('allows exactly 120 months, first and last included', () => {
    const months = monthsBetween('2020-01', '2029-12');
    expect(months).toHaveLength(120);
    expect([months[0], months[12], months[119]]).toEqual(['2020-01', '2021-01', '2029-12']);
  });

  it.each<[string, string, string, string, RegExp]>([
    ['to before from', '2024-06', '2024-05', 'to', /^to: must not be before from \(2024-06\), got 2024-05$/],
    ['to a year before from', '2025-01', '2024-12', 'to', /^to: must not be before from/],
    ['121 months', '2020-01', '2030-01', 'to', /^to: .*spans 121 months; at most 120/],
    ['a century', '1900-01', '2024-01', 'to', /^to: .*at most 120/],
    ['a malformed from', '2024-6', '2024-07', 'from', /^from: must be a month/],
    ['a malformed to', '2024-06', '2024-13', 'to', /^to: must be a month/],
  ])('refuses %s with BAD_USER_INPUT', (_case, from, to, field, message) => {
    const error = refusal(() => monthsBetween(from, to));
    expect(error).toBeInstanceOf(RevenueError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field, message: expect.stringMatching(message) });
  });
});

describe(nextMonth.name, () => {
  it.each<[string, string]>([
    ['2024-01', '2024-02'],
    ['2024-09', '2024-10'],
    ['2024-12', '2025-01'],
    ['0099-12', '0100-01'],
    ['9999-11', '9999-12'],
  ])('after %s comes %s', (month, expected) => {
    expect(nextMonth(month)).toBe(expected);
  });

  it.each(['9999-12', '2024-13', 'June'])('refuses %s with BAD_USER_INPUT on month', (month) => {
    expect(refusal(() => nextMonth(month))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
  });
});

describe(shiftMonth.name, () => {
  it.each<[string, number, string]>([
    ['2024-06', 0, '2024-06'],
    ['2024-06', -11, '2023-07'],
    ['2024-01', -1, '2023-12'],
    ['2024-12', 1, '2025-01'],
    ['2024-06', 119, '2034-05'],
  ])('%s shifted by %i is %s', (month, by, expected) => {
    expect(shiftMonth(month, by)).toBe(expected);
  });

  it('refuses a shift out of YYYY-MM and a malformed month, naming the field', () => {
    expect(refusal(() => shiftMonth('0000-03', -3, 'toMonth'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toMonth' });
    expect(refusal(() => shiftMonth('2024-6', 1, 'toMonth'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toMonth' });
  });
});

describe('monthBitmap', () => {
  it('sets one bit per month counted from 2000-01, and leaves out months outside 2000-2099', () => {
    const bits = monthBitmap(['2000-01', '2000-03', '2026-11', '2099-12', '1999-12', '2100-01']);
    expect(bits).toHaveLength(MONTH_BITS);
    expect([...bits].flatMap((b, i) => (b === '1' ? [i] : []))).toEqual([0, 2, 26 * 12 + 10, MONTH_BITS - 1]);
  });
});

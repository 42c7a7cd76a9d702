import { ProvisioningError } from './provisioning.error';
import { checkUsageWindow, usageDayOf, usageMonthOf } from './usage-window';

const NOW = new Date('2024-06-15T12:00:00Z');

function refusal(start: string, end: string, now = NOW, maxFutureMs?: number): unknown {
  try {
    checkUsageWindow(start, end, now, maxFutureMs);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe(checkUsageWindow.name, () => {
  it.each<[string, string, string, string]>([
    ['2024-06-01T00:00:00Z', '2024-06-01T01:00:00Z', '2024-06-01T00:00:00.000Z', '2024-06-01T01:00:00.000Z'],
    ['2024-06-01T08:00:00+08:00', '2024-06-01T09:00:00+08:00', '2024-06-01T00:00:00.000Z', '2024-06-01T01:00:00.000Z'],
    ['2024-05-31T23:30:00-05:30', '2024-06-01T00:00:00-05:30', '2024-06-01T05:00:00.000Z', '2024-06-01T05:30:00.000Z'],
    // lower-case separators, fractions of any length to the millisecond (finer digits dropped)
    ['2024-06-01T00:00:00.5z', '2024-06-01t00:00:01.123456789Z', '2024-06-01T00:00:00.500Z', '2024-06-01T00:00:01.123Z'],
    // years below 100 are not read as 19xx
    ['0050-01-01T00:00:00Z', '0050-01-01T01:00:00Z', '0050-01-01T00:00:00.000Z', '0050-01-01T01:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:05:00Z', '2024-02-29T00:00:00.000Z', '2024-02-29T00:05:00.000Z'],
    // exactly 31 days long
    ['2024-05-01T00:00:00Z', '2024-06-01T00:00:00Z', '2024-05-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z'],
    // ending exactly at the allowed clock skew
    ['2024-06-15T11:00:00Z', '2024-06-15T12:15:00Z', '2024-06-15T11:00:00.000Z', '2024-06-15T12:15:00.000Z'],
  ])('accepts %s – %s', (start, end, startIso, endIso) => {
    const window = checkUsageWindow(start, end, NOW);
    expect([window.start.toISOString(), window.end.toISOString()]).toEqual([startIso, endIso]);
  });

  it.each<[string, string, string, RegExp]>([
    ['no zone on start', '2024-06-01T00:00:00', '2024-06-01T01:00:00Z', /^windowStart: .*with a zone/],
    ['no zone on end', '2024-06-01T00:00:00Z', '2024-06-01T01:00:00', /^windowEnd: .*with a zone/],
    ['a date only', '2024-06-01', '2024-06-01T01:00:00Z', /^windowStart: /],
    ['no seconds', '2024-06-01T00:00Z', '2024-06-01T01:00:00Z', /^windowStart: /],
    ['not a date at all', 'yesterday', '2024-06-01T01:00:00Z', /^windowStart: /],
    ['empty', '', '2024-06-01T01:00:00Z', /^windowStart: /],
    ['31 February', '2024-02-31T00:00:00Z', '2024-03-01T01:00:00Z', /^windowStart: is not a real date-time/],
    ['29 February of a common year', '2023-02-29T00:00:00Z', '2023-03-01T01:00:00Z', /^windowStart: is not a real date-time/],
    ['month 13', '2024-13-01T00:00:00Z', '2024-06-01T01:00:00Z', /^windowStart: is not a real date-time/],
    ['hour 24', '2024-06-01T00:00:00Z', '2024-06-01T24:00:00Z', /^windowEnd: is not a real date-time/],
    ['a leap second', '2024-06-01T00:00:00Z', '2024-06-01T00:59:60Z', /^windowEnd: is not a real date-time/],
    ['offset minutes 60', '2024-06-01T00:00:00+08:60', '2024-06-01T01:00:00Z', /^windowStart: is not a real date-time/],
    ['end equal to start', '2024-06-01T00:00:00Z', '2024-06-01T08:00:00+08:00', /^windowEnd: must be after windowStart/],
    ['end before start', '2024-06-01T01:00:00Z', '2024-06-01T00:00:00Z', /^windowEnd: must be after windowStart/],
    ['end after start by less than a millisecond', '2024-06-01T00:00:00.0001Z', '2024-06-01T00:00:00.0009Z', /^windowEnd: must be after windowStart/],
    ['end past the clock skew', '2024-06-15T11:00:00Z', '2024-06-15T12:15:00.001Z', /^windowEnd: is in the future/],
    ['a window far in the future', '2099-01-01T00:00:00Z', '2099-01-01T01:00:00Z', /^windowEnd: is in the future/],
    ['longer than 31 days', '2024-05-01T00:00:00Z', '2024-06-01T00:00:00.001Z', /^windowEnd: .*longer than 31 days/],
  ])('refuses %s with BAD_USER_INPUT on the right field', (_case, start, end, message) => {
    const error = refusal(start, end);
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: message.source.slice(1, message.source.indexOf(':')), message: expect.stringMatching(message) });
  });

  it('takes the allowed clock skew as a parameter', () => {
    expect(refusal('2024-06-15T11:00:00Z', '2024-06-15T12:00:01Z', NOW, 0)).toMatchObject({ field: 'windowEnd' });
    expect(refusal('2024-06-15T11:00:00Z', '2024-06-15T13:00:00Z', NOW, 3_600_000)).toBeUndefined();
  });

  it('refuses non-strings that slip past the type checker (raw JSON)', () => {
    expect(refusal(123 as unknown as string, '2024-06-01T01:00:00Z')).toMatchObject({ field: 'windowStart' });
    expect(refusal('2024-06-01T00:00:00Z', null as unknown as string)).toMatchObject({ field: 'windowEnd' });
  });
});

describe(usageMonthOf.name, () => {
  it.each<[string, string, string]>([
    ['2024-06-10T00:00:00Z', '2024-06-10T01:00:00Z', '2024-06'],
    // 31 May 23:30 → 1 June 00:30 in Shanghai: counts in May, the month it started
    ['2024-05-31T23:30:00+08:00', '2024-06-01T00:30:00+08:00', '2024-05'],
    // 31 May 16:30 UTC is already 1 June in Shanghai
    ['2024-05-31T16:30:00Z', '2024-05-31T17:30:00Z', '2024-06'],
    ['2024-12-31T23:59:00+08:00', '2025-01-01T00:01:00+08:00', '2024-12'],
  ])('%s – %s counts in %s', (start, end, month) => {
    expect(usageMonthOf(checkUsageWindow(start, end, new Date('2030-01-01T00:00:00Z')))).toBe(month);
  });
});

describe(usageDayOf.name, () => {
  it.each<[string, string, string]>([
    ['2024-06-10T00:00:00+08:00', '2024-06-10T01:00:00+08:00', '2024-06-10'],
    ['2024-06-10T23:30:00+08:00', '2024-06-11T00:30:00+08:00', '2024-06-10'],
    ['2024-06-10T16:00:00Z', '2024-06-10T17:00:00Z', '2024-06-11'],
  ])('%s – %s counts on %s', (start, end, day) => {
    expect(usageDayOf(checkUsageWindow(start, end, new Date('2030-01-01T00:00:00Z')))).toBe(day);
  });
});

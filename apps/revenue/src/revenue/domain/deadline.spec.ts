import { isOverdue, reportDeadline } from './deadline';
import { RevenueError } from './revenue.error';

describe(reportDeadline.name, () => {
  it.each<[string, number | undefined, string]>([
    ['2024-06', undefined, '2024-07-15'],
    ['2024-12', undefined, '2025-01-15'],
    ['2024-06', 1, '2024-07-01'],
    ['2024-06', 10, '2024-07-10'],
    ['2024-06', 31, '2024-07-31'],
    // clamped to the length of the following month
    ['2024-01', 31, '2024-02-29'],
    ['2023-01', 31, '2023-02-28'],
    ['2100-01', 29, '2100-02-28'],
    ['2000-01', 30, '2000-02-29'],
    ['2024-03', 31, '2024-04-30'],
    ['2024-01', 28, '2024-02-28'],
    ['0099-12', 31, '0100-01-31'],
    ['0096-01', 31, '0096-02-29'],
  ])('%s with due day %s is due %s', (month, dueDay, expected) => {
    expect(reportDeadline(month, dueDay)).toBe(expected);
  });

  it.each([0, 32, 15.5, -1, Number.NaN])('refuses a misconfigured due day %s as a bug', (dueDay) => {
    expect(() => reportDeadline('2024-06', dueDay)).toThrow(RangeError);
  });

  it('refuses a malformed month with BAD_USER_INPUT', () => {
    expect(() => reportDeadline('2024-13')).toThrow(RevenueError);
    expect(() => reportDeadline('2024-13')).toThrow(/^month: /);
  });
});

describe(isOverdue.name, () => {
  it.each<[string, string, number | undefined, boolean]>([
    // deadline 2024-07-15 (Shanghai)
    ['2024-06', '2024-06-30T12:00:00Z', undefined, false],
    ['2024-06', '2024-07-15T15:59:59Z', undefined, false], // 23:59:59 on the 15th in Shanghai
    ['2024-06', '2024-07-15T16:00:00Z', undefined, true], // 00:00 on the 16th in Shanghai, still the 15th in UTC
    ['2024-06', '2024-07-15T00:00:00+08:00', undefined, false],
    ['2024-06', '2024-07-16T00:00:00+08:00', undefined, true],
    ['2024-06', '2025-01-01T00:00:00Z', undefined, true],
    // a park-configured due day, clamped: 2024-01 with 31 is due 2024-02-29
    ['2024-01', '2024-02-29T15:59:59Z', 31, false],
    ['2024-01', '2024-02-29T16:00:00Z', 31, true],
    ['2024-06', '2024-07-05T16:00:00Z', 5, true],
    ['2024-06', '2024-07-05T15:00:00Z', 5, false],
    // across the year
    ['2024-12', '2025-01-15T12:00:00Z', undefined, false],
    ['2024-12', '2025-01-16T12:00:00Z', undefined, true],
  ])('%s at %s (due day %s): overdue %s', (month, now, dueDay, expected) => {
    expect(isOverdue(month, new Date(now), dueDay)).toBe(expected);
  });
});

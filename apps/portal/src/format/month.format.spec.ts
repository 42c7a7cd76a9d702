import { formatBytes } from './bytes.format';
import { addMonths, daysSince, formatShanghaiTime, shanghaiMonthOf } from './month.format';

describe('park time and volumes', () => {
  it('puts an instant in its Asia/Shanghai month: 16:00 UTC on the last day is already next month there', () => {
    expect(shanghaiMonthOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(shanghaiMonthOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
  });

  it('steps months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-05', -17)).toBe('2024-12');
  });

  it('shows instants in park time and counts whole days waited', () => {
    expect(formatShanghaiTime('2026-11-30T17:25:00Z')).toBe('2026-12-01 01:25');
    expect(daysSince('2026-11-27T12:00:00Z', new Date('2026-11-30T11:00:00Z'))).toBe(2);
  });

  it('shows bytes in decimal units as carriers bill them', () => {
    expect(formatBytes('999')).toBe('999 B');
    expect(formatBytes('11000000000')).toBe('11.00 GB');
    expect(formatBytes('1099511627776')).toBe('1.10 TB');
    expect(formatBytes('1234567')).toBe('1.23 MB');
  });
});

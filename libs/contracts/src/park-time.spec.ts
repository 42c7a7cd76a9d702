import { addMonths, parkDateOf, parkMonthOf } from './park-time';

describe(parkMonthOf.name, () => {
  it('puts an instant late on the last UTC day of a month into the next Shanghai month', () => {
    expect(parkMonthOf(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
    expect(parkMonthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(parkDateOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});

describe('addMonths', () => {
  it('moves across years both ways and refuses what has no YYYY-MM', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -27)).toBe('2023-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
    expect(() => addMonths('2026-13', 1)).toThrow(RangeError);
    expect(() => addMonths('0000-01', -1)).toThrow(RangeError);
    expect(() => addMonths('2026-01', 0.5)).toThrow(RangeError);
  });
});


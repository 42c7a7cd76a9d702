import { parkDateOf, parkMonthOf } from './park-time';

describe(parkMonthOf.name, () => {
  it('puts an instant late on the last UTC day of a month into the next Shanghai month', () => {
    expect(parkMonthOf(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
    expect(parkMonthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
    expect(parkDateOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });
});

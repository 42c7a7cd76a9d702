import { kpiOf, percentText, sumCounts } from './kpi';

describe(percentText.name, () => {
  it.each<[number, number, number | undefined, string | null]>([
    [5, 5, undefined, '100.00'],
    [0, 5, undefined, '0.00'],
    [1, 3, undefined, '33.33'],
    [2, 3, undefined, '66.67'],
    [5, 6, undefined, '83.33'],
    [5, 6, 0, '83'],
    [5, 6, 4, '83.3333'],
    // exactly half rounds up: 1/8 = 12.5 % → 13 with no places; 1/16 = 6.25 % → 6.3 with one
    [1, 8, 0, '13'],
    [1, 16, 1, '6.3'],
    // just under half rounds down: 1/3 = 33.333… % → 33.3
    [1, 3, 1, '33.3'],
    // rounding carries into the whole part: 99.995 % → 100.00
    [19_998, 20_000, undefined, '99.99'],
    [19_999, 20_000, undefined, '100.00'],
    [39_999, 40_000, undefined, '100.00'],
    [1, 200_000, undefined, '0.00'],
    [1, 199_999, undefined, '0.00'],
    [1, 200, undefined, '0.50'],
    [0, 0, undefined, null],
    [3, 0, undefined, null],
  ])('%i of %i to %s places is %s percent', (n, d, decimals, expected) => {
    expect(percentText(n, d, decimals)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [-1, 3, 2],
    [1, -3, 2],
    [0.5, 3, 2],
    [1, 3, -1],
    [1, 3, 1.5],
  ])('refuses %d / %d to %d places as a bug', (n, d, decimals) => {
    expect(() => percentText(n, d, decimals)).toThrow(RangeError);
  });
});

describe(kpiOf.name, () => {
  it('rates completion over trained and placement over completed', () => {
    expect(kpiOf({ trained: 12, completed: 9, placed: 4 })).toEqual({ trained: 12, completed: 9, placed: 4, completionRate: '75.00', placementRate: '44.44' });
  });

  it('has no rate where there is nothing to divide by', () => {
    expect(kpiOf({ trained: 0, completed: 0, placed: 0 })).toEqual({ trained: 0, completed: 0, placed: 0, completionRate: null, placementRate: null });
    expect(kpiOf({ trained: 4, completed: 0, placed: 0 })).toMatchObject({ completionRate: '0.00', placementRate: null });
  });
});

describe(sumCounts.name, () => {
  it('gives the rate of the totals, not the average of the rates', () => {
    // 1 of 1 (100 %) and 1 of 3 (33.3 %): together 2 of 4 = 50 %, not 66.67 %.
    const total = sumCounts([{ trained: 1, completed: 1, placed: 1 }, { trained: 3, completed: 1, placed: 0 }]);
    expect(total).toEqual({ trained: 4, completed: 2, placed: 1 });
    expect(kpiOf(total)).toMatchObject({ completionRate: '50.00', placementRate: '50.00' });
  });

  it('is zero for no rows', () => {
    expect(sumCounts([])).toEqual({ trained: 0, completed: 0, placed: 0 });
  });
});

import { multiplierText, sumFigures, type MultiplierFigures } from './multiplier';

describe(multiplierText.name, () => {
  it.each<[bigint, bigint, number | undefined, string | null]>([
    // the example: 35,200,000,000 yuan over 4,300,000,000 yuan = 8.18604… → 8.19
    [3_520_000_000_000n, 430_000_000_000n, undefined, '8.19'],
    [3_520_000_000_000n, 430_000_000_000n, 0, '8'],
    [3_520_000_000_000n, 430_000_000_000n, 4, '8.1860'],
    [3_520_000_000_000n, 430_000_000_000n, 6, '8.186047'],
    [100n, 100n, undefined, '1.00'],
    [0n, 100n, undefined, '0.00'],
    [1n, 3n, undefined, '0.33'],
    [2n, 3n, undefined, '0.67'],
    [1n, 1000n, undefined, '0.00'],
    // exactly half rounds up: 0.125 → 0.13, 0.005 → 0.01, 2.5 → 3
    [1n, 8n, undefined, '0.13'],
    [5n, 1000n, undefined, '0.01'],
    [5n, 2n, 0, '3'],
    // just under half rounds down
    [4_999n, 1_000_000n, undefined, '0.00'],
    [124_999n, 1_000_000n, undefined, '0.12'],
    // rounding carries into the whole part
    [9_995n, 1_000n, undefined, '10.00'],
    [999n, 1_000n, 0, '1'],
    [1_000n, 1n, undefined, '1000.00'],
    // beyond float precision: 10^21 + 1 fen over 3 fen
    [10n ** 21n + 1n, 3n, undefined, '333333333333333333333.67'],
    // no input: no ratio
    [5n, 0n, undefined, null],
    [0n, 0n, undefined, null],
  ])('%s fen over %s fen to %s places is %s', (revenueFen, inputFen, decimals, expected) => {
    expect(multiplierText({ revenueFen, inputFen }, decimals)).toBe(expected);
  });

  it.each<[string, MultiplierFigures, number]>([
    ['negative revenue', { revenueFen: -1n, inputFen: 1n }, 2],
    ['negative input', { revenueFen: 1n, inputFen: -1n }, 2],
    ['negative places', { revenueFen: 1n, inputFen: 1n }, -1],
    ['fractional places', { revenueFen: 1n, inputFen: 1n }, 1.5],
  ])('refuses %s as a bug', (_case, figures, decimals) => {
    expect(() => multiplierText(figures, decimals)).toThrow(RangeError);
  });
});

describe(sumFigures.name, () => {
  it('is zero over zero for no rows, which has no multiplier', () => {
    expect(sumFigures([])).toEqual({ revenueFen: 0n, inputFen: 0n });
    expect(multiplierText(sumFigures([]))).toBeNull();
  });

  it('adds both figures exactly', () => {
    expect(sumFigures([{ revenueFen: 1n, inputFen: 2n }, { revenueFen: 10n ** 21n, inputFen: 0n }, { revenueFen: 3n, inputFen: 4n }])).toEqual({ revenueFen: 10n ** 21n + 4n, inputFen: 6n });
  });

  it('gives the ratio of totals, not the average of ratios', () => {
    const total = sumFigures([{ revenueFen: 100n, inputFen: 100n }, { revenueFen: 900n, inputFen: 100n }, { revenueFen: 0n, inputFen: 800n }]);
    expect(multiplierText(total)).toBe('1.00');
  });

  it('has no float drift over thousands of enterprises', () => {
    // 5,000 enterprises of 0.1 yuan revenue over 0.3 yuan input each: floats would drift, fen do not.
    const rows = Array.from({ length: 5_000 }, () => ({ revenueFen: 10n, inputFen: 30n }));
    expect(sumFigures(rows)).toEqual({ revenueFen: 50_000n, inputFen: 150_000n });
    expect(multiplierText(sumFigures(rows), 6)).toBe('0.333333');
  });
});

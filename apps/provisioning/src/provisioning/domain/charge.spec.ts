import { computeCharge, priceBytes, sumCharges, type Charge, type ChargeInput } from './charge';

const GB = 1_000_000_000n;

describe(priceBytes.name, () => {
  it.each<[bigint, bigint, bigint]>([
    [0n, 1234n, 0n],
    [GB, 0n, 0n],
    [GB, 80n, 80n],
    [10n * GB, 80n, 800n],
    // 0.5 GB × 1 fen = 0.5 fen: half rounds up.
    [GB / 2n, 1n, 1n],
    // just under half a fen rounds down
    [GB / 2n - 1n, 1n, 0n],
    // 1.5 GB × 3 fen = 4.5 fen → 5; 1.4999999999 GB × 3 fen → 4
    [(3n * GB) / 2n, 3n, 5n],
    [(3n * GB) / 2n - 1n, 3n, 4n],
    // 1 byte at 1 fen/GB is a billionth of a fen
    [1n, 1n, 0n],
    // beyond float precision: 10^22 bytes at 123 fen/GB is exactly 1.23 × 10^15 fen
    [10n ** 22n, 123n, 1_230_000_000_000_000n],
    [10n ** 22n + 1n, 123n, 1_230_000_000_000_000n],
    // 9007199254740993 bytes × 7 fen/GB = 63050394.783186951 fen → 63050395
    [9_007_199_254_740_993n, 7n, 63_050_395n],
  ])('%s bytes at %s fen/GB cost %s fen', (bytes, fenPerGb, expected) => {
    expect(priceBytes(bytes, fenPerGb)).toBe(expected);
  });

  it.each<[bigint, bigint]>([
    [-1n, 1n],
    [1n, -1n],
  ])('refuses negative figures (%s bytes, %s fen/GB) as a bug', (bytes, fenPerGb) => {
    expect(() => priceBytes(bytes, fenPerGb)).toThrow(RangeError);
  });
});

describe(computeCharge.name, () => {
  const base = { includedBytes: 100n * GB, parkPriceFenPerGb: 30n, marketPriceFenPerGb: 100n };

  it.each<[string, ChargeInput, Charge]>([
    [
      'under quota, bill: every byte at the park price',
      { ...base, usedBytes: 40n * GB, overagePolicy: 'bill' },
      { billableBytes: 40n * GB, overageBytes: 0n, chargeFen: 1200n, marketValueFen: 4000n, savingFen: 2800n },
    ],
    [
      'under quota, block: the same as bill',
      { ...base, usedBytes: 40n * GB, overagePolicy: 'block' },
      { billableBytes: 40n * GB, overageBytes: 0n, chargeFen: 1200n, marketValueFen: 4000n, savingFen: 2800n },
    ],
    [
      'exactly at quota, throttle: no overage',
      { ...base, usedBytes: 100n * GB, overagePolicy: 'throttle' },
      { billableBytes: 100n * GB, overageBytes: 0n, chargeFen: 3000n, marketValueFen: 10000n, savingFen: 7000n },
    ],
    [
      'over quota, bill: the overage is billed too',
      { ...base, usedBytes: 150n * GB, overagePolicy: 'bill' },
      { billableBytes: 150n * GB, overageBytes: 50n * GB, chargeFen: 4500n, marketValueFen: 15000n, savingFen: 10500n },
    ],
    [
      'over quota, block: billed up to the quota, overage reported',
      { ...base, usedBytes: 150n * GB, overagePolicy: 'block' },
      { billableBytes: 100n * GB, overageBytes: 50n * GB, chargeFen: 3000n, marketValueFen: 10000n, savingFen: 7000n },
    ],
    [
      'over quota, throttle: billed up to the quota, overage reported',
      { ...base, usedBytes: 100n * GB + 1n, overagePolicy: 'throttle' },
      { billableBytes: 100n * GB, overageBytes: 1n, chargeFen: 3000n, marketValueFen: 10000n, savingFen: 7000n },
    ],
    [
      'no usage',
      { ...base, usedBytes: 0n, overagePolicy: 'bill' },
      { billableBytes: 0n, overageBytes: 0n, chargeFen: 0n, marketValueFen: 0n, savingFen: 0n },
    ],
    [
      'no included traffic, block: nothing billable, all overage',
      { ...base, includedBytes: 0n, usedBytes: 7n * GB, overagePolicy: 'block' },
      { billableBytes: 0n, overageBytes: 7n * GB, chargeFen: 0n, marketValueFen: 0n, savingFen: 0n },
    ],
    [
      'park dearer than market: negative saving',
      { ...base, parkPriceFenPerGb: 120n, usedBytes: 10n * GB, overagePolicy: 'bill' },
      { billableBytes: 10n * GB, overageBytes: 0n, chargeFen: 1200n, marketValueFen: 1000n, savingFen: -200n },
    ],
    [
      'each figure rounded half up on its own: 1.5 GB at 3 and 5 fen',
      { ...base, parkPriceFenPerGb: 3n, marketPriceFenPerGb: 5n, usedBytes: (3n * GB) / 2n, overagePolicy: 'bill' },
      { billableBytes: (3n * GB) / 2n, overageBytes: 0n, chargeFen: 5n, marketValueFen: 8n, savingFen: 3n },
    ],
  ])('%s', (_case, input, expected) => {
    expect(computeCharge(input)).toEqual(expected);
  });
});

describe(sumCharges.name, () => {
  it('is all zeros for no charges', () => {
    expect(sumCharges([])).toEqual({ billableBytes: 0n, overageBytes: 0n, chargeFen: 0n, marketValueFen: 0n, savingFen: 0n });
  });

  it('adds every field, negative savings included', () => {
    const a: Charge = { billableBytes: 1n, overageBytes: 2n, chargeFen: 3n, marketValueFen: 4n, savingFen: 1n };
    const b: Charge = { billableBytes: 10n, overageBytes: 20n, chargeFen: 300n, marketValueFen: 40n, savingFen: -260n };
    const c: Charge = { billableBytes: 10n ** 20n, overageBytes: 0n, chargeFen: 10n ** 18n, marketValueFen: 10n ** 19n, savingFen: 9n * 10n ** 18n };
    expect(sumCharges([a, b, c])).toEqual({
      billableBytes: 10n ** 20n + 11n,
      overageBytes: 22n,
      chargeFen: 10n ** 18n + 303n,
      marketValueFen: 10n ** 19n + 44n,
      savingFen: 9n * 10n ** 18n - 259n,
    });
  });

  it('adds rounded lines, so the total equals the lines shown', () => {
    const line = computeCharge({ usedBytes: GB / 2n, includedBytes: GB, parkPriceFenPerGb: 1n, marketPriceFenPerGb: 1n, overagePolicy: 'bill' });
    expect(sumCharges([line, line]).chargeFen).toBe(2n);
  });
});

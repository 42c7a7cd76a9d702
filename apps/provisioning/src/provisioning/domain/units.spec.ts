import { ProvisioningError } from './provisioning.error';
import { BYTES_PER_GB, parseNonNegativeBigInt } from './units';

describe('BYTES_PER_GB', () => {
  it('is a decimal gigabyte', () => {
    expect(BYTES_PER_GB).toBe(10n ** 9n);
  });
});

describe(parseNonNegativeBigInt.name, () => {
  it.each<[string | number, bigint]>([
    [0, 0n],
    [-0, 0n],
    [1, 1n],
    [Number.MAX_SAFE_INTEGER, 9007199254740991n],
    ['0', 0n],
    ['42', 42n],
    ['9007199254740993', 9007199254740993n],
    ['9'.repeat(25), 10n ** 25n - 1n],
  ])('accepts %j as %s', (value, expected) => {
    expect(parseNonNegativeBigInt('bytesIn', value)).toBe(expected);
  });

  it.each<[string | number]>([
    [-1],
    [1.5],
    [Number.MAX_SAFE_INTEGER + 1],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [''],
    ['-1'],
    ['+1'],
    ['01'],
    ['1.0'],
    ['1e3'],
    [' 1'],
    ['1 '],
    ['0x10'],
    ['1'.repeat(26)],
  ])('refuses %j with BAD_USER_INPUT naming the field', (value) => {
    let error: unknown;
    try {
      parseNonNegativeBigInt('bytesOut', value);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'bytesOut', message: expect.stringMatching(/^bytesOut: /) });
  });

  it('refuses values of other types that slip past the type checker (raw JSON)', () => {
    for (const value of [null, undefined, true, {}, 1n] as unknown as Array<string | number>) {
      expect(() => parseNonNegativeBigInt('bytesIn', value)).toThrow(ProvisioningError);
    }
  });

  it('keeps the message short for a huge value', () => {
    expect(() => parseNonNegativeBigInt('bytesIn', 'x'.repeat(10_000))).toThrow(/^bytesIn: .{0,200}$/);
  });
});

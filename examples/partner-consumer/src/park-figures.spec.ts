import { formatYuan, ratio } from './park-figures';

describe('park figures in yuan', () => {
  it.each<[bigint | string, string]>([
    [0n, '0.00'],
    [5n, '0.05'],
    [123456789n, '1,234,567.89'],
    ['-225000', '-2,250.00'],
    [3_520_000_000_000n, '35,200,000,000.00'],
    [18014398509481985n, '180,143,985,094,819.85'],
  ])('formats %s fen as %s yuan, exactly', (fen, yuan) => {
    expect(formatYuan(fen)).toBe(yuan);
  });

  it('rounds the multiplier half up to two decimals in integers, and has none without input', () => {
    expect(ratio(3_520_000_000_000n, 430_000_000_000n)).toBe('8.19');
    expect(ratio(96000n, 12000n)).toBe('8.00');
    expect(ratio(1005n, 1000n)).toBe('1.01');
    expect(ratio(1004n, 1000n)).toBe('1.00');
    expect(ratio(5n, 0n)).toBeNull();
  });
});

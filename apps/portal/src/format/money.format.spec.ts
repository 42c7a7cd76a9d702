import { fenToChartYuan, formatYuan, formatYuanCompact, parseYuanToFen, toFen } from './money.format';

describe('money formatting', () => {
  it('shows exact yuan from integer fen, grouped, two decimals', () => {
    expect(formatYuan('123456', 'zh')).toBe('1,234.56 元');
    expect(formatYuan(5, 'en')).toBe('0.05 yuan');
    expect(formatYuan(0n, 'zh')).toBe('0.00 元');
    expect(formatYuan('-1050', 'zh')).toBe('-10.50 元');
  });

  it('keeps every digit of park-sized sums (beyond 2^53 fen)', () => {
    // 35.2 billion yuan of revenue, plus one fen: a float would lose the fen.
    expect(formatYuan('3520000000001', 'zh')).toBe('35,200,000,000.01 元');
    expect(formatYuan('900719925474099312', 'en')).toBe('9,007,199,254,740,993.12 yuan');
  });

  it('scales headline figures to 亿元/万元 (Chinese) and bn/m yuan (English), rounding half up', () => {
    expect(formatYuanCompact('3520000000000', 'zh')).toBe('352.00 亿元');
    expect(formatYuanCompact('3520000000000', 'en')).toBe('35.20 bn yuan');
    expect(formatYuanCompact('430000000000', 'zh')).toBe('43.00 亿元');
    expect(formatYuanCompact('1234500', 'zh')).toBe('1.23 万元');
    expect(formatYuanCompact('1235000', 'zh')).toBe('1.24 万元');
    expect(formatYuanCompact('99999999', 'en')).toBe('999,999.99 yuan');
    expect(formatYuanCompact('100000000', 'en')).toBe('1.00 m yuan');
    expect(formatYuanCompact('99999999999', 'en')).toBe('1,000.00 m yuan');
    expect(formatYuanCompact('96000', 'zh')).toBe('960.00 元');
    expect(formatYuanCompact('96000', 'en')).toBe('960.00 yuan');
  });

  it('refuses fen that are not integers instead of guessing', () => {
    expect(() => toFen('12.5')).toThrow(RangeError);
    expect(() => toFen(0.1)).toThrow(RangeError);
    expect(() => toFen('1e3')).toThrow(RangeError);
  });

  it('reads yuan typed by a person as integer fen', () => {
    expect(parseYuanToFen('960')).toBe(96000n);
    expect(parseYuanToFen('1,234.5')).toBe(123450n);
    expect(parseYuanToFen(' 0.07 ')).toBe(7n);
    expect(parseYuanToFen('1.234')).toBeUndefined();
    expect(parseYuanToFen('-5')).toBeUndefined();
    expect(parseYuanToFen('abc')).toBeUndefined();
    expect(parseYuanToFen('')).toBeUndefined();
  });

  it('gives charts a number of yuan', () => {
    expect(fenToChartYuan('96000')).toBe(960);
  });
});

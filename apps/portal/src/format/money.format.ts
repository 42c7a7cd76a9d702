/**
 * Money arrives as integer fen (decimal strings or integers) and is shown in
 * yuan; all arithmetic is on bigint, so 35,200,000,000 yuan stays exact.
 */
export type Locale = 'zh' | 'en';

const FEN_PER_YUAN = 100n;

/** Parses integer fen (string, number or bigint); throws on anything that is not an integer. */
export function toFen(value: string | number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`fen must be an integer: ${value}`);
    return BigInt(value);
  }
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) throw new RangeError(`fen must be an integer: "${value}"`);
  return BigInt(text);
}

/** a ÷ b rounded half away from zero, both bigint. */
function divRound(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (x * 2n + y) / (y * 2n);
  return negative ? -q : q;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A value in hundredths as "1,234.56". */
function hundredths(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = groupThousands((abs / 100n).toString());
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** Exact yuan with two decimals: 123456 fen → "1,234.56 元" / "1,234.56 yuan". */
export function formatYuan(fen: string | number | bigint, locale: Locale): string {
  return `${hundredths(toFen(fen))} ${locale === 'zh' ? '元' : 'yuan'}`;
}

/** Units a headline figure is scaled to, largest first, in yuan. */
const COMPACT_UNITS: Record<Locale, Array<{ yuan: bigint; suffix: string }>> = {
  zh: [{ yuan: 100_000_000n, suffix: '亿元' }, { yuan: 10_000n, suffix: '万元' }],
  en: [{ yuan: 1_000_000_000n, suffix: 'bn yuan' }, { yuan: 1_000_000n, suffix: 'm yuan' }],
};

/**
 * A headline figure: 3,520,000,000,000 fen → "352.00 亿元" / "35.20 bn yuan";
 * below the smallest unit, exact yuan. Two decimals, rounded half up.
 */
export function formatYuanCompact(fen: string | number | bigint, locale: Locale): string {
  const value = toFen(fen);
  const abs = value < 0n ? -value : value;
  for (const unit of COMPACT_UNITS[locale]) {
    const unitFen = unit.yuan * FEN_PER_YUAN;
    if (abs >= unitFen) return `${hundredths(divRound(value * 100n, unitFen))} ${unit.suffix}`;
  }
  return formatYuan(value, locale);
}

/** Yuan typed by a person ("1,234.5", "96000") as integer fen; undefined when it is not an amount. */
export function parseYuanToFen(input: string): bigint | undefined {
  const text = input.replace(/[,\s，]/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  return BigInt(match[1]!) * FEN_PER_YUAN + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Fen as a number of yuan for a chart's axis only (never for arithmetic shown as a figure). */
export function fenToChartYuan(fen: string | number | bigint): number {
  return Number(toFen(fen)) / 100;
}

import { checkFigures } from './report-figures';
import { RevenueError } from './revenue.error';

type Input = Parameters<typeof checkFigures>[0];

const LINES = ['live-commerce', 'advertising', 'services', 'product-sales'] as const;

const VALID: Input = {
  revenueFen: '1000000',
  taxFen: '60000',
  employees: 12,
  localHires: 7,
  lines: [
    { line: 'live-commerce', amountFen: '700000' },
    { line: 'advertising', amountFen: '300000' },
  ],
};

function refusal(input: Input, allowed: readonly string[] = LINES): unknown {
  try {
    checkFigures(input, allowed);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe(checkFigures.name, () => {
  it('turns fen into bigint and keeps the lines in order', () => {
    expect(checkFigures(VALID, LINES)).toEqual({
      revenueFen: 1_000_000n,
      taxFen: 60_000n,
      employees: 12,
      localHires: 7,
      lines: [
        { line: 'live-commerce', amountFen: 700_000n },
        { line: 'advertising', amountFen: 300_000n },
      ],
    });
  });

  it.each<[string, Partial<Input>]>([
    ['no breakdown: nothing to sum', { lines: [] }],
    ['all zeros', { revenueFen: '0', taxFen: '0', employees: 0, localHires: 0, lines: [] }],
    ['zero lines summing to zero revenue', { revenueFen: '0', lines: [{ line: 'services', amountFen: '0' }] }],
    ['every local', { employees: 5, localHires: 5 }],
    ['tax above revenue', { revenueFen: '100', taxFen: '5000', lines: [] }],
    ['a zero line beside the others', { lines: [...VALID.lines, { line: 'services', amountFen: '0' }] }],
  ])('accepts %s', (_case, change) => {
    expect(refusal({ ...VALID, ...change })).toBeUndefined();
  });

  it('is exact beyond float precision, at the 21-digit limit', () => {
    const big = '999999999999999999999';
    const figures = checkFigures({ ...VALID, revenueFen: big, lines: [{ line: 'services', amountFen: '999999999999999999998' }, { line: 'advertising', amountFen: '1' }] }, LINES);
    expect(figures.revenueFen).toBe(999_999_999_999_999_999_999n);
    expect(figures.lines.map((l) => l.amountFen)).toEqual([999_999_999_999_999_999_998n, 1n]);
  });

  it.each<[string, Partial<Input>, string, RegExp]>([
    ['revenue with a decimal point', { revenueFen: '100.5' }, 'revenueFen', /^revenueFen: must be whole fen/],
    ['negative revenue', { revenueFen: '-1' }, 'revenueFen', /^revenueFen: must be whole fen/],
    ['revenue with a leading zero', { revenueFen: '0100' }, 'revenueFen', /^revenueFen: /],
    ['revenue with an exponent', { revenueFen: '1e6' }, 'revenueFen', /^revenueFen: /],
    ['revenue with a plus sign', { revenueFen: '+5' }, 'revenueFen', /^revenueFen: /],
    ['revenue of 22 digits', { revenueFen: '1'.repeat(22) }, 'revenueFen', /^revenueFen: /],
    ['empty revenue', { revenueFen: '' }, 'revenueFen', /^revenueFen: /],
    ['revenue as a JSON number', { revenueFen: 1000000 as unknown as string }, 'revenueFen', /^revenueFen: .*got 1000000$/],
    ['negative tax', { taxFen: '-60000' }, 'taxFen', /^taxFen: must be whole fen/],
    ['tax with spaces', { taxFen: ' 60000' }, 'taxFen', /^taxFen: /],
    ['fractional employees', { employees: 12.5 }, 'employees', /^employees: must be a whole number/],
    ['negative employees', { employees: -1, localHires: 0 }, 'employees', /^employees: /],
    ['employees as NaN', { employees: Number.NaN }, 'employees', /^employees: /],
    ['employees as a string', { employees: '12' as unknown as number }, 'employees', /^employees: /],
    ['negative local hires', { localHires: -1 }, 'localHires', /^localHires: must be a whole number/],
    ['more local hires than employees', { employees: 12, localHires: 13 }, 'localHires', /^localHires: cannot exceed employees \(12\), got 13$/],
    ['a line not configured', { lines: [{ line: 'gambling', amountFen: '1000000' }] }, 'lines[0].line', /^lines\[0\]\.line: must be one of the park's revenue lines \(live-commerce, advertising, services, product-sales\), got "gambling"$/],
    ['a line in the wrong case', { lines: [{ line: 'Services', amountFen: '1000000' }] }, 'lines[0].line', /^lines\[0\]\.line: /],
    ['a line given twice', { lines: [{ line: 'services', amountFen: '500000' }, { line: 'services', amountFen: '500000' }] }, 'lines[1].line', /^lines\[1\]\.line: services is given more than once$/],
    ['a line amount with a decimal point', { lines: [{ line: 'services', amountFen: '1000000' }, { line: 'advertising', amountFen: '0.5' }] }, 'lines[1].amountFen', /^lines\[1\]\.amountFen: must be whole fen/],
    ['a negative line amount', { lines: [{ line: 'services', amountFen: '-1' }] }, 'lines[0].amountFen', /^lines\[0\]\.amountFen: /],
    ['lines short of revenue by a fen', { lines: [{ line: 'services', amountFen: '999999' }] }, 'lines', /^lines: the lines sum to 999999 fen but revenueFen is 1000000 fen$/],
    ['lines over revenue', { lines: [{ line: 'services', amountFen: '700000' }, { line: 'advertising', amountFen: '300001' }] }, 'lines', /^lines: the lines sum to 1000001 fen but revenueFen is 1000000 fen$/],
    ['lines given for zero revenue', { revenueFen: '0', lines: [{ line: 'services', amountFen: '1' }] }, 'lines', /^lines: the lines sum to 1 fen but revenueFen is 0 fen$/],
    ['lines that are not a list', { lines: null as unknown as Input['lines'] }, 'lines', /^lines: must be a list/],
    ['a line that is not an object', { lines: [null as unknown as Input['lines'][number]] }, 'lines[0]', /^lines\[0\]: must be \{ line, amountFen \}/],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_case, change, field, message) => {
    const error = refusal({ ...VALID, ...change });
    expect(error).toBeInstanceOf(RevenueError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field, message: expect.stringMatching(message) });
  });

  it('refuses every line when the park configured none', () => {
    expect(refusal(VALID, [])).toMatchObject({ field: 'lines[0].line', message: expect.stringContaining('none configured') });
  });

  it('puts both sums in the details of a mismatch', () => {
    expect(refusal({ ...VALID, lines: [{ line: 'services', amountFen: '5' }] })).toMatchObject({ details: { linesFen: '5', revenueFen: '1000000' } });
  });

  it('reports the first problem in field order', () => {
    expect(refusal({ ...VALID, revenueFen: 'x', taxFen: 'y', employees: -1 })).toMatchObject({ field: 'revenueFen' });
    expect(refusal({ ...VALID, taxFen: 'y', employees: -1 })).toMatchObject({ field: 'taxFen' });
  });
});

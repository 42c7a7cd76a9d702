import { toCsv } from './revenue-csv';

const BOM = '\uFEFF';

describe(toCsv.name, () => {
  it('starts with a BOM and ends every record with CRLF', () => {
    expect(toCsv(['月份', '企业'], [['2026-10', '数据谷直播有限公司']])).toBe(`${BOM}月份,企业\r\n2026-10,数据谷直播有限公司\r\n`);
  });

  it('writes the header alone when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe(`${BOM}a,b\r\n`);
  });

  it('writes numbers and bigints as they are, beyond float precision', () => {
    expect(toCsv(['n', 'fen', 'neg'], [[12, 123_456_789_012_345_678_901n, -5n]])).toBe(`${BOM}n,fen,neg\r\n12,123456789012345678901,-5\r\n`);
  });

  it.each<[string, string, string]>([
    ['plain text', 'services', 'services'],
    ['empty text', '', ''],
    ['a comma', 'Valley, Ltd', '"Valley, Ltd"'],
    ['a quote', 'the "best" shop', '"the ""best"" shop"'],
    ['only a quote', '"', '""""'],
    ['a line feed', 'line one\nline two', '"line one\nline two"'],
    ['a carriage return inside', 'a\rb', '"a\rb"'],
    ['CRLF', 'a\r\nb', '"a\r\nb"'],
    ['Chinese punctuation (not a separator)', '直播，电商', '直播，电商'],
    ['a quote in the middle without other specials', 'O"Neil', '"O""Neil"'],
    ['a semicolon (not a separator in RFC 4180)', 'a;b', 'a;b'],
    // formula injection
    ['a formula', '=1+1', "'=1+1"],
    ['a DDE payload', '=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['a plus formula', '+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['a minus formula', '-2+3', "'-2+3"],
    ['an at formula', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab-led formula', '\t=1+1', "'\t=1+1"],
    ['a CR-led formula, quoted after defusing', '\r=1+1', '"\'\r=1+1"'],
    ['a formula with a comma, defused then quoted', '=HYPERLINK("http://x",1)', '"\'=HYPERLINK(""http://x"",1)"'],
    ['a lone minus', '-', "'-"],
    ['an equals sign later on', 'a=b', 'a=b'],
    // plain numbers written as text stay numbers
    ['a negative number as text', '-1250', '-1250'],
    ['a negative decimal as text', '-3.75', '-3.75'],
    ['a signed positive number as text', '+42', '+42'],
    ['a negative number in exponent form (not plain)', '-1e3', "'-1e3"],
  ])('writes %s', (_case, value, expected) => {
    expect(toCsv(['x'], [[value]])).toBe(`${BOM}x\r\n${expected}\r\n`);
  });

  it('defuses and quotes the header like any other record', () => {
    expect(toCsv(['=x', 'a,b'], [[1, 2]])).toBe(`${BOM}'=x,"a,b"\r\n1,2\r\n`);
  });

  it('keeps the BOM once, at the start only', () => {
    const csv = toCsv(['a'], [['x'], ['y']]);
    expect(csv.split(BOM)).toHaveLength(2);
    expect(csv.startsWith(BOM)).toBe(true);
  });

  it.each<[string, Array<Array<string | number | bigint>>, string]>([
    ['a short row', [['1', '2'], ['1']], 'toCsv: row 1 has 1 fields, the header 2'],
    ['a long row', [['1', '2', '3']], 'toCsv: row 0 has 3 fields, the header 2'],
  ])('refuses %s as a bug', (_case, rows, message) => {
    expect(() => toCsv(['a', 'b'], rows)).toThrow(new RangeError(message));
  });
});

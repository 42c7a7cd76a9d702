/** Excel reads a file without a byte-order mark in the local code page and garbles Chinese text. */
const BOM = '\uFEFF';

// RFC 4180 ends records with CRLF; every record, the last included, so files concatenate cleanly.
const CRLF = '\r\n';

/**
 * A cell starting with one of these is a formula to a spreadsheet (tab and CR too, per OWASP:
 * some spreadsheets skip them and read what follows).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

// A plain number such as -1250 or +3.5 cannot run anything, and must stay a number in the sheet.
const PLAIN_NUMBER = /^[-+]?[0-9]+(\.[0-9]+)?$/;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A CSV file (RFC 4180, UTF-8 with a BOM, CRLF) for the park's statistics office. Text is
 * defused against formula injection, since enterprise-supplied names end up in its
 * spreadsheets: a cell that would start a formula gets a leading apostrophe, which
 * spreadsheets show as text. Numbers and bigints are written as they are.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | bigint>>): string {
  rows.forEach((row, i) => {
    // A short or long row would shift every later column under the wrong heading.
    if (row.length !== header.length) throw new RangeError(`toCsv: row ${i} has ${row.length} fields, the header ${header.length}`);
  });
  return BOM + [header, ...rows].map((record) => record.map(toField).join(',') + CRLF).join('');
}

function toField(value: string | number | bigint): string {
  const text = typeof value === 'string' ? defuse(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function defuse(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

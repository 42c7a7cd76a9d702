import { RevenueError, RevenueErrorCode } from './revenue.error';

/** One line of the revenue breakdown (a park-configured name such as live-commerce commission). */
export interface ReportLine {
  line: string;
  amountFen: bigint;
}

/** A monthly operating report's figures, checked and in integer fen. */
export interface ReportFigures {
  revenueFen: bigint;
  taxFen: bigint;
  employees: number;
  localHires: number;
  lines: ReportLine[];
}

interface FiguresInput {
  revenueFen: string;
  taxFen: string;
  employees: number;
  localHires: number;
  lines: Array<{ line: string; amountFen: string }>;
}

// The Fen of the event contracts: no sign, no leading zeros, no exponent, at most 21 digits, so
// whatever is accepted here can be published and a hostile string cannot make an enormous bigint.
const FEN = /^(0|[1-9][0-9]{0,20})$/;

/**
 * The figures as an enterprise submits them, checked field by field; the first problem is
 * refused with BAD_USER_INPUT naming its field. Tax is not compared with revenue: a month's
 * tax can exceed its revenue (taxes on earlier income, property and payroll taxes).
 */
export function checkFigures(input: FiguresInput, allowedLines: readonly string[]): ReportFigures {
  const revenueFen = parseFen('revenueFen', input.revenueFen);
  const taxFen = parseFen('taxFen', input.taxFen);
  const employees = parseCount('employees', input.employees);
  const localHires = parseCount('localHires', input.localHires);
  if (localHires > employees) invalid('localHires', `cannot exceed employees (${employees}), got ${localHires}`);
  const lines = parseLines(input.lines, allowedLines);
  checkLinesSum(lines, revenueFen);
  return { revenueFen, taxFen, employees, localHires, lines };
}

function parseLines(raw: FiguresInput['lines'], allowedLines: readonly string[]): ReportLine[] {
  if (!Array.isArray(raw)) invalid('lines', `must be a list of { line, amountFen }, got ${describe(raw)}`);
  const seen = new Set<string>();
  return raw.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null) invalid(`lines[${i}]`, `must be { line, amountFen }, got ${describe(entry)}`);
    const field = `lines[${i}].line`;
    if (typeof entry.line !== 'string' || !allowedLines.includes(entry.line)) {
      invalid(field, `must be one of the park's revenue lines (${allowedLines.join(', ') || 'none configured'}), got ${describe(entry.line)}`);
    }
    // A line given twice would be counted twice in every breakdown built on it.
    if (seen.has(entry.line)) invalid(field, `${entry.line} is given more than once`);
    seen.add(entry.line);
    return { line: entry.line, amountFen: parseFen(`lines[${i}].amountFen`, entry.amountFen) };
  });
}

/** A breakdown is optional, but a given one must account for the revenue to the fen. */
function checkLinesSum(lines: ReportLine[], revenueFen: bigint): void {
  if (lines.length === 0) return;
  const sum = lines.reduce((total, l) => total + l.amountFen, 0n);
  if (sum !== revenueFen) invalid('lines', `the lines sum to ${sum} fen but revenueFen is ${revenueFen} fen`, { linesFen: sum.toString(), revenueFen: revenueFen.toString() });
}

// Strings only: a JSON number loses exactness above 2^53, and money must not.
function parseFen(field: string, value: string): bigint {
  if (typeof value !== 'string' || !FEN.test(value)) {
    invalid(field, `must be whole fen as a decimal string (no sign, no leading zeros, at most 21 digits), got ${describe(value)}`);
  }
  return BigInt(value);
}

function parseCount(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) invalid(field, `must be a whole number of people, 0 or more, got ${describe(value)}`);
  return value;
}

// Echo the offending value without letting a huge string blow up the message.
function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function invalid(field: string, reason: string, details: Record<string, unknown> = {}): never {
  throw new RevenueError(RevenueErrorCode.InvalidInput, `${field}: ${reason}`, field, details);
}

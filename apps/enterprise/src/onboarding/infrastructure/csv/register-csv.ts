import { parse } from 'csv-parse/sync';
import type { ImportRow, ImportRowError } from '../../application/import-residents/import-row';

/** Column headers of the register, as the park's spreadsheet has them (snake_case). */
const COLUMNS: Record<string, keyof Omit<ImportRow, 'line'>> = {
  uscc: 'uscc',
  name: 'name',
  legal_representative: 'legalRepresentative',
  contact_phone: 'contactPhone',
  contact_email: 'contactEmail',
  industry: 'industry',
  registered_capital_fen: 'registeredCapitalFen',
  planned_bandwidth_mbps: 'plannedBandwidthMbps',
  planned_monthly_traffic_bytes: 'plannedMonthlyTrafficBytes',
  headcount: 'headcount',
  admitted_month: 'admittedMonth',
};

const REQUIRED = Object.keys(COLUMNS).filter((c) => c !== 'admitted_month');

export interface ParsedRegister {
  rows: ImportRow[];
  /** Rows that could not be read at all (wrong column count, …). */
  errors: ImportRowError[];
}

/**
 * Reads the register CSV (UTF-8, optional BOM, header row). Line numbers are
 * the file's, so an administrator can find the row.
 */
export function parseRegisterCsv(text: string): ParsedRegister {
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as Array<{ record: string[]; info: { lines: number } }>;
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, field: 'header', reason: 'the file is empty' }] };
  const names = header.record.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) return { rows: [], errors: [{ line: header.info.lines, field: 'header', reason: `missing columns: ${missing.join(', ')}` }] };
  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  for (const { record, info } of body) {
    if (record.length !== names.length) {
      errors.push({ line: info.lines, field: 'row', reason: `has ${record.length} fields, the header has ${names.length}` });
      continue;
    }
    const row: Partial<ImportRow> = { line: info.lines };
    names.forEach((name, i) => {
      const key = COLUMNS[name];
      if (key) row[key] = record[i] ?? '';
    });
    rows.push(row as ImportRow);
  }
  return { rows, errors };
}

export const REGISTER_COLUMNS = Object.keys(COLUMNS);

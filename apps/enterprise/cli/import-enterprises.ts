/**
 * npm run import:enterprises -- register.csv [--url http://127.0.0.1:4001/graphql] [--batch 500]
 *
 * Imports the park's existing residents through the enterprise service's
 * admin mutation, in parts, with a progress bar; prints a summary and every
 * row error (line, field, reason). Exit code 0: all rows imported or already
 * present; 2: some rows failed (the others are in); 1: the import could not run.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IDENTITY_HEADER, signIdentity } from '@valley/platform';
import { localIdentitySecret } from '../../../infra/local/identity-secret';
import type { ImportRow, ImportRowError } from '../src/onboarding/application/import-residents/import-row';
import { parseRegisterCsv } from '../src/onboarding/infrastructure/csv/register-csv';

const MUTATION = `mutation Import($rows: [ImportRowInput!]!) { importResidents(rows: $rows) { imported alreadyPresent failed errors { line field reason } } }`;

interface Summary {
  imported: number;
  alreadyPresent: number;
  failed: number;
  errors: ImportRowError[];
}

function progress(done: number, total: number, summary: Summary): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} rows  imported ${summary.imported}  present ${summary.alreadyPresent}  failed ${summary.failed}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

async function send(url: string, rows: ImportRow[]): Promise<Summary> {
  const header = signIdentity({ subject: 'register-import', role: 'park-admin' }, localIdentitySecret(), 300);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: header }, body: JSON.stringify({ query: MUTATION, variables: { rows } }) }).catch(() => {
    throw new Error(`cannot reach the enterprise service at ${url} (is npm start running? --url sets another address)`);
  });
  const body = (await res.json()) as { data?: { importResidents: Summary } | null; errors?: Array<{ message: string }> };
  if (!body.data?.importResidents) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`);
  return body.data.importResidents;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, batch: { type: 'string', default: '500' } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: npm run import:enterprises -- register.csv [--url URL] [--batch N]\n');
    return 1;
  }
  const url = values.url ?? process.env['ENTERPRISE_GRAPHQL_URL'] ?? 'http://127.0.0.1:4001/graphql';
  const batch = Math.min(1000, Math.max(1, Number(values.batch)));
  const parsed = parseRegisterCsv(readFileSync(file, 'utf8'));
  const summary: Summary = { imported: 0, alreadyPresent: 0, failed: parsed.errors.length, errors: [...parsed.errors] };
  const total = parsed.rows.length + parsed.errors.length;
  progress(parsed.errors.length, total, summary);
  for (let i = 0; i < parsed.rows.length; i += batch) {
    const part = await send(url, parsed.rows.slice(i, i + batch));
    summary.imported += part.imported;
    summary.alreadyPresent += part.alreadyPresent;
    summary.failed += part.failed;
    summary.errors.push(...part.errors);
    progress(parsed.errors.length + Math.min(i + batch, parsed.rows.length), total, summary);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(`import of ${file}: ${summary.imported} imported, ${summary.alreadyPresent} already present, ${summary.failed} failed\n`);
  for (const e of summary.errors.sort((a, b) => a.line - b.line)) process.stdout.write(`  line ${e.line}  ${e.field}: ${e.reason}\n`);
  return summary.failed > 0 ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`\nimport failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

/**
 * npm run export:revenue -- 2026-10 [--out revenue-2026-10.csv] [--url http://127.0.0.1:4003/graphql]
 *
 * Writes a month's accepted revenue reports as CSV for the park's statistics
 * office, through the revenue service's admin query.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IDENTITY_HEADER, signIdentity } from '@valley/platform';
import { localIdentitySecret } from '../../../infra/local/identity-secret';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, url: { type: 'string' } } });
  const month = positionals[0];
  if (!month || !/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month)) {
    process.stderr.write('usage: npm run export:revenue -- YYYY-MM [--out FILE] [--url URL]\n');
    return 1;
  }
  const url = values.url ?? process.env['REVENUE_GRAPHQL_URL'] ?? 'http://127.0.0.1:4003/graphql';
  const out = values.out ?? `revenue-${month}.csv`;
  const header = signIdentity({ subject: 'revenue-export', role: 'park-admin' }, localIdentitySecret(), 300);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: header }, body: JSON.stringify({ query: 'query E($m: String!) { revenueExportCsv(month: $m) }', variables: { m: month } }) }).catch(() => {
    throw new Error(`cannot reach the revenue service at ${url} (is npm start running? --url sets another address)`);
  });
  const body = (await res.json()) as { data?: { revenueExportCsv: string } | null; errors?: Array<{ message: string }> };
  if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`);
  writeFileSync(out, body.data.revenueExportCsv);
  const rows = body.data.revenueExportCsv.split('\r\n').filter(Boolean).length - 1;
  process.stdout.write(`${rows} accepted reports of ${month} written to ${out}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`export failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

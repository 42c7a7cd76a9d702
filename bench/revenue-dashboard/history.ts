import { randomUUID } from 'node:crypto';
import { now } from '../relay/stats';
import { log } from '../relay/support';
import type { BenchDatabase } from '../usage-ingest/setup';

export interface HistoryTotals {
  /** Enterprise-months loaded. */
  pairs: number;
  revenueFen: bigint;
  inputFen: bigint;
}

/**
 * Every month an accepted report and a charge for each enterprise, written as
 * the revenue service writes them (its triggers keep the multiplier's totals),
 * then the deltas compacted and the tables analysed. Revenue is about 8 × the
 * input, varying by enterprise and month, in whole fen. `include` leaves
 * enterprise-months out (by index into `enterprises` and `months`): a report
 * that never came.
 */
export async function loadRevenueHistory(db: BenchDatabase, enterprises: readonly string[], months: readonly string[], include: (enterprise: number, month: number) => boolean = () => true): Promise<HistoryTotals> {
  let revenueFen = 0n;
  let inputFen = 0n;
  let pairs = 0;
  const started = now();
  for (const [mi, month] of months.entries()) {
    const indices = enterprises.map((_, i) => i).filter((i) => include(i, mi));
    const ids = indices.map((i) => enterprises[i]!);
    const reportIds = indices.map(() => randomUUID());
    const input = indices.map((i) => BigInt(50_000_00 + ((i * 7919 + mi * 104_729) % 400_000_00)));
    const revenue = input.map((c, k) => c * 8n + BigInt((indices[k]! * 31 + mi * 17) % 1_000_000_00));
    for (const [k] of indices.entries()) {
      revenueFen += revenue[k]!;
      inputFen += input[k]!;
    }
    pairs += indices.length;
    await db.query(`INSERT INTO reports (id, enterprise_id, month, status, current_version) SELECT id, e, $3, 'submitted', 1 FROM unnest($1::uuid[], $2::uuid[]) AS t(id, e)`, [reportIds, ids, month]);
    await db.query(
      `INSERT INTO report_versions (report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, author)
       SELECT id, 1, r, r / 20, 40, 25, '[]'::jsonb, 'submission', 'bench' FROM unnest($1::uuid[], $2::bigint[]) AS t(id, r)`,
      [reportIds, revenue.map(String)],
    );
    await db.query(`UPDATE reports SET status = 'accepted', accepted_version = 1 WHERE id = ANY($1::uuid[])`, [reportIds]);
    await db.query(
      `INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) SELECT e, $3, 1, c, c * 1000 FROM unnest($1::uuid[], $2::bigint[]) AS t(e, c)`,
      [ids, input.map(String), month],
    );
    if ((mi + 1) % 6 === 0 || mi === months.length - 1) log(`load: ${mi + 1}/${months.length} months (${pairs} enterprise-months) in ${((now() - started) / 1000).toFixed(1)} s`);
  }
  await db.query('SELECT compact_multiplier_deltas()');
  await db.query('ANALYZE');
  return { pairs, revenueFen, inputFen };
}

import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { RevenueApp } from '../support/revenue-app';

/**
 * A report accepted and its month's charge arriving at the same moment, in two
 * transactions (the API's acceptance and the charges consumer): the pair must
 * count, whichever commits first.
 */
describe('the multiplier under concurrent acceptance and charge', () => {
  let sut: RevenueApp;
  let a: Client;
  let b: Client;

  beforeAll(async () => {
    sut = await RevenueApp.start();
    a = new Client({ connectionString: sut.db.url });
    b = new Client({ connectionString: sut.db.url });
    await Promise.all([a.connect(), b.connect()]);
  });

  afterAll(async () => {
    await Promise.all([a?.end(), b?.end()]);
    await sut?.stop();
  });

  /** A resident with a submitted (not yet accepted) report for the month. */
  async function submittedReport(month: string, revenueFen: bigint): Promise<{ enterpriseId: string; reportId: string }> {
    const enterpriseId = randomUUID();
    const reportId = randomUUID();
    await sut.db.dataSource.query(`INSERT INTO known_enterprises (id, name, industry, status, admitted_month) VALUES ($1, 'concurrency', 'esports', 'resident', '2024-01')`, [enterpriseId]);
    await sut.db.dataSource.query(`INSERT INTO reports (id, enterprise_id, month, status, current_version) VALUES ($1, $2, $3, 'submitted', 1)`, [reportId, enterpriseId, month]);
    await sut.db.dataSource.query(`INSERT INTO report_versions (report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, author) VALUES ($1, 1, $2, 0, 1, 1, '[]'::jsonb, 'submission', 'test')`, [reportId, revenueFen.toString()]);
    return { enterpriseId, reportId };
  }

  const pair = async (enterpriseId: string, month: string) =>
    (await sut.db.dataSource.query(`SELECT revenue_fen::text AS revenue, charge_fen::text AS charge FROM multiplier_pairs WHERE enterprise_id = $1 AND month = $2`, [enterpriseId, month]))[0] as { revenue: string; charge: string } | undefined;

  it.each([
    ['the acceptance commits first', 'accept-first'],
    ['the charge commits first', 'charge-first'],
  ])('counts the pair when %s', async (_case, order) => {
    const month = '2025-03';
    const { enterpriseId, reportId } = await submittedReport(month, 80_000n);
    const accept = (c: Client) => c.query(`UPDATE reports SET status = 'accepted', accepted_version = 1 WHERE id = $1`, [reportId]);
    const charge = (c: Client) => c.query(`INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, 1, 10000, 1000)`, [enterpriseId, month]);
    const [first, second] = order === 'accept-first' ? [accept, charge] : [charge, accept];
    await a.query('BEGIN');
    await b.query('BEGIN');
    await first(a);
    // The second writer's trigger runs while the first has not committed.
    const secondWrite = second(b);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await a.query('COMMIT');
    await secondWrite;
    await b.query('COMMIT');
    expect(await pair(enterpriseId, month)).toEqual({ revenue: '80000', charge: '10000' });
    const totals = (await sut.db.dataSource.query(`SELECT sum(revenue_fen)::text AS revenue, sum(input_fen)::text AS input, sum(pairs)::int AS pairs FROM multiplier_deltas WHERE industry = 'esports' AND month = $1`, [month]))[0];
    expect(totals).toEqual({ revenue: String(80_000 * (order === 'accept-first' ? 1 : 2)), input: String(10_000 * (order === 'accept-first' ? 1 : 2)), pairs: order === 'accept-first' ? 1 : 2 });
  });
});

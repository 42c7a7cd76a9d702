import { randomUUID } from 'node:crypto';
import { parkMonthOf } from '@valley/contracts';
import type { Identity } from '@valley/platform';
import { RevenueApp } from '../support/revenue-app';

const admin: Identity = { subject: 'admin-1', role: 'park-admin' };

const ENTERPRISE = `query E($reps: [_Any!]!, $from: String, $to: String) { _entities(representations: $reps) { ... on Enterprise {
  id revenueReports(fromMonth: $from, toMonth: $to) { enterpriseId month status acceptedVersion versions { version revenueFen } }
  revenueMultiplier(fromMonth: $from, toMonth: $to) { key revenueFen inputFen multiplier enterprises series { month revenueFen inputFen multiplier } } } } }`;
const DASHBOARD = `query D($reps: [_Any!]!, $months: Int, $to: String, $first: Int) { _entities(representations: $reps) { ... on ParkDashboard {
  id revenueTotals { key revenueFen inputFen multiplier enterprises }
  revenueByIndustry { key revenueFen inputFen multiplier enterprises }
  revenueMonthly(months: $months, toMonth: $to) { month revenueFen inputFen multiplier }
  overdueReports(first: $first) { enterpriseId enterpriseName industry month deadline }
  overdueReportCount } } }`;
const PARK = [{ __typename: 'ParkDashboard', id: 'park' }];

function monthsAgo(n: number): string {
  const [y, m] = parkMonthOf(new Date()).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The 15th of the month after (the default due day). */
function deadlineOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-15` : `${y}-${String(m + 1).padStart(2, '0')}-15`;
}

type Errors = Array<{ message: string; extensions: Record<string, unknown> }> | undefined;
const codes = (errors: Errors) => new Set(errors?.map((e) => e.extensions['code']));

describe('revenue: the Enterprise and ParkDashboard entities', () => {
  let sut: RevenueApp;
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const userOf = (id: string): Identity => ({ subject: `user-${id}`, role: 'enterprise', enterpriseId: id });
  const [m3, m1, m2] = [monthsAgo(3), monthsAgo(2), monthsAgo(1)];
  const OLD = '2015-03'; // more than 120 months ago: in the cumulative figures, outside any series

  const q = (sql: string, params: unknown[] = []): Promise<unknown> => sut.db.dataSource.query(sql, params);
  /** A report with one version; accepted when asked (the database's triggers then pair it with its charge). */
  const report = async (enterpriseId: string, month: string, revenueFen: bigint, status: 'submitted' | 'accepted' | 'returned'): Promise<void> => {
    const id = randomUUID();
    await q(`INSERT INTO reports (id, enterprise_id, month, status, current_version) VALUES ($1, $2, $3, 'submitted', 1)`, [id, enterpriseId, month]);
    await q(`INSERT INTO report_versions (report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, author) VALUES ($1, 1, $2, 0, 10, 5, '[]', 'submission', 'fixture')`, [id, revenueFen.toString()]);
    if (status === 'accepted') await q(`UPDATE reports SET status = 'accepted', accepted_version = 1 WHERE id = $1`, [id]);
    if (status === 'returned') await q(`UPDATE reports SET status = 'returned', review_comment = '请补充' WHERE id = $1`, [id]);
  };
  const charge = (enterpriseId: string, month: string, chargeFen: bigint) =>
    q('INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, 1, $3, 0)', [enterpriseId, month, chargeFen.toString()]);

  beforeAll(async () => {
    sut = await RevenueApp.start();
    await q(
      `INSERT INTO known_enterprises (id, name, industry, status, admitted_month) VALUES
         ($1, 'A 电竞', 'esports', 'resident', '2015-01'), ($2, 'B 电竞', 'esports', 'resident', '2015-01'), ($3, 'C 煤业', 'coal', 'resident', '2015-01')`,
      [a, b, c],
    );
    await report(a, OLD, 500_000n, 'accepted');
    await charge(a, OLD, 50_000n);
    await report(a, m1, 1_000_000n, 'accepted');
    await charge(a, m1, 100_000n);
    await report(a, m2, 3_000_000n, 'accepted');
    await charge(a, m2, 200_000n);
    await report(a, m3, 80_000n, 'returned'); // returned: still owed
    await report(b, m1, 2_000_000n, 'accepted');
    await charge(b, m1, 400_000n);
    await report(b, m2, 9n, 'submitted'); // not accepted: counts nowhere
    await charge(b, m2, 1n);
    await report(b, m3, 70_000n, 'submitted'); // reported late: no longer overdue
    await report(c, m2, 700_000n, 'accepted');
    await charge(c, m2, 100_000n);
    await q('INSERT INTO overdue_notices (enterprise_id, month) VALUES ($1, $2), ($3, $2), ($4, $5)', [a, m3, b, c, m1]);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('gives an administrator the park\'s cumulative figures, per industry, by month and what is overdue', async () => {
    const result = await sut.graphql<{ _entities: Array<Record<string, unknown>> }>(DASHBOARD, { reps: PARK }, admin);
    expect(result.errors).toBeUndefined();
    const [dashboard] = result.data!._entities;
    // 4,500,000 + 2,000,000 + 700,000 fen of revenue over 350,000 + 400,000 + 100,000 of input: 8.47.
    expect(dashboard!['revenueTotals']).toEqual({ key: 'park', revenueFen: '7200000', inputFen: '850000', multiplier: '8.47', enterprises: 3 });
    expect(dashboard!['revenueByIndustry']).toEqual([
      { key: 'coal', revenueFen: '700000', inputFen: '100000', multiplier: '7.00', enterprises: 1 },
      { key: 'esports', revenueFen: '6500000', inputFen: '750000', multiplier: '8.67', enterprises: 2 },
    ]);
    const monthly = dashboard!['revenueMonthly'] as Array<{ month: string; revenueFen: string; inputFen: string; multiplier: string | null }>;
    expect(monthly).toHaveLength(12);
    expect(monthly[11]!.month).toBe(parkMonthOf(new Date()));
    expect(monthly.find((s) => s.month === m1)).toEqual({ month: m1, revenueFen: '3000000', inputFen: '500000', multiplier: '6.00' });
    expect(monthly.find((s) => s.month === m2)).toEqual({ month: m2, revenueFen: '3700000', inputFen: '300000', multiplier: '12.33' });
    expect(monthly.filter((s) => s.month !== m1 && s.month !== m2).every((s) => s.revenueFen === '0' && s.inputFen === '0' && s.multiplier === null)).toBe(true);
    expect(dashboard!['overdueReports']).toEqual([
      { enterpriseId: a, enterpriseName: 'A 电竞', industry: 'esports', month: m3, deadline: deadlineOf(m3) },
      { enterpriseId: c, enterpriseName: 'C 煤业', industry: 'coal', month: m1, deadline: deadlineOf(m1) },
    ]);
    expect(dashboard!['overdueReportCount']).toBe(2);
  });

  it('takes a series length and an end month, and refuses bad ones with BAD_USER_INPUT', async () => {
    const series = await sut.graphql<{ _entities: Array<{ revenueMonthly: Array<{ month: string; revenueFen: string }> }> }>(
      'query D($reps: [_Any!]!) { _entities(representations: $reps) { ... on ParkDashboard { revenueMonthly(months: 1, toMonth: "2015-03") { month revenueFen } } } }',
      { reps: PARK },
      admin,
    );
    expect(series.data?._entities[0]?.revenueMonthly).toEqual([{ month: '2015-03', revenueFen: '500000' }]);
    for (const [variables, field] of [
      [{ months: 0 }, 'months'],
      [{ months: 121 }, 'months'],
      [{ to: '2024-13' }, 'toMonth'],
      [{ first: 0 }, 'first'],
      [{ first: 501 }, 'first'],
    ] as const) {
      const result = await sut.graphql(DASHBOARD, { reps: PARK, ...variables }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('refuses the dashboard to enterprise users and resolves only the "park" dashboard', async () => {
    const refused = await sut.graphql<{ _entities: unknown[] }>(DASHBOARD, { reps: PARK }, userOf(a));
    expect(codes(refused.errors)).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(refused.data)).not.toContain('7200000');
    const other = await sut.graphql(DASHBOARD, { reps: [{ __typename: 'ParkDashboard', id: 'another' }] }, admin);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('extends an Enterprise with its reports and multiplier, for itself and administrators only', async () => {
    type Entity = { id: string; revenueReports: Array<{ month: string; status: string; versions: Array<{ revenueFen: string }> }>; revenueMultiplier: { key: string; revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number; series: unknown[] } };
    const own = await sut.graphql<{ _entities: Entity[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: a }] }, userOf(a));
    expect(own.errors).toBeUndefined();
    const [mine] = own.data!._entities;
    // The default range: the twelve months up to this one.
    expect(mine!.revenueReports.map((r) => [r.month, r.status, r.versions[0]!.revenueFen])).toEqual([
      [m3, 'returned', '80000'],
      [m1, 'accepted', '1000000'],
      [m2, 'accepted', '3000000'],
    ]);
    expect(mine!.revenueMultiplier).toMatchObject({ key: a, revenueFen: '4000000', inputFen: '300000', multiplier: '13.33', enterprises: 1 });
    expect(mine!.revenueMultiplier.series).toHaveLength(12);

    const old = await sut.graphql<{ _entities: Entity[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: a }], from: '2015-01', to: '2015-12' }, admin);
    expect(old.data!._entities[0]!.revenueReports.map((r) => r.month)).toEqual([OLD]);
    expect(old.data!._entities[0]!.revenueMultiplier).toMatchObject({ revenueFen: '500000', inputFen: '50000', multiplier: '10.00' });

    // An enterprise without any pair: zeros, not an error.
    const none = await sut.graphql<{ _entities: Entity[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: c }], from: m1, to: m1 }, userOf(c));
    expect(none.data!._entities[0]).toMatchObject({ revenueReports: [], revenueMultiplier: { key: c, revenueFen: '0', inputFen: '0', multiplier: null, enterprises: 0 } });

    const foreign = await sut.graphql<{ _entities: unknown[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: b }] }, userOf(a));
    expect(codes(foreign.errors)).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(foreign.data)).not.toContain('2000000');
    const noEnterprise = await sut.graphql(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: b }] }, { subject: 'newcomer', role: 'enterprise' });
    expect(codes(noEnterprise.errors)).toEqual(new Set(['FORBIDDEN']));

    const byAdmin = await sut.graphql<{ _entities: Entity[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: b }] }, admin);
    expect(byAdmin.data!._entities[0]!.revenueReports.map((r) => [r.month, r.status])).toEqual([[m3, 'submitted'], [m1, 'accepted'], [m2, 'submitted']]);
    expect(byAdmin.data!._entities[0]!.revenueMultiplier).toMatchObject({ revenueFen: '2000000', inputFen: '400000', multiplier: '5.00' });
  });

  it('refuses a malformed range or id with BAD_USER_INPUT', async () => {
    for (const [variables, field] of [
      [{ from: '2024-1', to: '2024-06' }, 'fromMonth'],
      [{ from: '2010-01', to: '2024-06' }, 'to'],
      [{ from: '2024-06', to: '2024-01' }, 'to'],
    ] as const) {
      const result = await sut.graphql(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: a }], ...variables }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const badId = await sut.graphql(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: 'not-a-uuid' }] }, admin);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

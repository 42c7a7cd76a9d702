import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { MultiplierQueries } from '../../src/revenue/application/multiplier/multiplier.queries';
import { MultiplierCompactionScheduler } from '../../src/revenue/infrastructure/persistence/multiplier-compaction.scheduler';
import { RevenueApp } from '../support/revenue-app';

/**
 * The park and industry figures are kept in memory per version of the totals
 * (`multiplier_version`, counted up by the database as each change commits).
 * Against the real database: the version counts each committed change once and
 * nothing else; a change committed anywhere shows in the very next answer of
 * every instance (the service over HTTP, and a second MultiplierQueries on its
 * own connection pool standing for another replica); many concurrent requests
 * of one version compute the figures once; and concurrent writers, which all
 * update the one version row, never deadlock.
 */
const admin = { subject: 'admin-1', role: 'park-admin' as const };
const PARK = `query P($from: String!, $to: String!) { multiplier(scope: park, fromMonth: $from, toMonth: $to) { key revenueFen inputFen enterprises } }`;
const MONTH = '2025-06';

describe("the multiplier's figures kept in memory", () => {
  let sut: RevenueApp;
  let other: MultiplierQueries;
  let clients: Client[];

  beforeAll(async () => {
    sut = await RevenueApp.start();
    // Compaction moves the version too; here it runs only when a test says so.
    sut.get(MultiplierCompactionScheduler).onApplicationShutdown();
    other = new MultiplierQueries(sut.db.dataSource);
    clients = Array.from({ length: 8 }, () => new Client({ connectionString: sut.db.url }));
    await Promise.all(clients.map((c) => c.connect()));
  });

  afterAll(async () => {
    await Promise.all((clients ?? []).map((c) => c.end()));
    await sut?.stop();
  });

  const q = <T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> => sut.db.dataSource.query(sql, params);
  const version = async (): Promise<bigint> => BigInt((await q<{ v: string }>('SELECT version::text AS v FROM multiplier_version'))[0]!.v);

  /** A resident with an accepted report for MONTH and no charge yet (so no pair). */
  async function residentWithReport(revenueFen: bigint, industry = 'esports'): Promise<string> {
    const enterpriseId = randomUUID();
    const reportId = randomUUID();
    await q(`INSERT INTO known_enterprises (id, name, industry, status, admitted_month) VALUES ($1, 'cache', $2, 'resident', '2024-01')`, [enterpriseId, industry]);
    await q(`INSERT INTO reports (id, enterprise_id, month, status, current_version) VALUES ($1, $2, $3, 'submitted', 1)`, [reportId, enterpriseId, MONTH]);
    await q(`INSERT INTO report_versions (report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, author) VALUES ($1, 1, $2, 0, 1, 1, '[]'::jsonb, 'submission', 'test')`, [reportId, revenueFen.toString()]);
    await q(`UPDATE reports SET status = 'accepted', accepted_version = 1 WHERE id = $1`, [reportId]);
    return enterpriseId;
  }

  /** The charges consumer's upsert: the highest revision wins. */
  const charge = (c: { query(sql: string, params: unknown[]): Promise<unknown> }, enterpriseId: string, revision: number, fen: bigint) =>
    c.query(
      `INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT (enterprise_id, month) DO UPDATE SET revision = EXCLUDED.revision, charge_fen = EXCLUDED.charge_fen
       WHERE data_element_input.revision < EXCLUDED.revision`,
      [enterpriseId, MONTH, revision, fen.toString()],
    );

  async function overHttp(): Promise<{ key: string; revenueFen: string; inputFen: string; enterprises: number }> {
    const r = await sut.graphql<{ multiplier: Array<{ key: string; revenueFen: string; inputFen: string; enterprises: number }> }>(PARK, { from: MONTH, to: MONTH }, admin);
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.multiplier[0]!;
  }

  async function onOtherInstance(): Promise<{ key: string; revenueFen: string; inputFen: string; enterprises: number }> {
    const [f] = await other.figures('park', MONTH, MONTH, admin, undefined, { lineage: false });
    return { key: f!.key, revenueFen: f!.revenueFen.toString(), inputFen: f!.inputFen.toString(), enterprises: f!.enterprises };
  }

  it('counts one version per committed transaction that changes the totals, none for a rollback or for a change that moves no total', async () => {
    const ids = await Promise.all([1n, 2n, 3n].map((n) => residentWithReport(n * 80_000n)));
    const [c] = clients;
    const v0 = await version();
    await c!.query('BEGIN');
    for (const id of ids) await charge(c!, id, 1, 10_000n);
    // Not committed: nobody sees the new version yet.
    expect(await version()).toBe(v0);
    await c!.query('COMMIT');
    expect(await version()).toBe(v0 + 1n);

    await c!.query('BEGIN');
    await charge(c!, ids[0]!, 2, 99_999n);
    await c!.query('ROLLBACK');
    expect(await version()).toBe(v0 + 1n);

    // A stale revision changes no row, and a report without a charge makes no pair.
    await charge(sut.db.dataSource, ids[0]!, 1, 5n);
    await residentWithReport(1n);
    expect(await version()).toBe(v0 + 1n);

    // Compaction rewrites the deltas: one version, the same figures; with nothing left to fold, none.
    const figures = await overHttp();
    expect(await sut.get(MultiplierCompactionScheduler).tick()).toBeGreaterThan(0);
    expect(await version()).toBe(v0 + 2n);
    expect(await overHttp()).toEqual(figures);
    expect(await sut.get(MultiplierCompactionScheduler).tick()).toBe(0);
    expect(await version()).toBe(v0 + 2n);
  });

  it('shows a change committed anywhere in the very next answer of every instance', async () => {
    const id = await residentWithReport(800_000n, 'metaverse');
    await charge(sut.db.dataSource, id, 1, 100_001n); // revision r charges 100,000 + r fen
    for (let revision = 2; revision <= 6; revision += 1) {
      const before = await overHttp();
      expect(await onOtherInstance()).toEqual(before);
      // Both instances have this version's figures in memory now; a charge revision commits elsewhere.
      expect(await overHttp()).toEqual(before);
      await charge(clients[1]!, id, revision, 100_000n + BigInt(revision));
      const after = await overHttp();
      expect(BigInt(after.inputFen)).toBe(BigInt(before.inputFen) + 1n);
      expect(await onOtherInstance()).toEqual(after);
    }
  });

  it('computes the figures once for many concurrent requests of one version', async () => {
    const id = await residentWithReport(400_000n);
    await charge(sut.db.dataSource, id, 1, 50_000n); // a new version: nothing in memory for it
    const sqls: string[] = [];
    const query = sut.db.dataSource.query.bind(sut.db.dataSource);
    const spy = jest.spyOn(sut.db.dataSource, 'query').mockImplementation(((sql: string, params?: unknown[]) => {
      sqls.push(sql);
      return query(sql, params);
    }) as typeof sut.db.dataSource.query);
    try {
      const answers = await Promise.all(Array.from({ length: 30 }, () => onOtherInstance()));
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(sqls.filter((s) => s.includes('FROM multiplier_deltas'))).toHaveLength(1);
      // The first request's version read, then one more shared by the 29 that came while it ran.
      expect(sqls.filter((s) => s.includes('FROM multiplier_version')).length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('lets concurrent writers, who all count up the one version row, commit without deadlock', async () => {
    const ids = await Promise.all(Array.from({ length: clients.length * 3 }, (_, i) => residentWithReport(BigInt(i + 1) * 1_000n, 'ai-content')));
    const v0 = await version();
    const before = await overHttp();
    await Promise.all(clients.map((c) => c.query('BEGIN')));
    // Each transaction charges three enterprises, all open at once, then all commit together.
    await Promise.all(clients.map(async (c, i) => {
      for (const id of ids.slice(i * 3, i * 3 + 3)) await charge(c, id, 1, 1_000n);
    }));
    await Promise.all(clients.map((c) => c.query('COMMIT')));
    expect(await version()).toBe(v0 + BigInt(clients.length));
    const after = await overHttp();
    expect(BigInt(after.inputFen) - BigInt(before.inputFen)).toBe(BigInt(ids.length) * 1_000n);
    expect(after.enterprises - before.enterprises).toBe(ids.length);
  });
});

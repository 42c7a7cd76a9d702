import { randomUUID } from 'node:crypto';
import { RevenueApp } from '../support/revenue-app';

/**
 * Thousands of enterprises with figures whose sums pass 2^53, written straight
 * into the tables (the database's triggers keep the multiplier's totals), then
 * changed the ways the service changes them: a charge revised, a report
 * amended, an enterprise's industry corrected. Every figure must equal the
 * bigint sums of the fixture, to the fen, before and after compaction.
 */
const admin = { subject: 'admin-1', role: 'park-admin' as const };
const MULTIPLIER = `query X($s: MultiplierScope!, $from: String!, $to: String!) {
  multiplier(scope: $s, fromMonth: $from, toMonth: $to) { key revenueFen inputFen multiplier enterprises series { month revenueFen inputFen multiplier } } }`;

const ENTERPRISES = 3000;
const MONTHS = ['2026-01', '2026-02', '2026-03'];
const INDUSTRIES = ['live-commerce', 'virtual-human', 'esports', 'data-annotation', 'metaverse', 'ai-content', 'coal-digital', 'steel-digital'];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Cell {
  enterprise: string;
  month: string;
  reportId: string;
  revenue: bigint;
  accepted: boolean;
  charge?: bigint;
}

type Figure = { key: string; revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number; series: Array<{ month: string; revenueFen: string; inputFen: string; multiplier: string | null }> };

/** Half-up to two places, computed another way than the service: truncate to three places, then round the third. */
function expectedRatio(revenue: bigint, input: bigint): string | null {
  if (input === 0n) return null;
  const thousandths = (revenue * 1000n) / input;
  const hundredths = (thousandths + 5n) / 10n;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

describe('the multiplier over thousands of enterprises', () => {
  let sut: RevenueApp;
  const random = generator(20261130);
  const big = (max: number): bigint => BigInt(Math.floor(random() * max)) * 1000n + BigInt(Math.floor(random() * 1000));
  const industryOf = new Map<string, string>();
  const cells: Cell[] = [];

  beforeAll(async () => {
    sut = await RevenueApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  const q = (sql: string, params: unknown[] = []): Promise<unknown> => sut.db.dataSource.query(sql, params);

  /** What every figure must be, from the fixture alone. */
  function expected(scope: 'park' | 'industry'): Figure[] {
    const groups = new Map<string, Cell[]>();
    for (const c of cells) {
      if (!c.accepted || c.charge === undefined) continue;
      const key = scope === 'park' ? 'park' : industryOf.get(c.enterprise)!;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.keys()].sort((a, b) => a.localeCompare(b)).map((key) => {
      const rows = groups.get(key)!;
      const sum = (rs: Cell[]) => rs.reduce((t, c) => ({ revenue: t.revenue + c.revenue, input: t.input + c.charge! }), { revenue: 0n, input: 0n });
      const total = sum(rows);
      return {
        key,
        revenueFen: total.revenue.toString(),
        inputFen: total.input.toString(),
        multiplier: expectedRatio(total.revenue, total.input),
        enterprises: new Set(rows.map((c) => c.enterprise)).size,
        series: MONTHS.map((month) => {
          const m = sum(rows.filter((c) => c.month === month));
          return { month, revenueFen: m.revenue.toString(), inputFen: m.input.toString(), multiplier: expectedRatio(m.revenue, m.input) };
        }),
      };
    });
  }

  async function actual(scope: 'park' | 'industry'): Promise<Figure[]> {
    const result = await sut.graphql<{ multiplier: Figure[] }>(MULTIPLIER, { s: scope, from: MONTHS[0], to: MONTHS[MONTHS.length - 1] }, admin);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.multiplier.map((f) => ({ ...f, multiplier: f.multiplier ?? null, series: f.series.map((s) => ({ ...s, multiplier: s.multiplier ?? null })) }));
  }

  it('sums every accepted report and charge exactly, park-wide and per industry, beyond 2^53 fen', async () => {
    const ids = Array.from({ length: ENTERPRISES }, () => randomUUID());
    ids.forEach((id, i) => industryOf.set(id, INDUSTRIES[i % INDUSTRIES.length]!));
    await q(
      `INSERT INTO known_enterprises (id, name, industry, status, admitted_month)
       SELECT id, 'fixture', industry, 'resident', '2025-01' FROM unnest($1::uuid[], $2::text[]) AS t(id, industry)`,
      [ids, ids.map((id) => industryOf.get(id))],
    );
    for (const enterprise of ids) {
      for (const month of MONTHS) {
        // Most months have an accepted report and a charge; some only one of them, which must not count.
        const roll = random();
        cells.push({
          enterprise,
          month,
          reportId: randomUUID(),
          revenue: big(9_000_000_000), // up to 9 × 10^12 fen per month
          accepted: roll > 0.1,
          charge: roll < 0.95 ? big(1_100_000_000) : undefined,
        });
      }
    }
    await q(
      `INSERT INTO reports (id, enterprise_id, month, status, current_version)
       SELECT id, e, m, 'submitted', 1 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(id, e, m)`,
      [cells.map((c) => c.reportId), cells.map((c) => c.enterprise), cells.map((c) => c.month)],
    );
    await q(
      `INSERT INTO report_versions (report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, author)
       SELECT id, 1, r, 0, 10, 5, '[]'::jsonb, 'submission', 'fixture' FROM unnest($1::uuid[], $2::bigint[]) AS t(id, r)`,
      [cells.map((c) => c.reportId), cells.map((c) => c.revenue.toString())],
    );
    const accepted = cells.filter((c) => c.accepted).map((c) => c.reportId);
    await q(`UPDATE reports SET status = 'accepted', accepted_version = 1 WHERE id = ANY($1::uuid[])`, [accepted]);
    const charged = cells.filter((c) => c.charge !== undefined);
    await q(
      `INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes)
       SELECT e, m, 1, c, 0 FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS t(e, m, c)`,
      [charged.map((c) => c.enterprise), charged.map((c) => c.month), charged.map((c) => c.charge!.toString())],
    );

    const park = await actual('park');
    expect(BigInt(park[0]!.revenueFen)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(park).toEqual(expected('park'));
    expect(await actual('industry')).toEqual(expected('industry'));
  });

  it('stays exact through charge revisions, amendments, an industry correction and compaction', async () => {
    const paired = cells.filter((c) => c.accepted && c.charge !== undefined);
    // Revision 2 of 200 charges, through the consumer's own upsert; a stale revision 1 arriving late changes nothing.
    for (const c of paired.slice(0, 200)) {
      c.charge = c.charge! + 12_345n;
      await q(
        `INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, 2, $3, 0)
         ON CONFLICT (enterprise_id, month) DO UPDATE SET revision = EXCLUDED.revision, charge_fen = EXCLUDED.charge_fen
         WHERE data_element_input.revision < EXCLUDED.revision`,
        [c.enterprise, c.month, c.charge.toString()],
      );
    }
    await q(
      `INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, 1, 1, 0)
       ON CONFLICT (enterprise_id, month) DO UPDATE SET revision = EXCLUDED.revision, charge_fen = EXCLUDED.charge_fen
       WHERE data_element_input.revision < EXCLUDED.revision`,
      [paired[0]!.enterprise, paired[0]!.month],
    );
    // 150 amendments: version 2 becomes the accepted one.
    for (const c of paired.slice(100, 250)) {
      c.revenue = c.revenue * 2n + 1n;
      await q(`INSERT INTO report_versions (report_id, version, revenue_fen, tax_fen, employees, local_hires, lines, kind, reason, author) VALUES ($1, 2, $2, 0, 10, 5, '[]'::jsonb, 'amendment', 'fixture', 'fixture')`, [c.reportId, c.revenue.toString()]);
      await q('UPDATE reports SET current_version = 2, accepted_version = 2 WHERE id = $1', [c.reportId]);
    }
    // A late charge completes a pair that had only a report.
    const lonely = cells.find((c) => c.accepted && c.charge === undefined)!;
    lonely.charge = 777_777_777n;
    await q(`INSERT INTO data_element_input (enterprise_id, month, revision, charge_fen, billable_bytes) VALUES ($1, $2, 1, $3, 0)`, [lonely.enterprise, lonely.month, lonely.charge.toString()]);
    // Ten enterprises' industry corrected: all their months move.
    const moved = [...new Set(paired.slice(300, 400).map((c) => c.enterprise))].slice(0, 10);
    for (const id of moved) {
      industryOf.set(id, 'steel-digital');
      await q(`UPDATE known_enterprises SET industry = 'steel-digital' WHERE id = $1`, [id]);
    }

    expect(await actual('park')).toEqual(expected('park'));
    expect(await actual('industry')).toEqual(expected('industry'));

    const before = ((await q('SELECT count(*)::int AS n FROM multiplier_deltas')) as Array<{ n: number }>)[0]!.n;
    await q('SELECT compact_multiplier_deltas()');
    const after = ((await q('SELECT count(*)::int AS n FROM multiplier_deltas')) as Array<{ n: number }>)[0]!.n;
    expect(before).toBeGreaterThan(INDUSTRIES.length * MONTHS.length);
    expect(after).toBeLessThanOrEqual(INDUSTRIES.length * MONTHS.length);
    expect(await actual('park')).toEqual(expected('park'));
    expect(await actual('industry')).toEqual(expected('industry'));
  });
});

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import { MONTH_BITS, monthBitmap, monthsBetween, parseMonth } from '../../domain/month';
import { multiplierText, sumFigures } from '../../domain/multiplier';
import { checkUuid, RevenueError, RevenueErrorCode } from '../../domain/revenue.error';
import { requireActsFor, requireAdmin } from '../revenue-access';
import { FreshRead, VersionedCache } from './fresh-cache';

export type MultiplierScope = 'park' | 'industry' | 'enterprise';

/** Since the park began: revenue, input and the multiplier over every month, without a series. */
export interface CumulativeFigure {
  key: string;
  revenueFen: bigint;
  inputFen: bigint;
  multiplier: string | null;
  enterprises: number;
}

export interface MultiplierFigure {
  /** The industry or enterprise id; 'park' for the park as a whole. */
  key: string;
  revenueFen: bigint;
  inputFen: bigint;
  multiplier: string | null;
  enterprises: number;
  series: Array<{ month: string; revenueFen: bigint; inputFen: bigint; multiplier: string | null }>;
  lineage: Array<{ enterpriseId: string; month: string; reportVersion: number; chargeRevision: number }>;
}

interface PairRow {
  enterprise_id: string;
  industry: string;
  month: string;
  revenue_fen: string;
  report_version: number;
  charge_fen: string;
  charge_revision: number;
}

interface CellRow {
  industry: string;
  month: string;
  revenue_fen: string;
  input_fen: string;
}

const MAX_LINEAGE = 500;
/** Park and industry figures kept in memory, by scope and month range (a dashboard asks for a handful). */
const CACHED_RANGES = 256;


interface Totals {
  revenueFen: bigint;
  inputFen: bigint;
}

/**
 * Yuan of resident revenue per yuan of data-element input, over the same
 * enterprises and months: each pair of an accepted report (its latest accepted
 * version) and a charge (its highest revision). Park and industry figures read
 * the (industry, month) totals the database keeps (multiplier_deltas, see the
 * MultiplierRollup migration) and one row per enterprise for the counts; an
 * enterprise's figures read its pairs. Exact bigint sums; the ratio is rounded
 * only for display.
 *
 * Park and industry figures without lineage are kept in memory for the
 * version of the totals they were computed from (`multiplier_version`, which
 * the database counts up as each change commits, see the MultiplierVersion
 * migration). Each request reads the version afresh (a read started after the
 * request came; concurrent requests share one), so no answer is older than
 * what was committed before it was asked, on any instance; the figures are
 * computed again only when the version moved.
 */
@Injectable()
export class MultiplierQueries {
  private readonly version = new FreshRead(async () => {
    const rows: Array<{ version: string }> = await this.dataSource.query('SELECT version::text AS version FROM multiplier_version');
    if (!rows[0]) throw new Error('multiplier_version has no row: the MultiplierVersion migration has not run');
    return BigInt(rows[0].version);
  });
  private readonly rangeFigures = new VersionedCache<MultiplierFigure[]>(CACHED_RANGES);
  private readonly cumulativeFigures = new VersionedCache<CumulativeFigure[]>(2);

  constructor(private readonly dataSource: DataSource) {}

  /** `lineage: false` skips reading the pairs behind park and industry figures (the dashboard does not show them). */
  async figures(scope: MultiplierScope, fromMonth: string, toMonth: string, identity: Identity, enterpriseId?: string, options: { lineage?: boolean } = {}): Promise<MultiplierFigure[]> {
    const months = monthsBetween(parseMonth('fromMonth', fromMonth), parseMonth('toMonth', toMonth));
    if (enterpriseId !== undefined) checkUuid('enterpriseId', enterpriseId);
    if (!isAdmin(identity)) {
      if (scope !== 'enterprise' || !identity.enterpriseId || (enterpriseId && enterpriseId !== identity.enterpriseId)) throw new RevenueError(RevenueErrorCode.Forbidden, 'an enterprise sees only its own multiplier');
      enterpriseId = identity.enterpriseId;
    }
    const range = [months[0]!, months[months.length - 1]!] as const;
    if (scope === 'enterprise') return this.enterpriseFigures(range, months, enterpriseId);
    if (options.lineage !== false) return this.scopeFigures(scope, range, months, true);
    return this.rangeFigures.get(`${scope} ${range[0]} ${range[1]}`, await this.version.get(), () => this.scopeFigures(scope, range, months, false));
  }

  private async scopeFigures(scope: 'park' | 'industry', range: readonly [string, string], months: string[], withLineage: boolean): Promise<MultiplierFigure[]> {
    const [cells, counts] = await Promise.all([
      this.dataSource.query<CellRow[]>(
        `SELECT industry, month, sum(revenue_fen)::text AS revenue_fen, sum(input_fen)::text AS input_fen
           FROM multiplier_deltas WHERE month BETWEEN $1 AND $2
          GROUP BY industry, month HAVING sum(pairs) > 0`,
        [...range],
      ),
      this.dataSource.query<Array<{ industry: string; n: number }>>(
        `SELECT industry, count(*)::int AS n FROM multiplier_enterprise_months
          WHERE month_bits & $1::bit(${MONTH_BITS}) <> repeat('0', ${MONTH_BITS})::bit(${MONTH_BITS}) GROUP BY industry`,
        [monthBitmap(months)],
      ),
    ]);
    const keyOf = (industry: string): string => (scope === 'park' ? 'park' : industry);
    const byKey = new Map<string, Map<string, Totals>>();
    for (const c of cells) {
      const key = keyOf(c.industry);
      const series = byKey.get(key) ?? new Map<string, Totals>();
      byKey.set(key, series);
      const cell = series.get(c.month) ?? { revenueFen: 0n, inputFen: 0n };
      series.set(c.month, { revenueFen: cell.revenueFen + BigInt(c.revenue_fen), inputFen: cell.inputFen + BigInt(c.input_fen) });
    }
    if (scope === 'park' && byKey.size === 0) byKey.set('park', new Map());
    const enterprises = new Map<string, number>();
    for (const c of counts) enterprises.set(keyOf(c.industry), (enterprises.get(keyOf(c.industry)) ?? 0) + c.n);
    const keys = [...byKey.keys()].sort((a, b) => a.localeCompare(b));
    const lineage = withLineage ? await this.lineage(scope, keys, range) : new Map<string, PairRow[]>();
    return keys.map((key) => this.figure(key, byKey.get(key)!, months, enterprises.get(key) ?? 0, lineage.get(key) ?? []));
  }

  /** One enterprise's figures for the range, zeros when it has no pairs in it; FORBIDDEN for another enterprise's user. */
  async ofEnterprise(enterpriseId: string, fromMonth: string, toMonth: string, identity: Identity): Promise<MultiplierFigure> {
    const id = requireActsFor(identity, enterpriseId);
    const months = monthsBetween(parseMonth('fromMonth', fromMonth), parseMonth('toMonth', toMonth));
    const [found] = await this.enterpriseFigures([months[0]!, months[months.length - 1]!], months, id);
    return found ?? this.figure(id, new Map(), months, 0, []);
  }

  /**
   * Park-wide or per-industry totals over every month: the compacted
   * (industry, month) totals summed, a few hundred rows however many reports
   * there are; the enterprises that ever had a pair from their bitmaps.
   */
  async cumulative(scope: 'park' | 'industry', identity: Identity): Promise<CumulativeFigure[]> {
    requireAdmin(identity, 'see park-wide figures');
    return this.cumulativeFigures.get(scope, await this.version.get(), () => this.cumulativeOf(scope));
  }

  private async cumulativeOf(scope: 'park' | 'industry'): Promise<CumulativeFigure[]> {
    const [cells, counts] = await Promise.all([
      this.dataSource.query<Array<Omit<CellRow, 'month'>>>(
        `SELECT industry, sum(revenue_fen)::text AS revenue_fen, sum(input_fen)::text AS input_fen
           FROM multiplier_deltas GROUP BY industry HAVING sum(pairs) > 0`,
      ),
      this.dataSource.query<Array<{ industry: string; n: number }>>(
        `SELECT industry, count(*)::int AS n FROM multiplier_enterprise_months
          WHERE month_bits <> repeat('0', ${MONTH_BITS})::bit(${MONTH_BITS}) GROUP BY industry`,
      ),
    ]);
    const keyOf = (industry: string): string => (scope === 'park' ? 'park' : industry);
    const totals = new Map<string, Totals & { enterprises: number }>();
    if (scope === 'park') totals.set('park', { revenueFen: 0n, inputFen: 0n, enterprises: 0 });
    const at = (key: string) => totals.get(key) ?? totals.set(key, { revenueFen: 0n, inputFen: 0n, enterprises: 0 }).get(key)!;
    for (const c of cells) {
      const t = at(keyOf(c.industry));
      t.revenueFen += BigInt(c.revenue_fen);
      t.inputFen += BigInt(c.input_fen);
    }
    for (const c of counts) at(keyOf(c.industry)).enterprises += c.n;
    return [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, t]) => ({ key, revenueFen: t.revenueFen, inputFen: t.inputFen, multiplier: multiplierText(t), enterprises: t.enterprises }));
  }

  private async enterpriseFigures(range: readonly [string, string], months: string[], enterpriseId: string | undefined): Promise<MultiplierFigure[]> {
    const pairs: PairRow[] = await this.dataSource.query(
      `SELECT enterprise_id, industry, month, revenue_fen::text, report_version, charge_fen::text, charge_revision
         FROM multiplier_pairs
        WHERE month BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR enterprise_id = $3::uuid)
        ORDER BY month, enterprise_id`,
      [...range, enterpriseId ?? null],
    );
    const groups = new Map<string, PairRow[]>();
    for (const p of pairs) {
      const rows = groups.get(p.enterprise_id);
      if (rows) rows.push(p);
      else groups.set(p.enterprise_id, [p]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, rows]) => {
        const series = new Map<string, Totals>();
        for (const r of rows) series.set(r.month, { revenueFen: BigInt(r.revenue_fen), inputFen: BigInt(r.charge_fen) });
        return this.figure(key, series, months, 1, rows);
      });
  }

  /** The first pairs behind each figure, in month and enterprise order. */
  private async lineage(scope: 'park' | 'industry', keys: string[], range: readonly [string, string]): Promise<Map<string, PairRow[]>> {
    const select = 'SELECT enterprise_id, industry, month, revenue_fen::text, report_version, charge_fen::text, charge_revision FROM multiplier_pairs';
    const rows: Array<PairRow & { key: string }> =
      scope === 'park'
        ? await this.dataSource.query(`SELECT 'park' AS key, p.* FROM (${select} WHERE month BETWEEN $1 AND $2 ORDER BY month, enterprise_id LIMIT ${MAX_LINEAGE}) p`, [...range])
        : await this.dataSource.query(
            `SELECT k.key, p.* FROM unnest($3::text[]) AS k(key)
               CROSS JOIN LATERAL (${select} WHERE industry = k.key AND month BETWEEN $1 AND $2 ORDER BY month, enterprise_id LIMIT ${MAX_LINEAGE}) p`,
            [...range, keys],
          );
    const byKey = new Map<string, PairRow[]>();
    for (const r of rows) {
      const list = byKey.get(r.key);
      if (list) list.push(r);
      else byKey.set(r.key, [r]);
    }
    return byKey;
  }

  private figure(key: string, cells: Map<string, Totals>, months: string[], enterprises: number, lineage: PairRow[]): MultiplierFigure {
    const series = months.map((month) => {
      const m = cells.get(month) ?? { revenueFen: 0n, inputFen: 0n };
      return { month, ...m, multiplier: multiplierText(m) };
    });
    const total = sumFigures(series);
    return {
      key,
      ...total,
      multiplier: multiplierText(total),
      enterprises,
      series,
      lineage: lineage.slice(0, MAX_LINEAGE).map((r) => ({ enterpriseId: r.enterprise_id, month: r.month, reportVersion: r.report_version, chargeRevision: r.charge_revision })),
    };
  }
}

import type { Identity } from '@valley/platform';
import { sleep, type GatewayClient } from './gateway-client';
import type { ParkModel } from './park-model';
import type { PlanTerms, SimulationState } from './simulation';

const ADMIN: Identity = { subject: 'simulator-auditor', role: 'park-admin' };

/** What the park showed before the run: the run's figures are compared as changes from it. */
export interface Baseline {
  residents: number;
  residentsByIndustry: Record<string, number>;
  revenueFen: string;
  inputFen: string;
  reporting: number;
  byIndustry: Record<string, { revenueFen: string; inputFen: string }>;
  quotaAlerts: number[];
  placed: number;
  dashboardRevenueFen: string;
  dashboardInputFen: string;
}

interface Snapshot extends Baseline {
  multiplier: string | null;
  chargesBytes: string;
  chargesFen: string;
}

export interface Row {
  figure: string;
  truth: string;
  gateway: string;
  ok: boolean;
}

const DASHBOARD = '{ parkDashboard { residentCount residentsByIndustry { industry count } revenueTotals { revenueFen inputFen } talentTotals { placed } } }';
type DashboardAnswer = { parkDashboard: { residentCount: number; residentsByIndustry: Array<{ industry: string; count: number }>; revenueTotals: { revenueFen: string; inputFen: string }; talentTotals: { placed: number } } };
const MULTIPLIER = 'query M($s: MultiplierScope!, $f: String!, $t: String!) { multiplier(scope: $s, fromMonth: $f, toMonth: $t) { key revenueFen inputFen multiplier enterprises } }';

async function quotaAlerts(client: GatewayClient, months: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (let from = 0; from < months.length; from += 12) {
    const slice = months.slice(from, from + 12);
    const query = `{ parkDashboard { ${slice.map((m, k) => `m${k}: quotaAlertCount(month: "${m}")`).join(' ')} } }`;
    const { parkDashboard } = await client.ok<{ parkDashboard: Record<string, number> }>(query, {}, ADMIN);
    slice.forEach((_, k) => counts.push(parkDashboard[`m${k}`]!));
  }
  return counts;
}

export async function takeBaseline(client: GatewayClient, months: string[]): Promise<Baseline> {
  const { parkDashboard: d } = await client.ok<DashboardAnswer>(DASHBOARD, {}, ADMIN);
  const [park] = (await client.ok<{ multiplier: Array<{ revenueFen: string; inputFen: string; enterprises: number }> }>(MULTIPLIER, { s: 'park', f: months[0], t: months[months.length - 1] }, ADMIN)).multiplier;
  const industries = (await client.ok<{ multiplier: Array<{ key: string; revenueFen: string; inputFen: string }> }>(MULTIPLIER, { s: 'industry', f: months[0], t: months[months.length - 1] }, ADMIN)).multiplier;
  return {
    residents: d.residentCount,
    residentsByIndustry: Object.fromEntries(d.residentsByIndustry.map((r) => [r.industry, r.count])),
    revenueFen: park?.revenueFen ?? '0',
    inputFen: park?.inputFen ?? '0',
    reporting: park?.enterprises ?? 0,
    byIndustry: Object.fromEntries(industries.map((r) => [r.key, { revenueFen: r.revenueFen, inputFen: r.inputFen }])),
    quotaAlerts: await quotaAlerts(client, months),
    placed: d.talentTotals.placed,
    dashboardRevenueFen: d.revenueTotals.revenueFen,
    dashboardInputFen: d.revenueTotals.inputFen,
  };
}

/** bytes × fen/GB ÷ 10^9 rounded half up, as provisioning bills (decimal GB, integer fen). */
export function priceBytes(bytes: bigint, fenPerGb: bigint): bigint {
  return (bytes * fenPerGb + 500_000_000n) / 1_000_000_000n;
}

/** revenue ÷ input, two decimals rounded half up, as the revenue service displays it. */
export function ratio(revenue: bigint, input: bigint): string | null {
  if (input === 0n) return null;
  const hundredths = (revenue * 200n + input) / (2n * input);
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** The simulator's ground truth: what it sent and what the park's rules make of it. */
export interface Truth {
  residents: number;
  residentsByIndustry: Record<string, number>;
  revenueFen: bigint;
  inputFen: bigint;
  reporting: number;
  byIndustry: Record<string, { revenueFen: bigint; inputFen: bigint }>;
  bytes: bigint;
  chargesFen: bigint;
  quotaAlerts: number[];
  placed: number;
  liveApplicants: number;
}

export function groundTruth(model: ParkModel, state: Pick<SimulationState, 'ids' | 'plans' | 'programs' | 'applicantsApproved'>): Truth {
  const months = model.options.months;
  const t: Truth = { residents: 0, residentsByIndustry: {}, revenueFen: 0n, inputFen: 0n, reporting: 0, byIndustry: {}, bytes: 0n, chargesFen: 0n, quotaAlerts: months.map(() => 0), placed: 0, liveApplicants: state.applicantsApproved.length };
  const reporting = new Set<number>();
  for (const e of model.enterprises) {
    if (e.exit === undefined) {
      t.residents += 1;
      t.residentsByIndustry[e.industry] = (t.residentsByIndustry[e.industry] ?? 0) + 1;
    }
    const plan: PlanTerms = state.plans[state.ids[e.index]!]!;
    for (let m = 0; m < months.length; m++) {
      if (!model.activeIn(e, m)) continue;
      const d = model.monthOf(e, m);
      const used = d.records.reduce((s, r) => s + r.bytes, 0n);
      const billable = plan.policy === 'bill' || used < plan.includedBytes ? used : plan.includedBytes;
      const charge = priceBytes(billable, plan.priceFenPerGb);
      t.bytes += used;
      t.chargesFen += charge;
      t.quotaAlerts[m]! += [80n, 100n].filter((p) => plan.includedBytes > 0n && used * 100n >= plan.includedBytes * p).length;
      if (d.report === 'missing' || used === 0n) continue;
      const revenue = d.amendedRevenueFen ?? d.revenueFen;
      t.revenueFen += revenue;
      t.inputFen += charge;
      reporting.add(e.index);
      const ind = (t.byIndustry[e.industry] ??= { revenueFen: 0n, inputFen: 0n });
      ind.revenueFen += revenue;
      ind.inputFen += charge;
    }
  }
  t.reporting = reporting.size;
  t.placed = state.programs.reduce((s, p) => s + p.placed, 0);
  return t;
}

async function snapshot(client: GatewayClient, months: string[], ids: Set<string>): Promise<Snapshot> {
  const base = await takeBaseline(client, months);
  const [park] = (await client.ok<{ multiplier: Array<{ multiplier: string | null }> }>(MULTIPLIER, { s: 'park', f: months[0], t: months[months.length - 1] }, ADMIN)).multiplier;
  let bytes = 0n;
  let fen = 0n;
  for (const month of months) {
    const { monthlyCharges } = await client.ok<{ monthlyCharges: Array<{ enterpriseId: string; revision: number; billableBytes: string; chargeFen: string }> }>('query C($m: String!) { monthlyCharges(month: $m) { enterpriseId revision billableBytes chargeFen } }', { m: month }, ADMIN);
    const latest = new Map<string, { revision: number; billableBytes: string; chargeFen: string }>();
    for (const c of monthlyCharges) if (ids.has(c.enterpriseId) && (latest.get(c.enterpriseId)?.revision ?? 0) < c.revision) latest.set(c.enterpriseId, c);
    for (const c of latest.values()) {
      bytes += BigInt(c.billableBytes);
      fen += BigInt(c.chargeFen);
    }
  }
  return { ...base, multiplier: park?.multiplier ?? null, chargesBytes: bytes.toString(), chargesFen: fen.toString() };
}

function rows(model: ParkModel, truth: Truth, b: Baseline, s: Snapshot, state: SimulationState, placements: number[]): Row[] {
  const out: Row[] = [];
  const add = (figure: string, expected: bigint | number | string | null, actual: bigint | number | string | null): void => {
    out.push({ figure, truth: String(expected), gateway: String(actual), ok: String(expected) === String(actual) });
  };
  const big = BigInt;
  // Residents: the run's residents still in the park and the applicants approved today, on top of what was there.
  const approvedIndustries = model.applicants.filter((a) => a.outcome !== 'rejected').map((a) => a.industry);
  add('residents (approved + suspended)', b.residents + truth.residents + truth.liveApplicants, s.residents);
  const industries = [...new Set([...Object.keys(truth.residentsByIndustry), ...approvedIndustries])].sort();
  for (const ind of industries) add(`  residents: ${ind}`, (b.residentsByIndustry[ind] ?? 0) + (truth.residentsByIndustry[ind] ?? 0) + approvedIndustries.filter((x) => x === ind).length, s.residentsByIndustry[ind] ?? 0);
  add('cumulative revenue, fen (multiplier, park)', big(b.revenueFen) + truth.revenueFen, s.revenueFen);
  add('cumulative data-element input, fen (multiplier, park)', big(b.inputFen) + truth.inputFen, s.inputFen);
  add('multiplier (park)', ratio(big(b.revenueFen) + truth.revenueFen, big(b.inputFen) + truth.inputFen), s.multiplier);
  add('reporting enterprises (park)', b.reporting + truth.reporting, s.reporting);
  add('dashboard revenue total, fen (change)', truth.revenueFen, big(s.dashboardRevenueFen) - big(b.dashboardRevenueFen));
  add('dashboard input total, fen (change)', truth.inputFen, big(s.dashboardInputFen) - big(b.dashboardInputFen));
  for (const ind of Object.keys(truth.byIndustry).sort()) {
    const t = truth.byIndustry[ind]!;
    const base = b.byIndustry[ind] ?? { revenueFen: '0', inputFen: '0' };
    const got = s.byIndustry[ind] ?? { revenueFen: '0', inputFen: '0' };
    add(`  revenue, fen: ${ind}`, big(base.revenueFen) + t.revenueFen, got.revenueFen);
    add(`  input, fen: ${ind}`, big(base.inputFen) + t.inputFen, got.inputFen);
    add(`  multiplier: ${ind}`, ratio(big(base.revenueFen) + t.revenueFen, big(base.inputFen) + t.inputFen), ratio(big(got.revenueFen), big(got.inputFen)));
  }
  add('usage, bytes (monthly charges, billable)', truth.bytes, s.chargesBytes);
  add('monthly charges, fen', truth.chargesFen, s.chargesFen);
  add('quota alerts (all months)', truth.quotaAlerts.reduce((x, y) => x + y, 0), s.quotaAlerts.reduce((x, y, k) => x + y - (b.quotaAlerts[k] ?? 0), 0));
  model.options.months.forEach((month, k) => add(`  quota alerts: ${month}`, (b.quotaAlerts[k] ?? 0) + truth.quotaAlerts[k]!, s.quotaAlerts[k]!));
  add('placements (talent totals)', b.placed + truth.placed, s.placed);
  state.programs.forEach((p, k) => add(`  placements: program ${k + 1}`, p.placed, placements[k]!));
  return out;
}

/**
 * Compares the ground truth with what the gateway reports, waiting (up to `timeoutMs`) for the
 * events still in flight to land; returns the rows of the last comparison.
 */
export async function reconcile(client: GatewayClient, model: ParkModel, state: SimulationState, timeoutMs: number, onWait?: (mismatches: number) => void): Promise<{ rows: Row[]; truth: Truth }> {
  const truth = groundTruth(model, state);
  const ids = new Set(state.ids);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await snapshot(client, model.options.months, ids);
    const placements: number[] = [];
    for (const p of state.programs) placements.push((await client.ok<{ placements: unknown[] }>('query P($p: ID) { placements(programId: $p) { id } }', { p: p.id }, ADMIN)).placements.length);
    const result = rows(model, truth, state.baseline, s, state, placements);
    const bad = result.filter((r) => !r.ok).length;
    if (bad === 0 || Date.now() > deadline) return { rows: result, truth };
    onWait?.(bad);
    await sleep(2000);
  }
}

export function formatTable(rows: Row[]): string {
  const w = [Math.max(6, ...rows.map((r) => r.figure.length)), Math.max(5, ...rows.map((r) => r.truth.length)), Math.max(7, ...rows.map((r) => r.gateway.length))];
  const line = (a: string, b: string, c: string, d: string): string => `${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c.padStart(w[2]!)}  ${d}`;
  return [line('figure', 'truth', 'gateway', ''), line('-'.repeat(w[0]!), '-'.repeat(w[1]!), '-'.repeat(w[2]!), ''), ...rows.map((r) => line(r.figure, r.truth, r.gateway, r.ok ? 'ok' : 'MISMATCH'))].join('\n');
}

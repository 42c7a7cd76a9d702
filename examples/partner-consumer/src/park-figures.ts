import { ENTERPRISE_STATUSES, type EnterpriseStatus, type ParkView } from './park-view';

/**
 * The park's figures from a view, as plain JSON (money in integer fen as decimal
 * strings). `only` restricts them to some enterprises (a partner interested in a
 * few; a test comparing the enterprises it created on a shared broker).
 */
export interface ParkFigures {
  enterprises: {
    total: number;
    byStatus: Record<EnterpriseStatus, number>;
    /** In the park now: approved (resident) or suspended. */
    residents: number;
    residentsByIndustry: Record<string, number>;
  };
  allocations: { byStatus: Record<string, number>; activeBandwidthMbps: number };
  charges: { enterpriseMonths: number; billableBytes: string; inputFen: string; marketValueFen: string; savingFen: string };
  revenue: {
    reports: number;
    /** Reports with an accepted version (the park's figures use it). */
    accepted: number;
    /** Reports whose latest version waits for review, or was returned. */
    pending: number;
    /** The accepted version of every accepted report. */
    revenueFen: string;
    taxFen: string;
    overdueOutstanding: number;
  };
  /** Revenue ÷ input over the enterprise-months that have both an accepted report and a charge. */
  multiplier: { revenueFen: string; inputFen: string; enterprises: number; multiplier: string | null };
  quotaAlerts: { total: number; byMonth: Record<string, number> };
  talent: { programs: number; trained: number; completed: number; placed: number };
}

export function parkFigures(view: ParkView, only?: ReadonlySet<string>): ParkFigures {
  const mine = (enterpriseId: string): boolean => !only || only.has(enterpriseId);
  const enterprises = [...view.enterprises.values()].filter((e) => mine(e.id));
  const byStatus = Object.fromEntries(ENTERPRISE_STATUSES.map((s) => [s, 0])) as Record<EnterpriseStatus, number>;
  const residentsByIndustry: Record<string, number> = {};
  for (const e of enterprises) {
    byStatus[e.status] += 1;
    if (e.status === 'approved' || e.status === 'suspended') residentsByIndustry[e.industry] = (residentsByIndustry[e.industry] ?? 0) + 1;
  }

  const allocations = [...view.allocations.values()].filter((a) => mine(a.enterpriseId));
  const allocationsByStatus: Record<string, number> = {};
  for (const a of allocations) allocationsByStatus[a.status] = (allocationsByStatus[a.status] ?? 0) + 1;

  const charges = [...view.charges.values()].filter((c) => mine(c.enterpriseId));
  const reports = [...view.reports.values()].filter((r) => mine(r.enterpriseId));
  const reported = new Set(reports.map((r) => `${r.enterpriseId}|${r.month}`));

  let pairedRevenue = 0n;
  let pairedInput = 0n;
  const pairedEnterprises = new Set<string>();
  const accepted = reports.filter((r) => r.accepted !== null);
  for (const r of accepted) {
    const charge = view.charges.get(`${r.enterpriseId}|${r.month}`);
    if (!charge) continue;
    pairedRevenue += r.accepted!.revenueFen;
    pairedInput += charge.chargeFen;
    pairedEnterprises.add(r.enterpriseId);
  }

  const alerts = [...view.quotaAlerts.values()].filter((a) => mine(a.enterpriseId));
  const alertsByMonth: Record<string, number> = {};
  for (const a of alerts) alertsByMonth[a.month] = (alertsByMonth[a.month] ?? 0) + 1;

  const programs = [...view.programs.values()].filter((p) => !only || p.sponsorEnterpriseIds.some((id) => only.has(id)));
  const programIds = new Set(programs.map((p) => p.id));
  const ofPrograms = (m: Map<string, string>): number => [...m.values()].filter((programId) => !only || programIds.has(programId)).length;

  return {
    enterprises: { total: enterprises.length, byStatus, residents: byStatus.approved + byStatus.suspended, residentsByIndustry: sortedByKey(residentsByIndustry) },
    allocations: { byStatus: sortedByKey(allocationsByStatus), activeBandwidthMbps: allocations.filter((a) => a.status === 'active').reduce((s, a) => s + a.bandwidthMbps, 0) },
    charges: {
      enterpriseMonths: charges.length,
      billableBytes: sum(charges.map((c) => c.billableBytes)),
      inputFen: sum(charges.map((c) => c.chargeFen)),
      marketValueFen: sum(charges.map((c) => c.marketValueFen)),
      savingFen: sum(charges.map((c) => c.savingFen)),
    },
    revenue: {
      reports: reports.length,
      accepted: accepted.length,
      pending: reports.filter((r) => r.status !== 'accepted').length,
      revenueFen: sum(accepted.map((r) => r.accepted!.revenueFen)),
      taxFen: sum(accepted.map((r) => r.accepted!.taxFen)),
      overdueOutstanding: [...view.overdue].filter((key) => mine(key.split('|')[0]!) && !reported.has(key)).length,
    },
    multiplier: { revenueFen: pairedRevenue.toString(), inputFen: pairedInput.toString(), enterprises: pairedEnterprises.size, multiplier: ratio(pairedRevenue, pairedInput) },
    quotaAlerts: { total: alerts.length, byMonth: sortedByKey(alertsByMonth) },
    talent: { programs: programs.length, trained: ofPrograms(view.enrollments), completed: ofPrograms(view.completions), placed: [...view.placements.values()].filter((p) => mine(p.enterpriseId)).length },
  };
}

/** revenue ÷ input with two decimals, rounded half up, in integers only; null without input. */
export function ratio(revenueFen: bigint, inputFen: bigint, decimals = 2): string | null {
  if (inputFen <= 0n) return null;
  const scale = 10n ** BigInt(decimals);
  const scaled = (revenueFen * scale * 2n + inputFen) / (inputFen * 2n);
  return `${scaled / scale}.${(scaled % scale).toString().padStart(decimals, '0')}`;
}

/** Integer fen as yuan with thousands separators and exactly two decimals: 123456789n → "1,234,567.89". */
export function formatYuan(fen: bigint | string): string {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function sum(values: bigint[]): string {
  return values.reduce((a, b) => a + b, 0n).toString();
}

function sortedByKey(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

import type { ParkFigures } from './park-figures';
import { formatYuan } from './park-figures';
import type { InvalidRecord } from './park-stream';
import type { ParkView } from './park-view';

export interface SummaryInput {
  figures: ParkFigures;
  records: number;
  applied: number;
  duplicates: number;
  stale: number;
  invalidCount: number;
  invalid: readonly InvalidRecord[];
  seconds: number;
  groupId: string;
}

/** How many invalid records the summary lists one by one (all are counted). */
const LISTED_INVALID = 20;

/** The view as a partner reads it on a terminal. */
export function formatSummary(s: SummaryInput): string {
  const f = s.figures;
  const lines: string[] = [];
  const row = (label: string, value: string | number): void => void lines.push(`  ${label.padEnd(40)} ${value}`);
  lines.push(`Valley park, rebuilt from the public event stream (group ${s.groupId}, ${s.seconds.toFixed(1)} s)`);
  lines.push('');
  lines.push('Enterprises');
  row('known', f.enterprises.total);
  for (const [status, count] of Object.entries(f.enterprises.byStatus)) row(`  ${status}`, count);
  row('residents (approved or suspended)', f.enterprises.residents);
  lines.push('  residents by industry');
  for (const [industry, count] of Object.entries(f.enterprises.residentsByIndustry).sort(([, a], [, b]) => b - a)) row(`  ${industry}`, count);
  lines.push('');
  lines.push('Data-flow allocations');
  for (const [status, count] of Object.entries(f.allocations.byStatus)) row(status, count);
  row('active bandwidth', `${f.allocations.activeBandwidthMbps.toLocaleString('en')} Mbps`);
  lines.push('');
  lines.push('Monthly charges (data-element input, highest revision)');
  row('enterprise-months', f.charges.enterpriseMonths);
  row('billable bytes', BigInt(f.charges.billableBytes).toLocaleString('en'));
  row('input', `${formatYuan(f.charges.inputFen)} yuan`);
  row('market value', `${formatYuan(f.charges.marketValueFen)} yuan`);
  row('saving for the residents', `${formatYuan(f.charges.savingFen)} yuan`);
  lines.push('');
  lines.push('Revenue reports (the accepted version of each)');
  row('reports', f.revenue.reports);
  row('  accepted', f.revenue.accepted);
  row('  waiting for review or returned', f.revenue.pending);
  row('revenue', `${formatYuan(f.revenue.revenueFen)} yuan`);
  row('tax', `${formatYuan(f.revenue.taxFen)} yuan`);
  row('overdue, not reported since', f.revenue.overdueOutstanding);
  lines.push('');
  lines.push('Data element multiplier (months with a report and a charge)');
  row('revenue', `${formatYuan(f.multiplier.revenueFen)} yuan`);
  row('input', `${formatYuan(f.multiplier.inputFen)} yuan`);
  row('enterprises', f.multiplier.enterprises);
  row('multiplier', f.multiplier.multiplier ?? 'n/a (no input)');
  lines.push('');
  lines.push('Quota alerts, talent');
  row('quota alerts (80 % and 100 %)', f.quotaAlerts.total);
  row('talent programs', f.talent.programs);
  row('trainees enrolled / completed / placed', `${f.talent.trained} / ${f.talent.completed} / ${f.talent.placed}`);
  lines.push('');
  lines.push('Stream');
  row('records read', s.records);
  row('applied', s.applied);
  row('duplicates dropped (same id)', s.duplicates);
  row('older revisions or versions', s.stale);
  row('invalid (not applied)', s.invalidCount);
  for (const r of s.invalid.slice(0, LISTED_INVALID)) lines.push(`    ${r.topic} [${r.partition}] @${r.offset}: ${r.reason}`);
  if (s.invalidCount > LISTED_INVALID) lines.push(`    … and ${s.invalidCount - LISTED_INVALID} more`);
  return lines.join('\n');
}

/** The whole view as JSON: integers that can exceed 2^53 (fen, bytes) as decimal strings. */
export function viewJson(view: ParkView, extra: Record<string, unknown>): string {
  const body = {
    ...extra,
    enterprises: [...view.enterprises.values()],
    allocations: [...view.allocations.values()],
    charges: [...view.charges.values()],
    reports: [...view.reports.values()],
    overdue: [...view.overdue].map((key) => ({ enterpriseId: key.split('|')[0], month: key.split('|')[1] })),
    quotaAlerts: [...view.quotaAlerts.values()],
    programs: [...view.programs.values()],
    placements: [...view.placements.values()],
  };
  return JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
}

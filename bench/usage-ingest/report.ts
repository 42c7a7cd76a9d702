import { table } from '../relay/stats';
import type { Check } from './exactness';
import type { FollowResult } from './follow';
import type { Tick } from './monitor';
import type { GroundTruth } from './records';

export interface RunFigures {
  records: number;
  enterprises: number;
  truth: GroundTruth;
  produceRatePerSec: number;
  consumeStartAt: number;
  follow: FollowResult;
  ticks: Tick[];
  servicePeakRssMb: number;
  checks: Check[];
  dlqRaw: number;
  prefill: boolean;
  tune: string | undefined;
  invalidKinds: readonly string[];
  /** Months closed in the bench database at the end (the scheduler closes last month 10 min after start). */
  closedMonths: string[];
  chargeRevisions: number;
}

const perSec = (count: number, ms: number): number => (ms > 0 ? Math.round((count * 1000) / ms) : 0);
const max = (xs: Array<number | undefined>): number => xs.reduce<number>((m, x) => (x !== undefined && x > m ? x : m), 0);
const mean = (xs: Array<number | undefined>): number | undefined => {
  const ys = xs.filter((x): x is number => x !== undefined);
  return ys.length ? Math.round(ys.reduce((a, b) => a + b, 0) / ys.length) : undefined;
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/** The best rate over any `window` consecutive samples. */
function bestWindow(ticks: Tick[], window: number): number {
  let best = 0;
  for (let i = window; i < ticks.length; i++) best = Math.max(best, perSec(ticks[i]!.consumed - ticks[i - window]!.consumed, ticks[i]!.at - ticks[i - window]!.at));
  return best;
}

/** Prints the summary table to stdout and, as the last line, one line of JSON; returns whether totals were exact. */
export function report(f: RunFigures): boolean {
  const { truth, follow, ticks } = f;
  const consuming = ticks.filter((k) => k.at > f.consumeStartAt && k.at <= follow.lastChangeAt);
  const sustained = perSec(f.records, follow.lastChangeAt - f.consumeStartAt);
  const busy = consuming.filter((k) => k.lagCommitted > 0 && k.ratePerSec > 0).map((k) => k.ratePerSec);
  const peak = bestWindow(consuming, 5);
  const exact = f.checks.every((c) => c.ok) && !follow.stalled;
  const kill = follow.kill;
  const step = Math.max(5, Math.ceil(ticks.length / 40));
  const lagSeries = ticks.filter((_, i) => i % step === 0 || i === ticks.length - 1).map((k) => `${k.t.toFixed(0)}s ${Math.round(k.lagCommitted / 1000)}k`);
  const rows: Array<Array<string | number>> = [
    ['', 'value'],
    ['records produced', f.records],
    ['  unique valid / duplicates / invalid', `${truth.uniqueValid} / ${truth.duplicates} / ${truth.invalid}`],
    ['  enterprises', f.enterprises],
    ['  invalid kinds', f.invalidKinds.join(', ') || 'none'],
    ['consumer settings', f.tune ? `TUNED by the bench (experiment): ${f.tune}` : 'as shipped'],
    [`produce rate (records/s)${f.prefill ? ', before the service started' : ''}`, f.produceRatePerSec],
    [`consume sustained (records/s: all records / ${f.prefill ? 'service ready' : 'first send'} → last apply)`, sustained],
    ['  median of 1 s rates while lagging', median(busy)],
    ['  peak (best 5 s)', peak],
    ['  peak (best 1 s)', bestWindow(consuming, 1)],
    ['  duration (s)', Math.round((follow.lastChangeAt - f.consumeStartAt) / 100) / 10],
    ['consumer lag max (committed, records)', max(ticks.map((k) => k.lagCommitted))],
    ['service peak RSS (MB, VmHWM)', f.servicePeakRssMb],
    ['Kafka peak RSS (MB)', max(ticks.map((k) => k.rssMb.kafka))],
    ['PostgreSQL peak RSS (MB, private + shared once)', max(ticks.map((k) => k.rssMb.postgres))],
    ['mean CPU while consuming (% of a core): service / pg / kafka / bench / host', ['service', 'postgres', 'kafka', 'bench', 'host'].map((k) => mean(consuming.map((t) => t.cpu[k as keyof Tick['cpu']])) ?? '-').join(' / ')],
    ['killed -9 and restarted', kill ? `yes, at ${kill.appliedAtKill} applied; ready again after ${((kill.readyAt - kill.killedAt) / 1000).toFixed(1)} s, applying again after ${kill.resumedAt ? ((kill.resumedAt - kill.killedAt) / 1000).toFixed(1) : '?'} s` : 'no'],
    ['DLQ records read (raw, incl. redelivered)', f.dlqRaw],
    ['months closed / monthly charge rows at the end', `${f.closedMonths.join(', ') || 'none'} / ${f.chargeRevisions}`],
  ];
  const out: string[] = [`\n${table(rows)}`, `\nlag over time (committed, every ${step} s): ${lagSeries.join(' | ')}`, ''];
  out.push(table([['exactness check', 'expected', 'actual', ''], ...f.checks.map((c) => [c.name, c.expected, c.actual, c.ok ? 'ok' : 'MISMATCH'])]));
  if (follow.stalled) out.push('\nthe wait ended on a stall (no progress), not on completion');
  out.push(`\n${exact ? 'PASS' : 'FAIL'}: totals ${exact ? 'exact to the byte' : 'NOT exact'}`);
  process.stdout.write(`${out.join('\n')}\n`);
  const json = {
    bench: 'usage-ingest',
    records: f.records,
    unique: truth.uniqueValid,
    duplicates: truth.duplicates,
    invalid: truth.invalid,
    ratePerSec: { sustained, peak, median: median(busy), produce: f.produceRatePerSec },
    lag: { max: max(ticks.map((k) => k.lagCommitted)) },
    memory: { servicePeakRssMb: f.servicePeakRssMb, kafkaPeakRssMb: max(ticks.map((k) => k.rssMb.kafka)), postgresPeakRssMb: max(ticks.map((k) => k.rssMb.postgres)) },
    killed: kill !== undefined,
    prefill: f.prefill,
    tune: f.tune ?? null,
    exact,
    targets: { rate25k: sustained >= 25_000 },
  };
  process.stdout.write(`${JSON.stringify(json)}\n`);
  return exact;
}

import { join } from 'node:path';
import { parkMonthOf } from '@valley/contracts';
import type { KafkaSasl } from '@valley/messaging';
import { GatewayClient } from './gateway-client';
import { Journal } from './journal';
import { buildParkModel, pastMonths } from './park-model';
import { Progress } from './progress';
import { formatTable, reconcile, ratio, type Row, type Truth } from './reconciliation';
import { runSimulation } from './simulation';

export interface SimulatorOptions {
  enterprises: number;
  months: number;
  seed: string;
  /** Gateway calls in flight at once. */
  speed: number;
  gatewayUrl: string;
  jwtSecret: string;
  brokers: string[];
  /** The carrier's credentials on a secured broker (usage records are a carrier's to write). */
  sasl?: KafkaSasl;
  /** Where journals go; undefined keeps none (no resume). */
  journalDir?: string;
  liveShare: number;
  recordsPerMonth: number;
  reconcileTimeoutMs: number;
  out?: NodeJS.WriteStream;
}

export interface SimulatorResult {
  ok: boolean;
  rows: Row[];
  truth: Truth;
  table: string;
  seconds: number;
  runId: string;
}

/** One run: the model from the options, the months lived through the platform, the reconciliation. */
export async function simulate(o: SimulatorOptions): Promise<SimulatorResult> {
  const started = Date.now();
  const months = pastMonths(o.months, parkMonthOf(new Date()));
  const runId = `s${o.seed}-e${o.enterprises}-m${o.months}-to${months[months.length - 1]}`;
  const model = buildParkModel({ enterprises: o.enterprises, months, seed: o.seed, liveShare: o.liveShare, recordsPerMonth: o.recordsPerMonth });
  const journal = new Journal(o.journalDir ? join(o.journalDir, `${runId}.jsonl`) : undefined);
  const progress = new Progress(months.length, o.out);
  const client = new GatewayClient(o.gatewayUrl, o.jwtSecret);
  progress.log(`simulator: ${model.enterprises.length} residents arriving over ${months[0]}…${months[months.length - 1]}, ${model.applicants.length} live applicants, seed ${o.seed}${journal.size ? `, resuming (${journal.size} steps done)` : ''}${journal.file ? `; journal ${journal.file}` : ''}`);
  const state = await runSimulation({ model, client, brokers: o.brokers, sasl: o.sasl, journal, progress, concurrency: o.speed, runId });
  progress.update({ phase: 'reconciling', requests: client.requests });
  const { rows, truth } = await reconcile(client, model, state, o.reconcileTimeoutMs, (bad) => progress.update({ phase: `reconciling (${bad} figures still moving)`, requests: client.requests }));
  progress.done();
  const ok = rows.every((r) => r.ok);
  const note = `Applicants approved this month (${truth.liveApplicants}) are residents but report nothing yet: their first month is not over.`;
  const table = `${formatTable(rows)}\n\n${note}\nThe run's own totals: input ${yuan(truth.inputFen)} yuan, revenue ${yuan(truth.revenueFen)} yuan, multiplier ${ratio(truth.revenueFen, truth.inputFen)} (published: 4.3 bn, 35.2 bn, ≈ 8).`;
  return { ok, rows, truth, table, seconds: (Date.now() - started) / 1000, runId };
}

function yuan(fen: bigint): string {
  return (fen / 100n).toLocaleString('en');
}

/**
 * npm run bench:simulate [-- --enterprises 600 --months 36 --seed 1 --speed 8 --records 4]
 *
 * The simulator's full default run (three years, about 600 enterprises)
 * through the real park, timed: the four services and the gateway from dist
 * as child processes on fresh databases and consumer groups of their own (like
 * bench:gateway), on the local broker and database (or KAFKA_BROKERS /
 * DATABASE_URL). Prints the simulator's progress and reconciliation table, the
 * time, rates and peak memory, and one line of JSON. Exit code 1 when a figure
 * did not reconcile.
 */
import { randomBytes } from 'node:crypto';
import { createKafka } from '@valley/messaging';
import { ensureKafka, stopKafka, type KafkaHandle } from '../../infra/local/kafka';
import { ensurePostgres, stopPostgres, type PostgresHandle } from '../../infra/local/postgres';
import { simulate } from '../../apps/simulator/src/simulator';
import { exitOnUsageError, parseBenchArgs } from '../options';
import { log } from '../relay/support';
import { compiledPark } from '../usage-ingest/build';
import { BenchPark } from '../gateway/park';

const USAGE = 'options: --enterprises N (600) --months M (36) --seed S (1) --speed C (8 gateway calls in flight) --records R (4 usage records per enterprise-month)';

function options(): { enterprises: number; months: number; seed: string; speed: number; records: number } {
  const args = parseBenchArgs(USAGE, ['enterprises', 'months', 'seed', 'speed', 'records']);
  return { enterprises: args.int('enterprises', 600, 1, 100_000), months: args.int('months', 36, 1, 120), seed: args.string('seed') ?? '1', speed: args.int('speed', 8, 1, 64), records: args.int('records', 4, 1, 100) };
}

async function main(): Promise<void> {
  const o = options();
  const runId = randomBytes(4).toString('hex');
  let pg: PostgresHandle | undefined;
  let kafkaHandle: KafkaHandle | undefined;
  let park: BenchPark | undefined;
  try {
    pg = await ensurePostgres(log);
    kafkaHandle = await ensureKafka(log);
    const kafka = createKafka({ brokers: kafkaHandle.brokers, clientId: `bench-simulate-${runId}` });
    const distDir = await compiledPark();
    park = new BenchPark({ distDir, serverUrl: pg.url, brokers: kafkaHandle.brokers, kafka, runId, rateLimitPerSecond: 100_000 });
    await park.start();
    log(`simulate: ${o.enterprises} enterprises × ${o.months} months, seed ${o.seed}, ${o.speed} calls in flight`);
    const result = await simulate({ enterprises: o.enterprises, months: o.months, seed: o.seed, speed: o.speed, gatewayUrl: park.gatewayUrl, jwtSecret: park.jwtSecret, brokers: kafkaHandle.brokers, liveShare: 0.05, recordsPerMonth: o.records, reconcileTimeoutMs: 600_000, out: process.stderr });
    park.notePeaks();
    process.stdout.write(`\n${result.table}\n\n`);
    const t = result.truth;
    const memory = Object.fromEntries(park.processes().map(([name, p]) => [`${name}PeakRssMb`, p.peakRssMb]));
    const mismatches = result.rows.filter((r) => !r.ok).length;
    process.stdout.write(`${result.ok ? 'every figure reconciled' : `${mismatches} figures did not reconcile`} in ${result.seconds.toFixed(0)} s\n`);
    process.stdout.write(`${JSON.stringify({
      bench: 'simulate',
      enterprises: o.enterprises,
      months: o.months,
      seed: o.seed,
      seconds: Math.round(result.seconds),
      reconciled: result.ok,
      mismatches,
      figures: result.rows.length,
      totals: { inputYuan: Number(t.inputFen / 100n), revenueYuan: Number(t.revenueFen / 100n), multiplier: t.inputFen === 0n ? null : Number((t.revenueFen * 100n) / t.inputFen) / 100, usageBytes: t.bytes.toString(), quotaAlerts: t.quotaAlerts.reduce((a, b) => a + b, 0), placed: t.placed, residents: t.residents },
      memory,
    })}\n`);
    if (!result.ok) process.exitCode = 1;
  } finally {
    await park?.stop();
    if (kafkaHandle?.started) await stopKafka();
    if (pg?.started) await stopPostgres();
  }
}

main().catch((err: unknown) => {
  exitOnUsageError(err);
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
});

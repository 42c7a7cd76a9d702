/**
 * npm run bench:usage-ingest [-- --records 1000000 --enterprises 200 --kill]
 *
 * The real provisioning service (dist, a child process) on a fresh database
 * and consumer groups of its own, on the local broker and database; N carrier
 * usage records (1 % duplicates, 0.1 % invalid) on valley.flow.usage-records.v1.
 * Measures ingest rate, consumer lag and memory, then checks the stored
 * totals against the ground truth to the byte. Progress goes to stderr; the
 * table and, as the last line, one line of JSON to stdout.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { parkMonthOf, Topics } from '@valley/contracts';
import { createKafka, ensureTopics, errorText } from '@valley/messaging';
import { ensureKafka, stopKafka, type KafkaHandle } from '../../infra/local/kafka';
import { LOG_DIR } from '../../infra/local/paths';
import { ensurePostgres, stopPostgres, type PostgresHandle } from '../../infra/local/postgres';
import { exitOnUsageError, parseBenchArgs } from '../options';
import { now } from '../relay/stats';
import { abort, log, withTimeout } from '../relay/support';
import { checkExactness, DLQ_TOPIC, DlqCounter } from './exactness';
import { followConsumption } from './follow';
import { Monitor } from './monitor';
import { produceAll, type ProduceProgress } from './producer';
import { INVALID_KINDS, RecordStream, type InvalidKind } from './records';
import { report } from './report';
import { compiledService } from './build';
import { freePort, ServiceProcess } from './service';
import { deleteGroups, positionGroupAtEnd } from '@valley/testing';
import { approveEnterprises, BenchDatabase, createPoolAndPlan } from './setup';

const USAGE = `options: --records N (1000000) --enterprises E (200) --kill (kill -9 and restart the service at 40 %)
  --kill-at F (0.4) --batch B records per send (1000) --in-flight S sends in flight (4)
  --invalid-kinds negative,window,json|none (all) --prefill (produce everything with the service stopped,
  then start it: the consumer alone) --timeout-min (30)
  --close-last-month (mark last month closed before producing, as the month-close scheduler does 10 min after
  start: every chunk with last month's records then recomputes that month's charges)
  --profile (a V8 CPU profile of the service, in .valley/logs/bench-usage-<run>-prof)
  --tune chunk=N,concurrency=N,precheck,fastdate (EXPERIMENTS: consumer settings patched into the service at load, see tune-preload.ts)`;

interface Options {
  records: number;
  enterprises: number;
  kill: boolean;
  killAt: number;
  batch: number;
  inFlight: number;
  invalidKinds: InvalidKind[];
  prefill: boolean;
  timeoutMin: number;
  tune?: string;
  profile: boolean;
  closeLastMonth: boolean;
}

function parseOptions(): Options {
  const args = parseBenchArgs(USAGE, ['records', 'enterprises', 'kill-at', 'batch', 'in-flight', 'invalid-kinds', 'timeout-min', 'tune'], ['kill', 'prefill', 'profile', 'close-last-month']);
  const killAt = Number(args.string('kill-at') ?? 0.4);
  if (!(killAt > 0 && killAt < 1)) throw args.mistake('--kill-at must be between 0 and 1');
  const kinds = (args.string('invalid-kinds') ?? INVALID_KINDS.join(',')).split(',').filter((k) => k !== 'none' && k !== '');
  const invalidKinds = kinds.map((k) => {
    if (!INVALID_KINDS.includes(k as InvalidKind)) throw args.mistake(`--invalid-kinds: unknown kind ${k}`);
    return k as InvalidKind;
  });
  return {
    records: args.int('records', 1_000_000), enterprises: args.int('enterprises', 200), kill: args.flag('kill'), killAt, batch: args.int('batch', 1000),
    inFlight: args.int('in-flight', 4), invalidKinds, prefill: args.flag('prefill'), timeoutMin: args.int('timeout-min', 30), tune: args.string('tune'), profile: args.flag('profile'), closeLastMonth: args.flag('close-last-month'),
  };
}

function previousParkMonth(at: Date): string {
  const [y, m] = parkMonthOf(at).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Sets up, runs and checks one run; whatever it opened is closed before it returns or throws. */
async function run(o: Options, brokers: string[], serverUrl: string): Promise<boolean> {
  const runId = randomBytes(3).toString('hex');
  const kafka = createKafka({ brokers, clientId: `bench-usage-${runId}` });
  const closers: Array<{ what: string; close: () => Promise<void> }> = [];
  try {
    await withTimeout('creating the contract topics', 60_000, () => ensureTopics(kafka));
    const distDir = await compiledService();
    const db = await BenchDatabase.create(serverUrl, `bench_usage_${runId}`);
    closers.push({ what: `dropping database ${db.name}`, close: () => db.drop() });
    const prefix = `bench-usage-${runId}`;
    const groups = [
      { groupId: `${prefix}.enterprise-lifecycle`, topic: Topics.EnterpriseLifecycle },
      { groupId: `${prefix}.usage-records`, topic: Topics.FlowUsageRecords },
      { groupId: `${prefix}.dlq-reader`, topic: DLQ_TOPIC },
    ];
    const usageGroup = groups[1]!.groupId;
    await withTimeout('positioning the consumer groups at the end', 60_000, async () => {
      for (const g of groups) await positionGroupAtEnd(kafka, g.groupId, g.topic);
    });
    closers.push({ what: 'deleting the consumer groups', close: () => deleteGroups(kafka, groups.map((g) => g.groupId)) });
    const secret = randomBytes(32).toString('base64url');
    const service = new ServiceProcess({ distDir, databaseUrl: db.url, brokers, port: await freePort(), identitySecret: secret, groupPrefix: prefix, tune: o.tune,
      profileDir: o.profile ? path.join(LOG_DIR, `bench-usage-${runId}-prof`) : undefined }, runId);
    closers.push({ what: 'stopping the service', close: () => service.stop() });
    log(`run ${runId}: database ${db.name}, groups ${prefix}.*, ${o.records} records, ${o.enterprises} enterprises${o.kill ? `, kill -9 at ${o.killAt * 100} %` : ''}${o.tune ? `, TUNED: ${o.tune}` : ''}`);
    await service.start();
    await createPoolAndPlan(service.baseUrl, secret, runId);
    const enterprises = Array.from({ length: o.enterprises }, () => randomUUID());
    await approveEnterprises(kafka, db, enterprises, previousParkMonth(new Date()), 120_000);
    const dlq = new DlqCounter(kafka, groups[2]!.groupId, new Set(enterprises), usageGroup);
    await withTimeout('starting the DLQ reader', 60_000, () => dlq.start());
    closers.push({ what: 'stopping the DLQ reader', close: () => dlq.stop() });
    if (o.closeLastMonth) await db.query('INSERT INTO closed_months (month) VALUES ($1)', [previousParkMonth(new Date())]);
    const stream = new RecordStream({ runId, total: o.records, enterprises, duplicateRate: 0.01, invalidRate: 0.001, invalidKinds: o.invalidKinds, seed: randomBytes(4).readUInt32LE() });
    const produce: ProduceProgress = { produced: 0, startedAt: 0, finishedAt: 0 };
    const monitor = new Monitor({ kafka, db, service, dlq, produce, usageGroup, enterprises });
    await monitor.open();
    closers.push({ what: 'closing the monitor', close: () => monitor.close() });
    await monitor.sample(false);
    log(`producing ${o.records} records: batches of ${o.batch}, ${o.inFlight} in flight${o.prefill ? ', the service stopped' : ''}`);
    if (o.prefill) await service.stop();
    let producing = produceAll(kafka, stream, o.records, o.batch, o.inFlight, produce);
    let consumeStartAt = now();
    if (o.prefill) {
      await producing;
      log(`produced ${o.records} records in ${((produce.finishedAt - produce.startedAt) / 1000).toFixed(1)} s; starting the service`);
      await service.start();
      producing = Promise.resolve();
      consumeStartAt = now();
    }
    const follow = await followConsumption({ monitor, service, produce, producing, truth: stream.truth, total: o.records, killAt: o.kill ? o.killAt : undefined, stallMs: 90_000, timeoutMs: o.timeoutMin * 60_000 });
    service.notePeak();
    await dlq.catchUp(30_000);
    const checks = await checkExactness(db, stream.truth, enterprises, dlq, usageGroup, runId);
    const closedMonths = (await db.query<{ month: string }>('SELECT month FROM closed_months ORDER BY month')).map((r) => r.month);
    const revisions = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM monthly_charges');
    return report({
      records: o.records, enterprises: o.enterprises, truth: stream.truth, prefill: o.prefill, tune: o.tune, invalidKinds: o.invalidKinds,
      produceRatePerSec: Math.round((produce.produced * 1000) / Math.max(1, produce.finishedAt - produce.startedAt)),
      consumeStartAt: o.prefill ? consumeStartAt : produce.startedAt, follow, ticks: monitor.ticks,
      servicePeakRssMb: service.peakRssMb, checks, dlqRaw: dlq.raw, closedMonths, chargeRevisions: revisions[0]?.n ?? 0,
    });
  } finally {
    for (const { what, close } of closers.reverse()) await withTimeout(what, 60_000, close).catch((err: unknown) => log(`cleanup: ${errorText(err)}`));
  }
}

/** Ctrl-C, SIGTERM or the watchdog abort every wait, so the bench cleans up; a second signal exits at once. */
function installAbort(timeoutMin: number): void {
  const stop = (why: string, code: number): void => {
    if (abort.signal.aborted) process.exit(code);
    log(`${why}: aborting, cleaning up (again to exit at once)`);
    abort.abort(why);
    setTimeout(() => process.exit(code), 120_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT', 130));
  process.on('SIGTERM', () => stop('SIGTERM', 143));
  setTimeout(() => stop(`watchdog: the bench ran longer than ${timeoutMin + 5} min`, 3), (timeoutMin + 5) * 60_000).unref();
}

async function main(): Promise<number> {
  const o = parseOptions();
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  installAbort(o.timeoutMin);
  const infraLog = (line: string): void => log(`infra: ${line}`);
  const [k, pg] = await Promise.allSettled([ensureKafka(infraLog), ensurePostgres(infraLog)]);
  try {
    if (k.status === 'rejected') throw k.reason;
    if (pg.status === 'rejected') throw pg.reason;
    return (await run(o, k.value.brokers, pg.value.url)) ? 0 : 2;
  } finally {
    await stopStarted(k.status === 'fulfilled' ? k.value : undefined, pg.status === 'fulfilled' ? pg.value : undefined);
  }
}

/** Stops Kafka/PostgreSQL only when this run started them, so repeated runs reuse them. */
async function stopStarted(k: KafkaHandle | undefined, pg: PostgresHandle | undefined): Promise<void> {
  if (k?.started) await withTimeout('stopping Kafka', 60_000, () => stopKafka()).catch((err: unknown) => log(`cleanup: ${errorText(err)}`));
  if (pg?.started) await withTimeout('stopping PostgreSQL', 60_000, () => stopPostgres()).catch((err: unknown) => log(`cleanup: ${errorText(err)}`));
}

main().then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    exitOnUsageError(err);
    log(`FAILED: ${err instanceof Error ? (abort.signal.aborted ? err.message : (err.stack ?? err.message)) : String(err)}`);
    process.exit(1);
  },
);

/**
 * npm run bench:relay [-- --events 100000 --rate 1000 --seconds 15 ...]
 *
 * Measures, on the real local broker and database (synchronous_commit on),
 * outbox → OutboxRelay → Kafka → IdempotentConsumer against a bare kafkajs
 * producer → consumer loop. Progress goes to stderr; the table and, as the
 * last line, one line of JSON to stdout.
 */
import { randomBytes } from 'node:crypto';
import { createKafka, ensureTopics, errorText } from '@valley/messaging';
import { ensureKafka, stopKafka, type KafkaHandle } from '../../infra/local/kafka';
import { exitOnUsageError, parseBenchArgs } from '../options';
import { ensurePostgres, stopPostgres, type PostgresHandle } from '../../infra/local/postgres';
import { BareKafka, type BareLatency, type BareThroughput } from './bare-kafka';
import { enterpriseKeys, PhaseRegistry } from './bench-events';
import { Pipeline, WARM_UP_EVENTS, type LatencyResult, type ThroughputResult } from './pipeline';
import { MemorySampler, table, type LatencySummary } from './stats';
import { abort, log, withTimeout } from './support';

const USAGE = `options: --events N (100000) --rate R (1000) --seconds S measured (15) --ramp-seconds S at the rate before them, reported apart (2; 0 for none) --batch B events per write transaction (250)
  --writers W concurrent write transactions (2) --keys K (1000) --max-in-flight M paced sends (64) --bare-in-flight (4)
  --relay-batch, --chunk, --partitions-concurrently (library defaults)
  --per-partition (the consumer applies each partition's chunk in a transaction of its own, not together) --only pipeline|bare --timeout-min (30)
  --prefill (profiling: write all first, then time the relay and consumer draining the outbox)
  --contract-topic (relay to valley.enterprise.lifecycle.v1 itself instead of a topic of the run's own,
               deleted at the end; the contract topic keeps every record forever: a default run adds ~115,000)`;

interface Options {
  events: number;
  rate: number;
  seconds: number;
  rampSeconds: number;
  batch: number;
  writers: number;
  keys: number;
  maxInFlight: number;
  bareInFlight: number;
  relayBatch?: number;
  chunk?: number;
  partitionsConcurrently?: number;
  only?: 'pipeline' | 'bare';
  timeoutMin: number;
  prefill: boolean;
  ownTopic: boolean;
  perPartition: boolean;
}

function parseOptions(): Options {
  const args = parseBenchArgs(
    USAGE,
    ['events', 'rate', 'seconds', 'ramp-seconds', 'batch', 'writers', 'keys', 'max-in-flight', 'bare-in-flight', 'relay-batch', 'chunk', 'partitions-concurrently', 'only', 'timeout-min'],
    ['prefill', 'contract-topic', 'per-partition'],
  );
  const only = args.string('only');
  if (only !== undefined && only !== 'pipeline' && only !== 'bare') throw args.mistake('--only must be pipeline or bare');
  return {
    events: args.int('events', 100_000),
    rate: args.int('rate', 1000),
    seconds: args.int('seconds', 15),
    rampSeconds: args.int('ramp-seconds', 2, 0),
    batch: args.int('batch', 250),
    writers: args.int('writers', 2),
    keys: args.int('keys', 1000),
    maxInFlight: args.int('max-in-flight', 64),
    bareInFlight: args.int('bare-in-flight', 4),
    relayBatch: args.optionalInt('relay-batch'),
    chunk: args.optionalInt('chunk'),
    partitionsConcurrently: args.optionalInt('partitions-concurrently'),
    only,
    timeoutMin: args.int('timeout-min', 30),
    prefill: args.flag('prefill'),
    ownTopic: !args.flag('contract-topic'),
    perPartition: args.flag('per-partition'),
  };
}

interface Results {
  pipeline?: { tp: ThroughputResult; lat: LatencyResult; check: { effects: number; distinct: number; outboxLeft: number; expected: number } };
  bare?: { tp: BareThroughput; lat: BareLatency };
}

/** Runs the phases; whatever it opened is closed before it returns or throws. */
async function measure(o: Options, brokers: string[], serverUrl: string, memory: MemorySampler): Promise<Results> {
  const kafka = createKafka({ brokers, clientId: 'valley-bench-relay', log: (level, message) => level !== 'debug' && level !== 'info' && log(`${level}: ${message}`) });
  const phases = new PhaseRegistry(randomBytes(4).toString('hex'));
  const keys = enterpriseKeys(o.keys);
  const tpTimeout = 60_000 + o.events * 5; // assumes at least 200 events/s
  const latTimeout = (o.rampSeconds + o.seconds) * 1000 + 120_000;
  const results: Results = {};
  const closers: Array<() => Promise<void>> = [];
  try {
    await withTimeout('creating the contract topics', 60_000, () => ensureTopics(kafka));
    if (o.only !== 'bare') {
      const pipeline = new Pipeline({
        kafka, serverUrl, phases, keys, memory,
        relayBatchSize: o.relayBatch, chunkSize: o.chunk, partitionsConsumedConcurrently: o.partitionsConcurrently, combinePartitions: !o.perPartition,
        writerPoolSize: Math.max(o.writers, Math.min(o.maxInFlight, 32)) + 2,
        ownTopic: o.ownTopic,
      });
      closers.push(() => pipeline.close());
      await withTimeout('opening the pipeline', 180_000, () => pipeline.open());
      log(`pipeline throughput: ${o.events} events, ${o.batch} per transaction, ${o.writers} writers`);
      const tp = await pipeline.throughput(o.events, o.batch, o.writers, tpTimeout, o.prefill);
      log(`pipeline latency: ${o.rate}/s for ${o.rampSeconds} s of ramp-up, then ${o.seconds} s measured, one event per transaction`);
      const lat = await pipeline.latency(o.rate, o.seconds, o.rampSeconds, o.maxInFlight, latTimeout);
      const check = { ...(await withTimeout('checking the effects', 60_000, () => pipeline.verify())), expected: WARM_UP_EVENTS + o.events + o.rate * (o.rampSeconds + o.seconds) };
      results.pipeline = { tp, lat, check };
      await closers.pop()!();
    }
    if (o.only !== 'pipeline') {
      const bare = new BareKafka({ kafka, phases, keys, memory });
      closers.push(() => bare.close());
      await withTimeout('opening the bare loop', 120_000, () => bare.open());
      log(`bare throughput: ${o.events} messages, ${o.batch} per send, ${o.bareInFlight} sends in flight`);
      const tp = await bare.throughput(o.events, o.batch, o.bareInFlight, tpTimeout);
      log(`bare latency: ${o.rate}/s for ${o.rampSeconds} s of ramp-up, then ${o.seconds} s measured, one message per send`);
      const lat = await bare.latency(o.rate, o.seconds, o.rampSeconds, o.maxInFlight, latTimeout);
      results.bare = { tp, lat };
      await closers.pop()!();
    }
    return results;
  } finally {
    // Only reached with closers left when a phase failed: close them, keep the phase's error.
    for (const close of closers.reverse()) await close().catch((err: unknown) => log(`cleanup: ${errorText(err)}`));
  }
}

const ms = (s: LatencySummary | undefined, k: keyof LatencySummary): number | string => (s ? s[k] : '-');
const ratio = (a: number | undefined, b: number | undefined): number | null => (a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

function report(o: Options, r: Results, memory: MemorySampler): void {
  const p = r.pipeline;
  const b = r.bare;
  const rows: Array<Array<string | number>> = [
    ['', 'pipeline', 'bare kafka', 'pipeline/bare'],
    ['throughput end to end (events/s)', p?.tp.throughputPerSec ?? '-', b?.tp.throughputPerSec ?? '-', ratio(p?.tp.throughputPerSec, b?.tp.throughputPerSec) ?? '-'],
    ['  writer commits (events/s)', p?.tp.writePerSec ?? '-', '-', ''],
    ['  relay publishes (events/s, ≤ writer)', p?.tp.relayPerSec ?? '-', '-', ''],
    [`latency at ${o.rate}/s, achieved rate`, p?.lat.achievedRate ?? '-', b?.lat.achievedRate ?? '-', ''],
    ...(['p50', 'p90', 'p99', 'max'] as const).map((k) => [`  end to end ${k} (ms)`, ms(p?.lat.e2e, k), ms(b?.lat.e2e, k), ratio(p?.lat.e2e[k], b?.lat.e2e[k]) ?? '-']),
    [`  ramp-up (first ${o.rampSeconds} s, not above) p99/max (ms)`, p?.lat.rampUp ? `${p.lat.rampUp.p99} / ${p.lat.rampUp.max}` : '-', b?.lat.rampUp ? `${b.lat.rampUp.p99} / ${b.lat.rampUp.max}` : '-', ''],
    ...(
      [
        ['  of which write', p?.lat.write],
        ['  of which relay+consume', p?.lat.delivery],
        ['    outbox → relay send', p?.lat.pickup],
        ['    relay send → consumer', p?.lat.kafka],
        ['    consumer apply+commit', p?.lat.apply],
      ] as const
    ).map(([label, s]) => [`${label} p50/p99 (ms)`, s ? `${s.p50} / ${s.p99}` : '-', '-', '']),
  ];
  process.stdout.write(`\n${table(rows)}\n`);
  if (p) {
    const c = p.check;
    const ok = c.effects === c.expected && c.distinct === c.expected && c.outboxLeft === 0;
    process.stdout.write(`\nexactly once: ${ok ? 'yes' : 'NO'} (${c.effects} effect rows, ${c.distinct} distinct events, ${c.expected} written, ${c.outboxLeft} left in the outbox)\n`);
  }
  process.stdout.write(`memory (bench process): peak RSS ${memory.peakRssMb} MB, peak heap used ${memory.peakHeapMb} MB\n`);
  const lat = (s: LatencySummary | undefined) => (s ? { p50: s.p50, p90: s.p90, p99: s.p99, max: s.max } : null);
  const json = {
    bench: 'relay',
    events: o.events,
    measuredSeconds: o.seconds,
    rampSeconds: o.rampSeconds,
    consumerTransactions: o.perPartition ? 'per-partition' : 'partitions-together',
    pipeline: p
      ? { throughputPerSec: p.tp.throughputPerSec, relayPerSec: p.tp.relayPerSec, writePerSec: p.tp.writePerSec, latencyMs: lat(p.lat.e2e), rampUpLatencyMs: lat(p.lat.rampUp), offeredRate: o.rate, achievedRate: p.lat.achievedRate }
      : null,
    bare: b ? { throughputPerSec: b.tp.throughputPerSec, latencyMs: lat(b.lat.e2e), rampUpLatencyMs: lat(b.lat.rampUp), offeredRate: o.rate, achievedRate: b.lat.achievedRate } : null,
    ratio: { throughput: ratio(p?.tp.throughputPerSec, b?.tp.throughputPerSec), latencyP50: ratio(p?.lat.e2e.p50, b?.lat.e2e.p50), latencyP99: ratio(p?.lat.e2e.p99, b?.lat.e2e.p99) },
    memory: { peakRssMb: memory.peakRssMb, peakHeapMb: memory.peakHeapMb },
    targets: { throughput10k: (p?.tp.throughputPerSec ?? 0) >= 10_000, p99Under50ms: p !== undefined && p.lat.e2e.p99 < 50 },
  };
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

/** The exit code once aborted: 130 (SIGINT), 143 (SIGTERM) or 3 (watchdog). */
let abortExitCode = 1;

/** Ctrl-C, SIGTERM or the watchdog abort every wait, so the bench cleans up; a second signal exits at once. */
function installAbort(timeoutMin: number): void {
  const stop = (why: string, code: number): void => {
    if (abort.signal.aborted) process.exit(code);
    abortExitCode = code;
    log(`${why}: aborting, cleaning up (again to exit at once)`);
    abort.abort(why);
    setTimeout(() => {
      log('cleanup did not finish within 90 s; exiting');
      process.exit(code);
    }, 90_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT', 130));
  process.on('SIGTERM', () => stop('SIGTERM', 143));
  setTimeout(() => stop(`watchdog: the bench ran longer than ${timeoutMin} min`, 3), timeoutMin * 60_000).unref();
}

async function main(): Promise<void> {
  const o = parseOptions();
  // Both producers use kafkajs's default partitioner, like the platform's; its v2 notice is noise here.
  process.env['KAFKAJS_NO_PARTITIONER_WARNING'] = '1';
  installAbort(o.timeoutMin);
  const memory = new MemorySampler();
  memory.start();
  const infraLog = (line: string): void => log(`infra: ${line}`);
  const [k, pg] = await Promise.allSettled([ensureKafka(infraLog), ensurePostgres(infraLog)]);
  let results: Results | undefined;
  let failure: unknown;
  try {
    if (k.status === 'rejected') throw k.reason;
    if (pg.status === 'rejected') throw pg.reason;
    results = await measure(o, k.value.brokers, pg.value.url, memory);
  } catch (err) {
    failure = err;
  } finally {
    await stopStarted(k.status === 'fulfilled' ? k.value : undefined, pg.status === 'fulfilled' ? pg.value : undefined);
  }
  memory.stop();
  if (failure !== undefined || !results) throw failure ?? new Error('no results');
  report(o, results, memory);
}

/** Stops Kafka/PostgreSQL only when this run started them, so repeated runs reuse them. */
async function stopStarted(k: KafkaHandle | undefined, pg: PostgresHandle | undefined): Promise<void> {
  if (k?.started) await withTimeout('stopping Kafka', 60_000, () => stopKafka()).catch((err: unknown) => log(`cleanup: ${errorText(err)}`));
  if (pg?.started) await withTimeout('stopping PostgreSQL', 60_000, () => stopPostgres()).catch((err: unknown) => log(`cleanup: ${errorText(err)}`));
}

main().then(
  () => process.stdout.write('', () => process.exit(0)),
  (err: unknown) => {
    exitOnUsageError(err);
    log(`FAILED: ${err instanceof Error ? (abort.signal.aborted ? err.message : (err.stack ?? err.message)) : String(err)}`);
    process.exit(abort.signal.aborted ? abortExitCode : 1);
  },
);

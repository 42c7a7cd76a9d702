/**
 * npm run bench:revenue-dashboard [-- --enterprises 1000 --years 3 --concurrency 50 --seconds 15 --profile]
 *
 * Loads Y years × E enterprises of accepted reports and charges into a fresh
 * database of the real revenue service (run from dist as a child process, on
 * the local broker and database like `npm test`), then sends the dashboard's
 * multiplier queries through its GraphQL endpoint with C requests always in
 * flight: park-wide, per industry, and the park's monthly series. For each it
 * prints requests/s, latency p50/p90/p99/max, the rows PostgreSQL scanned
 * per request (from pg_stat_user_tables/indexes) and where the CPU went
 * (service, PostgreSQL, the load generator), then one line of JSON.
 * `--replicas R` runs R instances of the service on the same database, the
 * requests spread over them round-robin, as a Deployment scaled out would be.
 *
 * The baseline, measured first in the same run: `{ __typename }` through the
 * same endpoint, same identity, same concurrency. It touches no table, so it
 * is the most this service's HTTP + GraphQL stack answers on this machine,
 * and each query's rate is also given as a ratio of it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Topics } from '@valley/contracts';
import { createKafka } from '@valley/messaging';
import { IDENTITY_HEADER, signIdentity } from '@valley/platform';
import { deleteGroups, positionGroupAtEnd } from '@valley/testing';
import { ensureKafka, stopKafka, type KafkaHandle } from '../../infra/local/kafka';
import { LOG_DIR } from '../../infra/local/paths';
import { ensurePostgres, stopPostgres, type PostgresHandle } from '../../infra/local/postgres';
import { answerProblem, closedLoop, HttpClient, type Send } from '../gateway/load';
import { CpuMeter, formatCpu, type CpuShare } from '../gateway/observe';
import { printProfile } from '../gateway/profile';
import { exitOnUsageError, parseBenchArgs } from '../options';
import { table, type LatencySummary } from '../relay/stats';
import { log, sleep, withTimeout } from '../relay/support';
import { compiledService } from '../usage-ingest/build';
import { loadRevenueHistory, type HistoryTotals } from './history';
import { freePort, ServiceProcess } from '../usage-ingest/service';
import { BenchDatabase } from '../usage-ingest/setup';
import { lastMonths } from '../gateway/seed';

const USAGE = 'options: --enterprises N (1000) --years Y (3) --concurrency C (50) --seconds S per query (15) --industries K (8) --replicas R of the service, requests spread round-robin (1) --profile (a V8 CPU profile of the first replica)';
const INDUSTRIES = ['live-commerce', 'virtual-human', 'esports', 'data-annotation', 'metaverse', 'ai-content', 'coal-digital', 'steel-digital', 'power-digital', 'industrial-3d'];

interface Options {
  enterprises: number;
  years: number;
  concurrency: number;
  seconds: number;
  industries: number;
  profile: boolean;
  replicas: number;
}

function parseOptions(): Options {
  const args = parseBenchArgs(USAGE, ['enterprises', 'years', 'concurrency', 'seconds', 'industries', 'replicas'], ['profile']);
  return {
    enterprises: args.int('enterprises', 1000, 1, 1_000_000),
    years: args.int('years', 3, 1, 20),
    concurrency: args.int('concurrency', 50, 1, 1000),
    seconds: args.int('seconds', 15, 1, 3600),
    industries: args.int('industries', 8, 1, INDUSTRIES.length),
    profile: args.flag('profile'),
    replicas: args.int('replicas', 1, 1, 8),
  };
}


interface QuerySpec {
  name: string;
  query: string;
  /** The multiplier's scope; none for the baseline. */
  scope?: 'park' | 'industry';
}

/** No resolver, no table: what the service's HTTP, identity and GraphQL layers cost alone. */
const BASELINE: QuerySpec = { name: 'baseline {__typename}', query: '{ __typename }' };

const QUERIES: QuerySpec[] = [
  { name: 'park-wide', scope: 'park', query: 'query P($from: String!, $to: String!) { multiplier(scope: park, fromMonth: $from, toMonth: $to) { key revenueFen inputFen multiplier enterprises } }' },
  { name: 'per-industry', scope: 'industry', query: 'query I($from: String!, $to: String!) { multiplier(scope: industry, fromMonth: $from, toMonth: $to) { key revenueFen inputFen multiplier enterprises } }' },
  { name: 'monthly-series', scope: 'park', query: 'query S($from: String!, $to: String!) { multiplier(scope: park, fromMonth: $from, toMonth: $to) { key series { month revenueFen inputFen multiplier } } }' },
];

interface PhaseResult {
  name: string;
  requests: number;
  errors: number;
  firstError?: string;
  rps: number;
  /** This query's rate over the baseline's (`{ __typename }`), measured in the same run. */
  ofBaseline?: number;
  latency: LatencySummary;
  rowsScannedPerRequest: number;
  /** Percent of one core during the measured seconds: the service, PostgreSQL, the load generator, the host (2 cores = 200 %). */
  cpu: CpuShare;
}

/** 3 years × 1,000 enterprises: every month an accepted report and a charge, written as the service writes them (its triggers keep the totals). */
async function load(db: BenchDatabase, o: Options, months: string[]): Promise<HistoryTotals> {
  const enterprises = Array.from({ length: o.enterprises }, () => randomUUID());
  const industryOf = (i: number): string => INDUSTRIES[i % o.industries]!;
  await db.query(
    `INSERT INTO known_enterprises (id, name, industry, status, admitted_month)
     SELECT id, 'bench enterprise', industry, 'resident', $3 FROM unnest($1::uuid[], $2::text[]) AS t(id, industry)`,
    [enterprises, enterprises.map((_, i) => industryOf(i)), months[0]],
  );
  return loadRevenueHistory(db, enterprises, months);
}

async function rowsScanned(db: BenchDatabase): Promise<number> {
  const rows = await db.query<{ n: string }>(
    `SELECT (SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_user_tables) + (SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes) AS n`,
  );
  return Number(rows[0]?.n ?? 0);
}

interface Target {
  /** Each replica's /graphql; request i goes to replica i mod R, as a round-robin load balancer would send it. */
  urls: URL[];
  client: HttpClient;
  /** The signed park-admin identity, renewed before it expires. */
  identity: () => string;
  services: ServiceProcess[];
  db: BenchDatabase;
  cpu: CpuMeter;
}

/** The revenue and input an answer sums to (every figure, or every month of every series). */
function totalsOf(text: string): { revenueFen: bigint; inputFen: bigint } {
  const figures = (JSON.parse(text) as { data: { multiplier: Array<{ revenueFen?: string; inputFen?: string; series?: Array<{ revenueFen: string; inputFen: string }> }> } }).data.multiplier;
  const cells = figures.flatMap((f) => f.series ?? [f as { revenueFen: string; inputFen: string }]);
  return { revenueFen: cells.reduce((t, f) => t + BigInt(f.revenueFen), 0n), inputFen: cells.reduce((t, f) => t + BigInt(f.inputFen), 0n) };
}

/** C workers, each sending the query again as soon as the last answer came, for S seconds. */
async function phase(spec: QuerySpec, t: Target, o: Options, months: string[], expected: { revenueFen: bigint; inputFen: bigint } | undefined): Promise<PhaseResult> {
  const body = JSON.stringify({ query: spec.query, variables: spec.scope ? { from: months[0], to: months[months.length - 1] } : {} });
  const post = (seq: number) => t.client.post(t.urls[seq % t.urls.length]!, { [IDENTITY_HEADER]: t.identity() }, body);
  const send: Send = async (seq) => answerProblem(await post(seq));
  // Checked once on each replica: the figures the service answers are the loaded ones.
  for (let replica = 0; replica < t.urls.length; replica += 1) {
    const first = await post(replica);
    const problem = answerProblem(first);
    if (problem) throw new Error(`${spec.name}: ${problem}`);
    if (expected) {
      const got = totalsOf(first.text);
      if (got.revenueFen !== expected.revenueFen || got.inputFen !== expected.inputFen) throw new Error(`${spec.name}: the totals differ from what was loaded`);
    }
  }
  await closedLoop(`${spec.name} warm-up`, send, o.concurrency, 2); // not measured
  await sleep(11_000); // PostgreSQL backends report their scan counts after at most 10 s idle
  const scannedBefore = await rowsScanned(t.db);
  const sampler = setInterval(() => t.services.forEach((s) => s.notePeak()), 1000);
  const before = t.cpu.snapshot();
  let last = before;
  const r = await closedLoop(spec.name, send, o.concurrency, o.seconds, {
    details: () => {
      const at = t.cpu.snapshot();
      const share = formatCpu(t.cpu.between(last, at));
      last = at;
      return share;
    },
  });
  const cpu = t.cpu.between(before, t.cpu.snapshot());
  clearInterval(sampler);
  await sleep(11_000);
  const scanned = (await rowsScanned(t.db)) - scannedBefore;
  return {
    name: spec.name,
    requests: r.ok,
    errors: r.errors,
    ...(r.firstError ? { firstError: r.firstError } : {}),
    rps: r.rps,
    latency: r.latency,
    rowsScannedPerRequest: Math.round(scanned / Math.max(1, r.ok + r.errors)),
    cpu,
  };
}

async function main(): Promise<void> {
  const o = parseOptions();
  const runId = randomBytes(4).toString('hex');
  const months = lastMonths(o.years * 12);
  let pg: PostgresHandle | undefined;
  let kafkaHandle: KafkaHandle | undefined;
  let db: BenchDatabase | undefined;
  const services: ServiceProcess[] = [];
  const groupPrefix = `bench-revenue-${runId}`;
  const kafkaGroups = [`${groupPrefix}.projections`];
  let kafka: ReturnType<typeof createKafka> | undefined;
  const client = new HttpClient(o.concurrency);
  let resign: NodeJS.Timeout | undefined;
  const profileDir = o.profile ? path.join(LOG_DIR, `bench-revenue-${runId}-prof`) : undefined;
  try {
    pg = await ensurePostgres(log);
    kafkaHandle = await ensureKafka(log);
    kafka = createKafka({ brokers: kafkaHandle.brokers, clientId: `bench-revenue-${runId}` });
    const distDir = await compiledService('revenue');
    db = await BenchDatabase.create(pg.url, `bench_revenue_${runId}`);
    // A fresh group would read every lifecycle and charge event ever published: start it at the end.
    for (const topic of [Topics.EnterpriseLifecycle, Topics.FlowCharges]) await positionGroupAtEnd(kafka, kafkaGroups[0]!, topic);
    const secret = randomBytes(32).toString('hex');
    // Replicas share the database and the consumer group, as a Deployment's pods do.
    for (let i = 0; i < o.replicas; i += 1) {
      const service = new ServiceProcess({ app: 'revenue', distDir, databaseUrl: db.url, brokers: kafkaHandle.brokers, port: await freePort(), identitySecret: secret, groupPrefix, logPrefix: `bench-r${i + 1}`, ...(profileDir && i === 0 ? { profileDir } : {}) }, runId);
      services.push(service);
      log(`service: starting replica ${i + 1} of ${o.replicas} of the revenue service on ${service.baseUrl} (log: ${service.logFile})`);
      await service.start();
    }
    log(`load: ${o.years} years × ${o.enterprises} enterprises, ${o.industries} industries (${months[0]} … ${months[months.length - 1]})`);
    const loaded = await load(db, o, months);
    const sign = (): string => signIdentity({ subject: 'bench-admin', role: 'park-admin' }, secret);
    let identity = sign();
    resign = setInterval(() => (identity = sign()), 20_000);
    const names = services.map((_, i) => (o.replicas === 1 ? 'revenue' : `revenue-${i + 1}`));
    const target: Target = { urls: services.map((s) => new URL(`${s.baseUrl}/graphql`)), client, identity: () => identity, services, db, cpu: new CpuMeter(() => services.map((s, i) => [names[i]!, s])) };
    const results: PhaseResult[] = [];
    for (const spec of [BASELINE, ...QUERIES]) {
      log(`${spec.name}: ${o.concurrency} concurrent requests for ${o.seconds} s`);
      const r = await withTimeout(spec.name, (o.seconds + 120) * 1000, () => phase(spec, target, o, months, spec.scope ? loaded : undefined));
      if (spec !== BASELINE) r.ofBaseline = Math.round((r.rps / Math.max(1, results[0]!.rps)) * 100) / 100;
      results.push(r);
      log(`${spec.name}: ${r.rps} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.errors} errors${r.firstError ? ` (first: ${r.firstError})` : ''}, ${r.rowsScannedPerRequest} rows scanned per request; CPU ${formatCpu(r.cpu)}`);
    }
    const rows: Array<Array<string | number>> = [['query', 'req/s', 'of baseline', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'rows scanned/req', 'CPU % service', 'postgres', 'load gen']];
    const serviceCpu = (cpu: CpuShare): number => names.reduce((t, n) => t + (cpu[n] ?? 0), 0);
    for (const r of results) rows.push([r.name, r.rps, r.ofBaseline ?? '', r.latency.p50, r.latency.p90, r.latency.p99, r.latency.max, r.errors, r.rowsScannedPerRequest, serviceCpu(r.cpu), r.cpu['postgres'] ?? '', r.cpu['bench'] ?? '']);
    process.stdout.write(`\n${table(rows)}\n`);
    const peakRssMb = Math.max(...services.map((s) => s.peakRssMb));
    process.stdout.write(`${o.replicas} replica(s); loaded ${loaded.pairs} enterprise-months; totals checked against the load on each replica; service peak RSS ${peakRssMb} MB\n`);
    const measured = results.filter((r) => r !== results[0]);
    const json = {
      bench: 'revenue-dashboard',
      enterprises: o.enterprises,
      months: months.length,
      pairs: loaded.pairs,
      concurrency: o.concurrency,
      replicas: o.replicas,
      baseline: { rps: results[0]!.rps, p50: results[0]!.latency.p50, p99: results[0]!.latency.p99, cpu: results[0]!.cpu },
      queries: Object.fromEntries(measured.map((r) => [r.name, { rps: r.rps, ofBaseline: r.ofBaseline, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, errors: r.errors, rowsScannedPerRequest: r.rowsScannedPerRequest, cpu: r.cpu }])),
      memory: { servicePeakRssMb: peakRssMb },
      targets: { p99Under50ms: measured.every((r) => r.latency.p99 <= 50 && r.errors === 0) },
    };
    if (profileDir) {
      await services[0]!.stop(); // V8 writes the profile as the process exits
      printProfile(profileDir, 'the revenue service (replica 1)');
    }
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } finally {
    if (resign) clearInterval(resign);
    client.close();
    for (const service of services) await service.stop().catch((err: unknown) => log(`cleanup: stopping the service: ${String(err)}`));
    if (kafka) await deleteGroups(kafka, kafkaGroups).catch((err: unknown) => log(`cleanup: deleting groups: ${String(err)}`));
    await db?.drop().catch((err: unknown) => log(`cleanup: dropping the database: ${String(err)}`));
    if (kafkaHandle?.started) await stopKafka();
    if (pg?.started) await stopPostgres();
  }
}

main().catch((err: unknown) => {
  exitOnUsageError(err);
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

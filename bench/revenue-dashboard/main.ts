/**
 * npm run bench:revenue-dashboard [-- --enterprises 1000 --years 3 --concurrency 50 --seconds 15]
 *
 * Loads Y years × E enterprises of accepted reports and charges into a fresh
 * database of the real revenue service (run from dist as a child process, on
 * the local broker and database like `npm test`), then sends the dashboard's
 * multiplier queries through its GraphQL endpoint with C requests always in
 * flight: park-wide, per industry, and the park's monthly series. For each it
 * prints requests/s, latency p50/p90/p99/max and the rows PostgreSQL scanned
 * per request (from pg_stat_user_tables/indexes), then one line of JSON.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Topics } from '@valley/contracts';
import { createKafka } from '@valley/messaging';
import { IDENTITY_HEADER, signIdentity } from '@valley/platform';
import { deleteGroups, positionGroupAtEnd } from '@valley/testing';
import { ensureKafka, stopKafka, type KafkaHandle } from '../../infra/local/kafka';
import { ensurePostgres, stopPostgres, type PostgresHandle } from '../../infra/local/postgres';
import { now, summarize, table, type LatencySummary } from '../relay/stats';
import { log, sleep, withTimeout } from '../relay/support';
import { compiledService } from '../usage-ingest/build';
import { loadRevenueHistory, type HistoryTotals } from './history';
import { freePort, ServiceProcess } from '../usage-ingest/service';
import { BenchDatabase } from '../usage-ingest/setup';
import { lastMonths } from '../gateway/seed';

const USAGE = 'options: --enterprises N (1000) --years Y (3) --concurrency C (50) --seconds S per query (15) --industries K (8)';
const INDUSTRIES = ['live-commerce', 'virtual-human', 'esports', 'data-annotation', 'metaverse', 'ai-content', 'coal-digital', 'steel-digital', 'power-digital', 'industrial-3d'];

interface Options {
  enterprises: number;
  years: number;
  concurrency: number;
  seconds: number;
  industries: number;
}

function parseOptions(): Options {
  const names = ['enterprises', 'years', 'concurrency', 'seconds', 'industries'] as const;
  const { values } = parseArgs({ options: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) as Record<(typeof names)[number], { type: 'string' }>, strict: true });
  const int = (name: (typeof names)[number], fallback: number, max = 1_000_000): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0 || n > max) throw new Error(`--${name}=${raw} is not a whole number from 1 to ${max}\n${USAGE}`);
    return n;
  };
  return { enterprises: int('enterprises', 1000), years: int('years', 3, 20), concurrency: int('concurrency', 50, 1000), seconds: int('seconds', 15, 3600), industries: int('industries', 8, INDUSTRIES.length) };
}


interface QuerySpec {
  name: string;
  query: string;
  scope: 'park' | 'industry';
}

const QUERIES: QuerySpec[] = [
  { name: 'park-wide', scope: 'park', query: 'query P($from: String!, $to: String!) { multiplier(scope: park, fromMonth: $from, toMonth: $to) { key revenueFen inputFen multiplier enterprises } }' },
  { name: 'per-industry', scope: 'industry', query: 'query I($from: String!, $to: String!) { multiplier(scope: industry, fromMonth: $from, toMonth: $to) { key revenueFen inputFen multiplier enterprises } }' },
  { name: 'monthly-series', scope: 'park', query: 'query S($from: String!, $to: String!) { multiplier(scope: park, fromMonth: $from, toMonth: $to) { key series { month revenueFen inputFen multiplier } } }' },
];

interface PhaseResult {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  latency: LatencySummary;
  rowsScannedPerRequest: number;
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

/** C workers, each sending the query again as soon as the last answer came, for S seconds. */
async function phase(spec: QuerySpec, baseUrl: string, secret: string, o: Options, months: string[], db: BenchDatabase, service: ServiceProcess, expected: { revenueFen: bigint; inputFen: bigint }): Promise<PhaseResult> {
  const body = JSON.stringify({ query: spec.query, variables: { from: months[0], to: months[months.length - 1] } });
  let identity = signIdentity({ subject: 'bench-admin', role: 'park-admin' }, secret);
  const resign = setInterval(() => (identity = signIdentity({ subject: 'bench-admin', role: 'park-admin' }, secret)), 20_000);
  const send = async (): Promise<{ ok: boolean; text: string }> => {
    const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: identity }, body });
    const text = await res.text();
    return { ok: res.ok && !text.includes('"errors"'), text };
  };
  try {
    // Checked once: the figures the service answers are the loaded ones.
    const first = await send();
    if (!first.ok) throw new Error(`${spec.name}: the service answered with errors: ${first.text.slice(0, 500)}`);
    const figures = (JSON.parse(first.text) as { data: { multiplier: Array<{ revenueFen?: string; inputFen?: string; series?: Array<{ revenueFen: string; inputFen: string }> }> } }).data.multiplier;
    const sum = (pick: (f: { revenueFen: string; inputFen: string }) => string): bigint =>
      figures.flatMap((f) => (f.series ?? [f as { revenueFen: string; inputFen: string }])).reduce((t, f) => t + BigInt(pick(f)), 0n);
    if (sum((f) => f.revenueFen) !== expected.revenueFen || sum((f) => f.inputFen) !== expected.inputFen) throw new Error(`${spec.name}: the totals differ from what was loaded`);
    // Warm-up, not measured.
    await runWorkers(o.concurrency, 2_000, send);
    await sleep(11_000); // PostgreSQL backends report their scan counts after at most 10 s idle
    const scannedBefore = await rowsScanned(db);
    const started = now();
    const measured = { latencies: [] as number[], errors: 0 };
    const sampler = setInterval(() => service.notePeak(), 1000);
    const progress = setInterval(() => log(`${spec.name}: ${Math.round((now() - started) / 1000)} s, ${measured.latencies.length} answers`), 5000);
    await runWorkers(o.concurrency, o.seconds * 1000, send, measured);
    clearInterval(sampler);
    clearInterval(progress);
    const elapsed = now() - started;
    await sleep(11_000);
    const scanned = (await rowsScanned(db)) - scannedBefore;
    return {
      name: spec.name,
      requests: measured.latencies.length,
      errors: measured.errors,
      rps: Math.round((measured.latencies.length / elapsed) * 1000),
      latency: summarize(measured.latencies),
      rowsScannedPerRequest: Math.round(scanned / Math.max(1, measured.latencies.length + measured.errors)),
    };
  } finally {
    clearInterval(resign);
  }
}

async function runWorkers(concurrency: number, ms: number, send: () => Promise<{ ok: boolean; text: string }>, into = { latencies: [] as number[], errors: 0 }): Promise<{ latencies: number[]; errors: number }> {
  const until = now() + ms;
  const worker = async (): Promise<void> => {
    while (now() < until) {
      const t0 = now();
      const r = await send().catch(() => ({ ok: false, text: '' }));
      if (r.ok) into.latencies.push(now() - t0);
      else into.errors += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return into;
}

async function main(): Promise<void> {
  const o = parseOptions();
  const runId = randomBytes(4).toString('hex');
  const months = lastMonths(o.years * 12);
  let pg: PostgresHandle | undefined;
  let kafkaHandle: KafkaHandle | undefined;
  let db: BenchDatabase | undefined;
  let service: ServiceProcess | undefined;
  const groupPrefix = `bench-revenue-${runId}`;
  const kafkaGroups = [`${groupPrefix}.projections`];
  let kafka: ReturnType<typeof createKafka> | undefined;
  try {
    pg = await ensurePostgres(log);
    kafkaHandle = await ensureKafka(log);
    kafka = createKafka({ brokers: kafkaHandle.brokers, clientId: `bench-revenue-${runId}` });
    const distDir = await compiledService('revenue');
    db = await BenchDatabase.create(pg.url, `bench_revenue_${runId}`);
    // A fresh group would read every lifecycle and charge event ever published: start it at the end.
    for (const topic of [Topics.EnterpriseLifecycle, Topics.FlowCharges]) await positionGroupAtEnd(kafka, kafkaGroups[0]!, topic);
    const secret = randomBytes(32).toString('hex');
    const port = await freePort();
        service = new ServiceProcess({ app: 'revenue', distDir, databaseUrl: db.url, brokers: kafkaHandle.brokers, port, identitySecret: secret, groupPrefix }, runId);
    log(`service: starting the revenue service on ${service.baseUrl} (log: ${service.logFile})`);
    await service.start();
    log(`load: ${o.years} years × ${o.enterprises} enterprises, ${o.industries} industries (${months[0]} … ${months[months.length - 1]})`);
    const loaded = await load(db, o, months);
    const results: PhaseResult[] = [];
    for (const spec of QUERIES) {
      log(`${spec.name}: ${o.concurrency} concurrent requests for ${o.seconds} s`);
      const r = await withTimeout(spec.name, (o.seconds + 120) * 1000, () => phase(spec, service!.baseUrl, secret, o, months, db!, service!, loaded));
      results.push(r);
      log(`${spec.name}: ${r.rps} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.errors} errors, ${r.rowsScannedPerRequest} rows scanned per request`);
    }
    const rows: Array<Array<string | number>> = [['query', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'rows scanned/req']];
    for (const r of results) rows.push([r.name, r.rps, r.latency.p50, r.latency.p90, r.latency.p99, r.latency.max, r.errors, r.rowsScannedPerRequest]);
    process.stdout.write(`\n${table(rows)}\n`);
    process.stdout.write(`loaded ${loaded.pairs} enterprise-months; totals checked against the load; service peak RSS ${service.peakRssMb} MB\n`);
    const json = {
      bench: 'revenue-dashboard',
      enterprises: o.enterprises,
      months: months.length,
      pairs: loaded.pairs,
      concurrency: o.concurrency,
      queries: Object.fromEntries(results.map((r) => [r.name, { rps: r.rps, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, errors: r.errors, rowsScannedPerRequest: r.rowsScannedPerRequest }])),
      memory: { servicePeakRssMb: service.peakRssMb },
      targets: { p99Under50ms: results.every((r) => r.latency.p99 <= 50 && r.errors === 0) },
    };
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } finally {
    await service?.stop().catch((err: unknown) => log(`cleanup: stopping the service: ${String(err)}`));
    if (kafka) await deleteGroups(kafka, kafkaGroups).catch((err: unknown) => log(`cleanup: deleting groups: ${String(err)}`));
    await db?.drop().catch((err: unknown) => log(`cleanup: dropping the database: ${String(err)}`));
    if (kafkaHandle?.started) await stopKafka();
    if (pg?.started) await stopPostgres();
  }
}

main().catch((err: unknown) => {
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

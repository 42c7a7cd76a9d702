/**
 * npm run bench:gateway [-- --seconds 20 --rate 200 --enterprises 1000 --months 24]
 *
 * The federation gateway under steady load, against the same data fetched
 * straight from the subgraphs in the same run. Starts the whole park from
 * dist like `npm start` (four services on fresh databases of their own,
 * consumer groups of their own, then the gateway; the local broker and
 * database like `npm test`), seeds it (E residents imported through the API
 * and carried to every service over Kafka, M months of revenue, this month's
 * usage and quota alerts, overdue reports, talent programs), then for each of
 * two queries — the park dashboard (administrator) and one enterprise with
 * everything (its own user, rotating over every resident):
 *
 *   1. through the gateway, and 2. as a hand-written client of the subgraphs
 *      doing the query plan's fan-out (entry subgraph, then the other three's
 *      `_entities` in parallel, with the signed identity header),
 *   after a warm-up: a closed loop of C connections for the most each way
 *   answers (saturation), then a fixed R requests/s for S seconds (latency
 *   from the scheduled send time: no coordinated omission), then the same at
 *   a light rate the park can keep up with (default half the gateway's
 *   saturation rate), where the ratio is the gateway's own overhead rather
 *   than a queue.
 *
 * Prints progress, a table, where the CPU went (each process, PostgreSQL, the
 * bench; CPU ms per query), the subgraph requests per query, peak memory, and
 * one line of JSON. Any error answer makes the run invalid (exit code 1).
 * --profile-gateway runs the gateway under `node --cpu-prof` and prints where
 * its CPU time went, by package and by function (slows the gateway: the
 * figures of such a run are not comparable).
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { createKafka } from '@valley/messaging';
import { ensureKafka, stopKafka, type KafkaHandle } from '../../infra/local/kafka';
import { VALLEY_HOME } from '../../infra/local/paths';
import { ensurePostgres, stopPostgres, type PostgresHandle } from '../../infra/local/postgres';
import { table } from '../relay/stats';
import { abort, log, withTimeout } from '../relay/support';
import { compiledPark } from '../usage-ingest/build';
import { closedLoop, fixedRate, HttpClient, type PhaseResult, type Send } from './load';
import { CpuMeter, formatCpu, graphqlCounters, serverSide, type CpuShare, type ServerSide } from './observe';
import { BenchPark } from './park';
import { printProfile } from './profile';
import { QUERIES, SUBGRAPH_NAMES, validateQueries, type BenchQuery, type SubgraphName } from './queries';
import { ADMIN, AdminClient, lastMonths, seedPark, type Seeded } from './seed';
import { canonical, DirectTarget, GatewayTarget, type Caller } from './targets';
import { exitOnUsageError, parseBenchArgs } from '../options';

const USAGE = 'options: --seconds S per measured phase (20) --rate R requests/s (200) --enterprises E (1000) --months M of revenue history (24) --warmup W seconds (5) --saturation-seconds T (10) --connections C for saturation (20) --light-rate L requests/s (0: half the gateway\'s saturation rate; needs T > 0) --profile-gateway';

interface Options {
  seconds: number;
  rate: number;
  enterprises: number;
  months: number;
  warmup: number;
  saturationSeconds: number;
  connections: number;
  lightRate: number;
  profileGateway: boolean;
}

function parseOptions(): Options {
  const args = parseBenchArgs(`npm run bench:gateway -- [options]\n${USAGE}`, ['seconds', 'rate', 'enterprises', 'months', 'warmup', 'saturation-seconds', 'connections', 'light-rate'], ['profile-gateway']);
  return {
    seconds: args.int('seconds', 20, 1, 3600),
    rate: args.int('rate', 200, 1, 20_000),
    enterprises: args.int('enterprises', 1000, 12, 20_000),
    months: args.int('months', 24, 2, 120),
    warmup: args.int('warmup', 5, 0, 600),
    saturationSeconds: args.int('saturation-seconds', 10, 0, 3600),
    connections: args.int('connections', 20, 1, 1000),
    lightRate: args.int('light-rate', 0, 0, 20_000),
    profileGateway: args.flag('profile-gateway'),
  };
}

type Way = 'gateway' | 'direct';

interface Observed extends PhaseResult {
  cpu: CpuShare;
  server: Record<string, ServerSide>;
}

interface QueryResult {
  query: BenchQuery['name'];
  fixed: Record<Way, Observed>;
  saturation?: Record<Way, Observed>;
  light?: { rate: number } & Record<Way, Observed>;
}

/** Fixed-rate phases keep at most a second's worth of requests in flight: beyond that the target is not keeping up. */
const maxInFlight = (rate: number): number => Math.max(20, rate);
/** Seconds of closed-loop requests through the gateway right before each of its phases (see AfterIdle). */
const RECONNECT_SECONDS = 2;

/**
 * Errors the gateway answered right after it had been idle (while the bench
 * measured the subgraphs directly): counted apart, not in the phase that
 * follows. The subgraphs close a keep-alive connection idle for 5 s; a
 * gateway that reuses one answers SERVICE_UNAVAILABLE ("socket hang up").
 */
interface AfterIdle {
  requests: number;
  errors: number;
  firstError?: string;
}

class Bench {
  private readonly meter: CpuMeter;
  readonly afterIdle: AfterIdle = { requests: 0, errors: 0 };

  constructor(private readonly park: BenchPark, private readonly o: Options) {
    this.meter = new CpuMeter(() => park.processes());
  }

  /** Runs a phase, noting each process's CPU, its /graphql requests and peak memory meanwhile. */
  async observe(run: (details: () => string) => Promise<PhaseResult>): Promise<Observed> {
    const processes = this.park.processes();
    const [cpu0, counters0] = [this.meter.snapshot(), await graphqlCounters(processes)];
    let last = cpu0;
    const details = (): string => {
      const s = this.meter.snapshot();
      const share = this.meter.between(last, s);
      last = s;
      return `cpu ${formatCpu(share)}`;
    };
    const sampler = setInterval(() => this.park.notePeaks(), 1000);
    try {
      const r = await withTimeout('a load phase', (this.o.seconds + this.o.saturationSeconds + this.o.warmup + 300) * 1000, () => run(details));
      const [cpu1, counters1] = [this.meter.snapshot(), await graphqlCounters(processes)];
      return { ...r, cpu: this.meter.between(cpu0, cpu1), server: serverSide(counters0, counters1, r.ok + r.errors) };
    } finally {
      clearInterval(sampler);
    }
  }

  /** Before a gateway phase: requests through it for a moment, their errors counted apart (see AfterIdle). */
  private async reconnect(q: BenchQuery, send: Send): Promise<void> {
    const r = await closedLoop(`${q.name}/gateway reconnect`, send, this.o.connections, RECONNECT_SECONDS);
    this.afterIdle.requests += r.ok + r.errors;
    this.afterIdle.errors += r.errors;
    if (r.errors > 0) {
      this.afterIdle.firstError ??= r.firstError;
      log(`${q.name}/gateway: ${r.errors} of ${r.ok + r.errors} requests failed right after the gateway was idle (not counted in the phases), e.g. ${r.firstError?.slice(0, 200)}`);
    }
  }

  async runQuery(q: BenchQuery, targets: Record<Way, Send>): Promise<QueryResult> {
    const { o } = this;
    const ways = ['gateway', 'direct'] as const;
    if (o.warmup > 0) {
      for (const way of ways) {
        if (way === 'gateway') await this.reconnect(q, targets.gateway);
        log(`${q.name}/${way}: warm-up, ${o.connections} connections for ${o.warmup} s (not measured)`);
        const w = await closedLoop(`${q.name}/${way} warm-up`, targets[way], o.connections, o.warmup);
        if (w.errors > 0) throw new Error(`${q.name}/${way}: ${w.errors} error answers in the warm-up, e.g. ${w.firstError}`);
      }
    }
    let saturation: Record<Way, Observed> | undefined;
    if (o.saturationSeconds > 0) {
      saturation = {} as Record<Way, Observed>;
      for (const way of ways) {
        if (way === 'gateway') await this.reconnect(q, targets.gateway);
        log(`${q.name}/${way}: saturation, ${o.connections} connections for ${o.saturationSeconds} s`);
        saturation[way] = await this.observe((details) => closedLoop(`${q.name}/${way} saturation`, targets[way], o.connections, o.saturationSeconds, { details }));
        this.summary(q.name, way, `${o.connections} conns`, saturation[way]);
      }
    }
    const atRate = async (rate: number): Promise<Record<Way, Observed>> => {
      const out = {} as Record<Way, Observed>;
      for (const way of ways) {
        if (way === 'gateway') await this.reconnect(q, targets.gateway);
        log(`${q.name}/${way}: ${rate} requests/s for ${o.seconds} s`);
        out[way] = await this.observe((details) => fixedRate(`${q.name}/${way} @${rate}/s`, targets[way], rate, o.seconds, maxInFlight(rate), { details }));
        this.summary(q.name, way, `${rate}/s`, out[way]);
      }
      return out;
    };
    const fixed = await atRate(o.rate);
    const lightRate = o.lightRate || (saturation ? Math.max(5, Math.floor(saturation.gateway.rps / 2 / 5) * 5) : 0);
    const light = lightRate > 0 ? { rate: lightRate, ...(await atRate(lightRate)) } : undefined;
    return { query: q.name, fixed, ...(saturation ? { saturation } : {}), ...(light ? { light } : {}) };
  }

  private summary(query: string, way: Way, load: string, r: Observed): void {
    const behind = r.dropped ? ` — DID NOT KEEP UP: ${r.dropped} of ${r.offered} requests never sent (${maxInFlight(r.offered! / this.o.seconds)} already waiting)` : '';
    log(`${query}/${way} @ ${load}: ${r.rps} answers/s${behind}, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ${r.errors} errors${r.firstError ? ` (first: ${r.firstError.slice(0, 300)})` : ''}; cpu ${formatCpu(r.cpu)}`);
  }
}

/** Before any load: the gateway and the direct fan-out answer the same data, and it is the seeded park's. */
async function crossCheck(q: BenchQuery, gateway: GatewayTarget, direct: DirectTarget, seeded: Seeded, samples: number): Promise<void> {
  for (let seq = 0; seq < samples; seq++) {
    const [g, d] = [await gateway.fetch(seq), await direct.fetch(seq)];
    if (g.problem) throw new Error(`${q.name}: the gateway answered with an error before the load: ${g.problem}`);
    if (d.problem) throw new Error(`${q.name}: a subgraph answered with an error before the load: ${d.problem}`);
    if (canonical(g.entity) !== canonical(d.entity)) throw new Error(`${q.name}: the gateway and the direct fan-out disagree:\n  gateway ${canonical(g.entity).slice(0, 800)}\n  direct  ${canonical(d.entity).slice(0, 800)}`);
    if (q.name === 'dashboard') {
      const e = g.entity as { residentCount: number; revenueTotals: { revenueFen: string } };
      if (e.residentCount !== seeded.enterprises.length || e.revenueTotals.revenueFen !== seeded.revenue.revenueFen.toString()) {
        throw new Error(`dashboard: not the seeded park: ${e.residentCount} residents (seeded ${seeded.enterprises.length}), revenue ${e.revenueTotals.revenueFen} fen (seeded ${seeded.revenue.revenueFen})`);
      }
    }
  }
  log(`${q.name}: the gateway and the direct fan-out answer the same (${samples} checked), ${Buffer.byteLength(canonical((await gateway.fetch(0)).entity))} bytes of data`);
}

const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 100) / 100 : Number.NaN);
/** CPU milliseconds a process spent per answered request: its share of a core over the phase ÷ the answer rate. */
const cpuMsPerQuery = (r: Observed): Record<string, number> =>
  Object.fromEntries(Object.entries(r.cpu).filter(([k]) => k !== 'host').map(([k, v]) => [k, r.rps > 0 ? Math.round((v * 10 * 100) / r.rps) / 100 : 0]));
const formatMs = (m: Record<string, number>): string => Object.entries(m).map(([k, v]) => `${k} ${v}`).join(', ');
const phasesOf = (o: Options, r: QueryResult): Array<[string, Record<Way, Observed>]> => [
  ...(r.saturation ? [[`${o.connections} conns`, r.saturation] as [string, Record<Way, Observed>]] : []),
  [`${o.rate}/s`, r.fixed],
  ...(r.light ? [[`${r.light.rate}/s`, r.light] as [string, Record<Way, Observed>]] : []),
];
const figures = (r: Observed): Record<string, number> => ({
  rps: r.rps, p50: r.latency.p50, p95: r.latency.p95, p99: r.latency.p99, max: r.latency.max, errors: r.errors,
  ...(r.offered !== undefined ? { offered: r.offered, notSent: r.dropped ?? 0, achievedRate: r.achievedRate ?? 0 } : {}),
});

function report(o: Options, seeded: Seeded, results: QueryResult[], park: BenchPark, afterIdle: AfterIdle): { json: Record<string, unknown>; valid: boolean } {
  const rows: Array<Array<string | number>> = [['query', 'via', 'load', 'answers/s', 'not sent', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'gateway cpu %', 'subgraph reqs/query']];
  for (const r of results) {
    for (const [load, phases] of phasesOf(o, r)) {
      for (const way of ['gateway', 'direct'] as const) {
        const p = phases[way];
        const fetches = SUBGRAPH_NAMES.reduce((n, s) => n + (p.server[s]?.requestsPerQuery ?? 0), 0);
        rows.push([r.query, way, load, p.rps, p.dropped ?? '-', p.latency.p50, p.latency.p95, p.latency.p99, p.latency.max, p.errors, way === 'gateway' ? (p.cpu['gateway'] ?? '-') : '-', Math.round(fetches * 100) / 100]);
      }
    }
  }
  process.stdout.write(`\n${table(rows)}\n\n`);
  const cpuRows: Array<Array<string | number>> = [['query', 'via', 'load', ...['gateway', ...SUBGRAPH_NAMES, 'postgres', 'bench', 'host'].map((k) => `${k} %`)]];
  for (const r of results) {
    for (const [load, phases] of phasesOf(o, r)) {
      for (const way of ['gateway', 'direct'] as const) cpuRows.push([r.query, way, load, ...['gateway', ...SUBGRAPH_NAMES, 'postgres', 'bench', 'host'].map((k) => phases[way].cpu[k] ?? '-')]);
    }
  }
  process.stdout.write(`CPU, percent of one core (the host has ${os.cpus().length} cores):\n${table(cpuRows)}\n\n`);
  const perSubgraph = (p: Observed): string => SUBGRAPH_NAMES.map((s) => `${s} ${p.server[s]?.requestsPerQuery ?? 0}× ${p.server[s]?.meanMs ?? 0} ms`).join(', ');
  for (const r of results) {
    for (const [load, phases] of phasesOf(o, r)) {
      const [g, d] = [phases.gateway, phases.direct];
      process.stdout.write(`${r.query} @ ${load}: gateway p50 ${g.latency.p50} ms vs direct ${d.latency.p50} ms (×${ratio(g.latency.p50, d.latency.p50)}), p99 ${g.latency.p99} vs ${d.latency.p99} ms (×${ratio(g.latency.p99, d.latency.p99)}); the gateway's own /graphql time ${g.server['gateway']?.meanMs ?? '?'} ms mean\n`);
      process.stdout.write(`  CPU ms per query: via the gateway ${formatMs(cpuMsPerQuery(g))}; direct ${formatMs(cpuMsPerQuery(d))}\n`);
      process.stdout.write(`  subgraph requests per query, mean server time: via the gateway ${perSubgraph(g)}; direct ${perSubgraph(d)}\n`);
    }
  }
  const memory: Record<string, number> = Object.fromEntries(park.processes().map(([n, p]) => [`${n}PeakRssMb`, p.peakRssMb]));
  memory['benchPeakRssMb'] = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
  process.stdout.write(`peak RSS: ${Object.entries(memory).map(([k, v]) => `${k.replace('PeakRssMb', '')} ${v} MB`).join(', ')}\n`);

  const errors = results.reduce((n, r) => n + phasesOf(o, r).reduce((m, [, phases]) => m + phases.gateway.errors + phases.direct.errors, 0), 0);
  const rateHeld = (p: Observed): boolean => (p.dropped ?? 0) === 0 && (p.achievedRate ?? 0) >= o.rate * 0.95;
  const targetMet = o.rate >= 200 && errors === 0 && results.every((r) => r.fixed.gateway.latency.p99 <= 50 && rateHeld(r.fixed.gateway));
  const json = {
    bench: 'gateway',
    rate: o.rate,
    seconds: o.seconds,
    enterprises: o.enterprises,
    months: o.months,
    seeded: { enterpriseMonths: seeded.revenue.pairs, quotaAlerts: seeded.quotaAlerts, overdueReports: seeded.overdue, programs: seeded.programs, placements: seeded.placements },
    queries: Object.fromEntries(results.map((r) => [r.query, {
      gateway: figures(r.fixed.gateway),
      direct: figures(r.fixed.direct),
      ratioP50: ratio(r.fixed.gateway.latency.p50, r.fixed.direct.latency.p50),
      ratioP99: ratio(r.fixed.gateway.latency.p99, r.fixed.direct.latency.p99),
      subgraphRequestsPerQuery: Object.fromEntries(SUBGRAPH_NAMES.map((s) => [s, r.fixed.gateway.server[s]?.requestsPerQuery ?? 0])),
      gatewayServerMeanMs: r.fixed.gateway.server['gateway']?.meanMs,
      cpuPercent: { gateway: r.fixed.gateway.cpu, direct: r.fixed.direct.cpu },
      cpuMsPerQuery: { gateway: cpuMsPerQuery(r.fixed.gateway), direct: cpuMsPerQuery(r.fixed.direct) },
      ...(r.light ? {
        light: {
          rate: r.light.rate,
          gateway: figures(r.light.gateway),
          direct: figures(r.light.direct),
          ratioP50: ratio(r.light.gateway.latency.p50, r.light.direct.latency.p50),
          ratioP99: ratio(r.light.gateway.latency.p99, r.light.direct.latency.p99),
          gatewayServerMeanMs: r.light.gateway.server['gateway']?.meanMs,
          cpuMsPerQuery: { gateway: cpuMsPerQuery(r.light.gateway), direct: cpuMsPerQuery(r.light.direct) },
        },
      } : {}),
    }])),
    saturation: { connections: o.connections, seconds: o.saturationSeconds, ...Object.fromEntries(results.filter((r) => r.saturation).map((r) => [r.query, { gateway: figures(r.saturation!.gateway), direct: figures(r.saturation!.direct), gatewayCpuPercent: r.saturation!.gateway.cpu['gateway'] }])) },
    memory,
    gatewayErrorsAfterIdle: afterIdle,
    valid: errors === 0,
    targets: { p99Under50msAt200rps: targetMet },
  };
  return { json, valid: errors === 0 };
}

async function main(): Promise<void> {
  const o = parseOptions();
  const runId = randomBytes(4).toString('hex');
  // The queries are checked against the schema before anything starts.
  validateQueries(QUERIES);
  log(`queries: ${QUERIES.map((q) => q.name).join(', ')} valid against the supergraph and each subgraph`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort(signal));
  let pg: PostgresHandle | undefined;
  let kafkaHandle: KafkaHandle | undefined;
  let park: BenchPark | undefined;
  const client = new HttpClient(1024);
  try {
    [pg, kafkaHandle] = [await ensurePostgres(log), await ensureKafka(log)];
    const kafka = createKafka({ brokers: kafkaHandle.brokers, clientId: `bench-gateway-${runId}` });
    const distDir = await compiledPark();
    const profileDir = o.profileGateway ? path.join(VALLEY_HOME, `bench-gateway-profile-${runId}`) : undefined;
    park = new BenchPark({ distDir, serverUrl: pg.url, brokers: kafkaHandle.brokers, kafka, runId, rateLimitPerSecond: 100_000, ...(profileDir ? { gatewayProfileDir: profileDir } : {}) });
    await park.start();
    const admin = await AdminClient.create(park);
    const months = lastMonths(o.months);
    log(`seed: ${o.enterprises} residents, ${o.months} months of revenue (${months[0]} … ${months[months.length - 1]})`);
    const seeded = await seedPark(park, admin, { enterprises: o.enterprises, months });

    const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, new URL(`${park!.service(n).baseUrl}/graphql`)])) as Record<SubgraphName, URL>;
    const callersOf = (q: BenchQuery): Caller[] =>
      q.name === 'dashboard'
        ? [{ identity: ADMIN, variables: {} }]
        : seeded.enterprises.map((id, i) => ({ identity: { subject: `bench-user-${i}`, role: 'enterprise', enterpriseId: id }, variables: { id } }));
    const bench = new Bench(park, o);
    const results: QueryResult[] = [];
    for (const q of QUERIES) {
      const callers = callersOf(q);
      const gateway = await GatewayTarget.create(client, park.gatewayUrl, q, callers, park.jwtSecret);
      const direct = new DirectTarget(client, urls, q, callers, park.identitySecret);
      await crossCheck(q, gateway, direct, seeded, Math.min(callers.length, 5));
      results.push(await bench.runQuery(q, { gateway: gateway.send, direct: direct.send }));
    }
    const { json, valid } = report(o, seeded, results, park, bench.afterIdle);
    if (bench.afterIdle.errors > 0) log(`GATEWAY DEFECT: ${bench.afterIdle.errors} of ${bench.afterIdle.requests} requests sent right after the gateway had been idle failed (e.g. ${bench.afterIdle.firstError?.slice(0, 200)}); see the gateway's log`);
    json['resentAfterIdleClose'] = client.resent;
    await park.stop();
    if (profileDir) printProfile(profileDir, 'the gateway');
    if (!valid) {
      log('INVALID RUN: some requests were answered with errors (see above); these figures are not a measurement');
      process.exitCode = 1;
    }
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } finally {
    client.close();
    await park?.stop();
    if (kafkaHandle?.started) await stopKafka().catch((err: unknown) => log(`cleanup: stopping Kafka: ${String(err)}`));
    if (pg?.started) await stopPostgres().catch((err: unknown) => log(`cleanup: stopping PostgreSQL: ${String(err)}`));
  }
}

main().catch((err: unknown) => {
  exitOnUsageError(err);
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});

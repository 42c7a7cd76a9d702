import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Topics } from '@valley/contracts';
import { ensureTopics } from '@valley/messaging';
import { deleteGroups, positionGroupAtEnd } from '@valley/testing';
import { log } from '../relay/support';
import { freePort, ServiceProcess } from '../usage-ingest/service';
import { BenchDatabase } from '../usage-ingest/setup';
import { SUBGRAPH_NAMES, type SubgraphName } from './queries';

export interface ParkOptions {
  distDir: string;
  /** The PostgreSQL server (a database of its own per service is made on it). */
  serverUrl: string;
  brokers: string[];
  kafka: Kafka;
  runId: string;
  /** Requests per second the gateway lets one identity keep up (the load comes from one administrator). */
  rateLimitPerSecond: number;
  /** Write a V8 CPU profile of the gateway here (when it exits). */
  gatewayProfileDir?: string;
}

/** Which topics each consuming service reads, under which group (see apps/gateway/test/support/park.ts). */
function consumerGroups(prefix: Record<'provisioning' | 'revenue' | 'talent', string>): Array<{ group: string; topics: string[] }> {
  return [
    { group: `${prefix.provisioning}.enterprise-lifecycle`, topics: [Topics.EnterpriseLifecycle] },
    { group: `${prefix.provisioning}.usage-records`, topics: [Topics.FlowUsageRecords] },
    { group: `${prefix.revenue}.projections`, topics: [Topics.EnterpriseLifecycle, Topics.FlowCharges] },
    { group: `${prefix.talent}.projections`, topics: [Topics.EnterpriseLifecycle] },
  ];
}

/**
 * The whole park as `npm start` runs it, from dist, each service a child
 * process on a fresh database of its own, with consumer groups of its own
 * that start at the end of the topics; then the gateway in front. stop()
 * removes what start() made, also after a failed start.
 */
export class BenchPark {
  readonly identitySecret = randomBytes(32).toString('hex');
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly databases: Partial<Record<SubgraphName, BenchDatabase>> = {};
  readonly services: Partial<Record<SubgraphName, ServiceProcess>> = {};
  gateway?: ServiceProcess;
  private readonly groups: string[] = [];
  private stopped = false;

  constructor(private readonly o: ParkOptions) {}

  db(name: SubgraphName): BenchDatabase {
    const db = this.databases[name];
    if (!db) throw new Error(`no ${name} database`);
    return db;
  }

  service(name: SubgraphName): ServiceProcess {
    const s = this.services[name];
    if (!s) throw new Error(`the ${name} service is not running`);
    return s;
  }

  get gatewayUrl(): string {
    if (!this.gateway) throw new Error('the gateway is not running');
    return `${this.gateway.baseUrl}/graphql`;
  }

  /** Every process of the park: the gateway first. */
  processes(): Array<[string, ServiceProcess]> {
    return [...(this.gateway ? [['gateway', this.gateway] as [string, ServiceProcess]] : []), ...SUBGRAPH_NAMES.flatMap((n) => (this.services[n] ? [[n, this.services[n]!] as [string, ServiceProcess]] : []))];
  }

  async start(): Promise<void> {
    const { o } = this;
    const topics = await ensureTopics(o.kafka);
    log(`kafka: topics ready (${topics.created.length} created, ${topics.existing.length} existing)`);
    const prefix = { provisioning: `bench-gw-provisioning-${o.runId}`, revenue: `bench-gw-revenue-${o.runId}`, talent: `bench-gw-talent-${o.runId}` };
    // Other runs' and tests' events are on the shared topics: these services start after them.
    for (const { group, topics: read } of consumerGroups(prefix)) {
      this.groups.push(group);
      for (const topic of read) await positionGroupAtEnd(o.kafka, group, topic);
    }
    for (const name of SUBGRAPH_NAMES) this.databases[name] = await BenchDatabase.create(o.serverUrl, `bench_gw_${name}_${o.runId}`);
    const common = { distDir: o.distDir, brokers: o.brokers, identitySecret: this.identitySecret, logPrefix: 'bench-gateway' };
    for (const name of SUBGRAPH_NAMES) {
      this.services[name] = new ServiceProcess({
        ...common,
        app: name,
        port: await freePort(),
        databaseUrl: this.db(name).url,
        ...(name === 'enterprise' ? {} : { groupPrefix: prefix[name] }),
        ...(name === 'talent' ? { env: { TALENT_ID_HASH_SECRET: randomBytes(32).toString('hex') } } : {}),
      }, o.runId);
    }
    log(`park: starting the four services (logs: ${SUBGRAPH_NAMES.map((n) => this.service(n).logFile).join(', ')})`);
    // Together: each spends its start compiling and migrating, mostly waiting on PostgreSQL.
    await Promise.all(SUBGRAPH_NAMES.map((n) => this.service(n).start(180_000)));
    this.gateway = new ServiceProcess({
      ...common,
      app: 'gateway',
      port: await freePort(),
      ...(o.gatewayProfileDir ? { profileDir: o.gatewayProfileDir } : {}),
      env: {
        GATEWAY_JWT_SECRET: this.jwtSecret,
        GATEWAY_RATE_LIMIT_PER_SECOND: String(o.rateLimitPerSecond),
        GATEWAY_RATE_LIMIT_BURST: String(Math.min(1_000_000, o.rateLimitPerSecond * 10)),
        ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`SUBGRAPH_${n.toUpperCase()}_URL`, `${this.service(n).baseUrl}/graphql`])),
      },
    }, o.runId);
    log(`park: starting the gateway (log: ${this.gateway.logFile})`);
    await this.gateway.start(120_000);
  }

  /** Peak RSS (VmHWM) of each process so far. */
  notePeaks(): void {
    for (const [, p] of this.processes()) p.notePeak();
  }

  /** Stops the processes (gateway first), deletes the consumer groups, drops the databases; reports but survives each failure. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const attempt = async (what: string, step: () => Promise<unknown>): Promise<void> => {
      await step().catch((err: unknown) => log(`cleanup: ${what}: ${err instanceof Error ? err.message : String(err)}`));
    };
    await attempt('stopping the gateway', async () => this.gateway?.stop());
    await Promise.all(SUBGRAPH_NAMES.map((n) => attempt(`stopping the ${n} service`, async () => this.services[n]?.stop())));
    if (this.groups.length > 0) await attempt('deleting the consumer groups', () => deleteGroups(this.o.kafka, this.groups));
    for (const n of SUBGRAPH_NAMES) await attempt(`dropping the ${n} database`, async () => this.databases[n]?.drop());
  }
}

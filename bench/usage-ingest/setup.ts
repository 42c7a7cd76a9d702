import { Partitioners, type Kafka } from 'kafkajs';
import { Client, Pool } from 'pg';
import { buildCloudEvent, CLOUD_EVENTS_CONTENT_TYPE, Topics } from '@valley/contracts';
import { MessageHeaders } from '@valley/messaging';
import { IDENTITY_HEADER, signIdentity } from '@valley/platform';
import { log, waitUntil } from '../relay/support';

/** A fresh database on the server; `drop()` removes it (FORCE: the killed service may leave sessions). */
export class BenchDatabase {
  readonly url: string;
  readonly pool: Pool;

  private constructor(
    private readonly serverUrl: string,
    readonly name: string,
  ) {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    this.url = url.toString();
    this.pool = new Pool({ connectionString: this.url, max: 3 });
  }

  static async create(serverUrl: string, name: string): Promise<BenchDatabase> {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    return new BenchDatabase(serverUrl, name);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(sql, params);
    return result.rows as T[];
  }

  async drop(): Promise<void> {
    await this.pool.end();
    await adminQuery(this.serverUrl, `DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const ADMIN = { subject: 'bench-usage-ingest', role: 'park-admin' as const };
const CREATE_POOL = 'mutation P($input: CreatePoolInput!) { createPool(input: $input) { id } }';
const CREATE_PLAN = 'mutation C($name: String!, $terms: PlanTermsInput!) { createPlan(name: $name, terms: $terms) { id } }';
/** Included traffic no run comes near (25 digits, the most the service accepts): no quota alert fires. */
export const INCLUDED_BYTES = '9000000000000000000000000';

async function graphql(baseUrl: string, secret: string, query: string, variables: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(ADMIN, secret) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json()) as { errors?: Array<{ message: string }> };
  if (!res.ok || body.errors?.length) throw new Error(`GraphQL ${query.slice(0, 40)}… failed (${res.status}): ${JSON.stringify(body.errors ?? body)}`);
}

/** One pool with room for every enterprise and one plan, through the service's admin API. */
export async function createPoolAndPlan(baseUrl: string, secret: string, runId: string): Promise<void> {
  await graphql(baseUrl, secret, CREATE_POOL, { input: { name: `bench-pool-${runId}`, region: 'taiyuan', capacityMbps: 100_000_000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '5' } });
  await graphql(baseUrl, secret, CREATE_PLAN, {
    name: `bench-plan-${runId}`,
    terms: { bandwidthMbps: 10, monthlyIncludedBytes: INCLUDED_BYTES, parkPriceFenPerGb: '30', marketPriceFenPerGb: '120', overagePolicy: 'bill' },
  });
}

/** Approves the enterprises on the lifecycle topic and waits until the service allocated each of them. */
export async function approveEnterprises(kafka: Kafka, db: BenchDatabase, enterprises: readonly string[], admittedMonth: string, timeoutMs: number): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const messages = enterprises.map((enterpriseId, i) => {
      const event = buildCloudEvent('valley.enterprise.approved.v1', {
        enterpriseId,
        uscc: `91140100MA${String(i).padStart(7, '0')}X`,
        name: `Bench enterprise ${i}`,
        industry: 'data-services',
        plannedBandwidthMbps: 10,
        plannedMonthlyTrafficBytes: '1000000000',
        admittedMonth,
        approvedAt: new Date().toISOString(),
      });
      return { key: enterpriseId, value: JSON.stringify(event), headers: { [MessageHeaders.ContentType]: CLOUD_EVENTS_CONTENT_TYPE } };
    });
    await producer.send({ topic: Topics.EnterpriseLifecycle, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
  let count = 0;
  await waitUntil(
    () => `${enterprises.length} allocations (have ${count})`,
    async () => {
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM allocations WHERE enterprise_id = ANY($1::uuid[])', [enterprises]);
      count = rows[0]?.n ?? 0;
      return count >= enterprises.length;
    },
    timeoutMs,
    250,
  );
  const active = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM allocations WHERE enterprise_id = ANY($1::uuid[]) AND status = 'active'", [enterprises]);
  log(`setup: ${count} allocations (${active[0]?.n ?? 0} active)`);
}

import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { buildCloudEvent, parkMonthOf, Topics, type EventData, type EventType } from '@valley/contracts';
import type { Identity } from '@valley/platform';
import { createTestKafka, waitFor } from '@valley/testing';
import { CREATE_PLAN, CREATE_POOL, ProvisioningApp } from '../support/provisioning-app';

const SECRET = 'provisioning-test-identity-secret-0123456789';
const admin: Identity = { subject: 'admin-1', role: 'park-admin' };
const GB = 1_000_000_000n;

const ENTERPRISE = `query E($reps: [_Any!]!, $month: String) { _entities(representations: $reps) { ... on Enterprise {
  id
  flowAllocation { enterpriseId status poolId bandwidthMbps plan { name version bandwidthMbps monthlyIncludedBytes parkPriceFenPerGb marketPriceFenPerGb overagePolicy } }
  flowAllocations { status }
  flowUsage(month: $month) { month usedBytes includedBytes quotaPercent overageState daily { day bytesIn bytesOut } } } } }`;
const DASHBOARD = `query D($reps: [_Any!]!, $month: String, $first: Int) { _entities(representations: $reps) { ... on ParkDashboard {
  id poolUtilisation { name capacityMbps allocatedMbps utilisationPercent }
  quotaAlerts(month: $month, first: $first) { enterpriseId enterpriseName industry month thresholdPercent usedBytes includedBytes }
  quotaAlertCount(month: $month) } } }`;
const PARK = [{ __typename: 'ParkDashboard', id: 'park' }];

type Errors = Array<{ message: string; extensions: Record<string, unknown> }> | undefined;
const codes = (errors: Errors) => new Set(errors?.map((e) => e.extensions['code']));

describe('provisioning: the Enterprise and ParkDashboard entities', () => {
  let sut: ProvisioningApp;
  let producer: Producer;
  const kafka = createTestKafka();
  const month = parkMonthOf(new Date());
  const [a, b] = [randomUUID(), randomUUID()];
  const userOf = (id: string): Identity => ({ subject: `user-${id}`, role: 'enterprise', enterpriseId: id });

  const lifecycle = async <T extends EventType>(type: T, data: EventData<T>): Promise<void> => {
    const event = buildCloudEvent(type, data);
    await producer.send({ topic: Topics.EnterpriseLifecycle, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
  };
  const approve = (enterpriseId: string, name: string, industry: string) =>
    lifecycle('valley.enterprise.approved.v1', { enterpriseId, uscc: '91350100M000100Y43', name, industry, plannedBandwidthMbps: 50, plannedMonthlyTrafficBytes: '1000', admittedMonth: month, approvedAt: new Date().toISOString() });
  const allocationOf = async (enterpriseId: string, status: string): Promise<string> =>
    waitFor(`the ${status} allocation of ${enterpriseId}`, async () => (await sut.db.dataSource.query('SELECT id FROM allocations WHERE enterprise_id = $1 AND status = $2', [enterpriseId, status]))[0]?.id as string | undefined);

  beforeAll(async () => {
    sut = await ProvisioningApp.start(SECRET);
    producer = kafka.producer();
    await producer.connect();
    await sut.graphql(CREATE_POOL, { input: { name: 'pool-a 太原', region: 'taiyuan', capacityMbps: 1000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '5' } }, admin);
    await sut.graphql(CREATE_POOL, { input: { name: 'pool-b 大同', region: 'datong', capacityMbps: 150, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '5' } }, admin);
    await sut.graphql(CREATE_PLAN, { name: '百兆套餐', terms: { bandwidthMbps: 100, monthlyIncludedBytes: (10n * GB).toString(), parkPriceFenPerGb: '30', marketPriceFenPerGb: '120', overagePolicy: 'throttle' } }, admin);
    // Both land in the roomiest pool, pool-a; B then exits and its bandwidth is free again.
    await approve(a, 'A 直播', 'live-commerce');
    const allocationA = await allocationOf(a, 'active');
    await approve(b, 'B 电竞', 'esports');
    const allocationB = await allocationOf(b, 'active');
    await lifecycle('valley.enterprise.exited.v1', { enterpriseId: b, exitDate: `${month}-01`, reason: '迁出', exitedAt: new Date().toISOString() });
    await allocationOf(b, 'revoked');
    // A used 9 GB this month (on two days) and crossed 80 percent; B crossed 80 and 100 before it left; one alert of last year.
    await sut.db.dataSource.query(`INSERT INTO usage_daily (allocation_id, day, bytes_in, bytes_out, records) VALUES ($1, $2, $3, $4, 1), ($1, $5, $6, 0, 1)`, [allocationA, `${month}-01`, (4n * GB).toString(), (1n * GB).toString(), `${month}-02`, (4n * GB).toString()]);
    await sut.db.dataSource.query('INSERT INTO usage_monthly (allocation_id, month, used_bytes, records) VALUES ($1, $2, $3, 2)', [allocationA, month, (9n * GB).toString()]);
    await sut.db.dataSource.query(
      `INSERT INTO quota_alerts (allocation_id, month, threshold, used_bytes, reached_at) VALUES
         ($1, $3, 80, $4, now() - interval '3 hours'), ($2, $3, 80, $5, now() - interval '2 hours'), ($2, $3, 100, $6, now() - interval '1 hour'), ($1, '2020-01', 80, $4, '2020-01-20')`,
      [allocationA, allocationB, month, (8n * GB).toString(), (8n * GB + 1n).toString(), (10n * GB).toString()],
    );
  });

  afterAll(async () => {
    await producer?.disconnect();
    await sut?.stop();
  });

  it('gives an administrator each pool\'s capacity against what is allocated, and this month\'s quota alerts', async () => {
    const result = await sut.graphql<{ _entities: Array<Record<string, unknown>> }>(DASHBOARD, { reps: PARK }, admin);
    expect(result.errors).toBeUndefined();
    const [dashboard] = result.data!._entities;
    expect(dashboard!['poolUtilisation']).toEqual([
      { name: 'pool-a 太原', capacityMbps: 1000, allocatedMbps: 100, utilisationPercent: 10 },
      { name: 'pool-b 大同', capacityMbps: 150, allocatedMbps: 0, utilisationPercent: 0 },
    ]);
    const included = (10n * GB).toString();
    expect(dashboard!['quotaAlerts']).toEqual([
      { enterpriseId: b, enterpriseName: 'B 电竞', industry: 'esports', month, thresholdPercent: 100, usedBytes: (10n * GB).toString(), includedBytes: included },
      { enterpriseId: b, enterpriseName: 'B 电竞', industry: 'esports', month, thresholdPercent: 80, usedBytes: (8n * GB + 1n).toString(), includedBytes: included },
      { enterpriseId: a, enterpriseName: 'A 直播', industry: 'live-commerce', month, thresholdPercent: 80, usedBytes: (8n * GB).toString(), includedBytes: included },
    ]);
    expect(dashboard!['quotaAlertCount']).toBe(3);
    const past = await sut.graphql<{ _entities: Array<{ quotaAlerts: Array<{ enterpriseId: string }>; quotaAlertCount: number }> }>(DASHBOARD, { reps: PARK, month: '2020-01', first: 1 }, admin);
    expect(past.data!._entities[0]).toMatchObject({ quotaAlerts: [{ enterpriseId: a }], quotaAlertCount: 1 });
  });

  it('refuses bad dashboard arguments with BAD_USER_INPUT, the dashboard to enterprise users, and any dashboard but "park"', async () => {
    for (const [variables, field] of [
      [{ month: '2024-13' }, 'month'],
      [{ first: 0 }, 'first'],
      [{ first: 1001 }, 'first'],
    ] as const) {
      expect((await sut.graphql(DASHBOARD, { reps: PARK, ...variables }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const refused = await sut.graphql(DASHBOARD, { reps: PARK }, userOf(a));
    expect(codes(refused.errors)).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(refused.data)).not.toContain('pool-a');
    expect((await sut.graphql(DASHBOARD, { reps: [{ __typename: 'ParkDashboard', id: 'x' }] }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('extends an Enterprise with its allocation, plan and usage, for itself and administrators only', async () => {
    type Entity = { id: string; flowAllocation: Record<string, unknown> | null; flowAllocations: Array<{ status: string }>; flowUsage: Record<string, unknown> };
    const own = await sut.graphql<{ _entities: Entity[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: a }] }, userOf(a));
    expect(own.errors).toBeUndefined();
    const [mine] = own.data!._entities;
    expect(mine!.flowAllocation).toEqual({
      enterpriseId: a,
      status: 'active',
      poolId: expect.any(String),
      bandwidthMbps: 100,
      plan: { name: '百兆套餐', version: 1, bandwidthMbps: 100, monthlyIncludedBytes: (10n * GB).toString(), parkPriceFenPerGb: '30', marketPriceFenPerGb: '120', overagePolicy: 'throttle' },
    });
    expect(mine!.flowAllocations).toEqual([{ status: 'active' }]);
    // This month by default: 9 of 10 GB.
    expect(mine!.flowUsage).toEqual({
      month,
      usedBytes: (9n * GB).toString(),
      includedBytes: (10n * GB).toString(),
      quotaPercent: 90,
      overageState: 'within-quota',
      daily: [
        { day: `${month}-01`, bytesIn: (4n * GB).toString(), bytesOut: (1n * GB).toString() },
        { day: `${month}-02`, bytesIn: (4n * GB).toString(), bytesOut: '0' },
      ],
    });
    const earlier = await sut.graphql<{ _entities: Entity[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: a }], month: '2020-01' }, userOf(a));
    expect(earlier.data!._entities[0]!.flowUsage).toMatchObject({ month: '2020-01', usedBytes: '0', daily: [] });

    const byAdmin = await sut.graphql<{ _entities: Entity[] }>(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: b }] }, admin);
    expect(byAdmin.data!._entities[0]).toMatchObject({ id: b, flowAllocation: null, flowAllocations: [{ status: 'revoked' }] });

    const foreign = await sut.graphql(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: b }] }, userOf(a));
    expect(codes(foreign.errors)).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(foreign.data)).not.toContain('revoked');
    expect(codes((await sut.graphql(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: a }] }, { subject: 'newcomer', role: 'enterprise' })).errors)).toEqual(new Set(['FORBIDDEN']));
    expect((await sut.graphql(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: a }], month: 'June' }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    expect((await sut.graphql(ENTERPRISE, { reps: [{ __typename: 'Enterprise', id: 'nope' }] }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('gives every allocation in the admin list its plan', async () => {
    const { data } = await sut.graphql<{ allocations: Array<{ enterpriseId: string; plan: { name: string } }> }>('{ allocations { enterpriseId plan { name } } }', {}, admin);
    expect(data?.allocations.map((x) => x.plan.name)).toEqual(['百兆套餐', '百兆套餐']);
  });
});

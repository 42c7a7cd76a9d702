import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { buildCloudEvent, deadLetterTopic, Topics, validateCloudEvent, type CloudEvent } from '@valley/contracts';
import { headerText, MessageHeaders } from '@valley/messaging';
import { createTestKafka, readTopic, waitFor } from '@valley/testing';
import { previousMonth } from '../../src/provisioning/infrastructure/messaging/month-close.scheduler';
import { CREATE_PLAN, CREATE_POOL, ProvisioningApp } from '../support/provisioning-app';

const SECRET = 'provisioning-test-identity-secret-0123456789';
const admin = { subject: 'admin-1', role: 'park-admin' as const };
const GB = 1_000_000_000n;
const USAGE = 'query U($e: ID!, $m: String!) { usage(enterpriseId: $e, month: $m) { usedBytes includedBytes quotaPercent overageState daily { day bytesIn bytesOut } } }';
const CHARGES = 'query C($m: String!) { monthlyCharges(month: $m) { enterpriseId revision billableBytes chargeFen marketValueFen savingFen } }';

describe('usage metering, quota alerts and monthly charges', () => {
  let sut: ProvisioningApp;
  let producer: Producer;
  const kafka = createTestKafka();
  const lastMonth = previousMonth(new Date());
  const carrier = `carrier-${randomUUID().slice(0, 8)}`;

  /** A window on the 10th of last month, noon Beijing time. */
  const record = (enterpriseId: string, recordId: string, gbIn: bigint, gbOut: bigint, day = 10) => ({
    recordId,
    carrierId: carrier,
    enterpriseId,
    windowStart: `${lastMonth}-${String(day).padStart(2, '0')}T04:00:00Z`,
    windowEnd: `${lastMonth}-${String(day).padStart(2, '0')}T04:05:00Z`,
    bytesIn: (gbIn * GB).toString(),
    bytesOut: (gbOut * GB).toString(),
  });
  const send = (enterpriseId: string, values: unknown[]) =>
    producer.send({ topic: Topics.FlowUsageRecords, messages: values.map((v) => ({ key: enterpriseId, value: typeof v === 'string' ? v : JSON.stringify(v) })) });
  const approve = async (enterpriseId: string) => {
    const approved = buildCloudEvent('valley.enterprise.approved.v1', {
      enterpriseId, uscc: '91350100M000100Y43', name: '测试直播', industry: 'live-commerce', plannedBandwidthMbps: 50, plannedMonthlyTrafficBytes: '1000', admittedMonth: lastMonth, approvedAt: new Date().toISOString(),
    });
    await producer.send({ topic: Topics.EnterpriseLifecycle, messages: [{ key: enterpriseId, value: JSON.stringify(approved) }] });
  };
  const usage = async (enterpriseId: string) => (await sut.graphql<{ usage: { usedBytes: string; quotaPercent: number; overageState: string; daily: unknown[] } }>(USAGE, { e: enterpriseId, m: lastMonth }, admin)).data!.usage;

  beforeAll(async () => {
    sut = await ProvisioningApp.start(SECRET);
    producer = kafka.producer();
    await producer.connect();
    await sut.graphql(CREATE_POOL, { input: { name: 'pool-a', region: 'taiyuan', capacityMbps: 10_000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '5' } }, admin);
    await sut.graphql(CREATE_PLAN, { name: 'plan-10gb', terms: { bandwidthMbps: 100, monthlyIncludedBytes: (10n * GB).toString(), parkPriceFenPerGb: '30', marketPriceFenPerGb: '120', overagePolicy: 'bill' } }, admin);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await sut?.stop();
  });

  it('counts each record once, raises 80 and 100 percent once each, and charges the month in integer fen with a new revision for a late record', async () => {
    const enterpriseId = randomUUID();
    await approve(enterpriseId);
    await waitFor('the allocation', async () => (await sut.db.dataSource.query('SELECT 1 FROM allocations WHERE enterprise_id = $1', [enterpriseId])).length === 1);
    const first = record(enterpriseId, 'r1', 3n, 1n);
    await send(enterpriseId, [first, record(enterpriseId, 'r2', 2n, 2n, 11), first]);
    await send(enterpriseId, [first, record(enterpriseId, 'r3', 2n, 1n, 12)]);
    await waitFor('11 GB counted', async () => (await usage(enterpriseId)).usedBytes === (11n * GB).toString(), { timeoutMs: 30_000 });
    const month = await usage(enterpriseId);
    expect(month).toMatchObject({ quotaPercent: 110, overageState: 'billing-overage' });
    expect(month.daily).toHaveLength(3);

    const alerts = await readTopic(kafka, Topics.FlowUsageAlerts, (ms) => ms.filter((m) => m.key?.toString() === enterpriseId).length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    const mine = alerts.filter((m) => m.key?.toString() === enterpriseId).map((m) => validateCloudEvent(JSON.parse(m.value!.toString())));
    expect(mine.map((e) => e.ok && (e.value as CloudEvent<'valley.flow.quota-threshold-reached.v1'>).data.thresholdPercent)).toEqual([80, 100]);

    const closed = await sut.graphql<{ closeMonth: { closed: boolean } }>('mutation M($m: String!) { closeMonth(month: $m) { closed enterprises } }', { m: lastMonth }, admin);
    expect(closed.data?.closeMonth.closed).toBe(true);
    const charges = async () => (await sut.graphql<{ monthlyCharges: Array<Record<string, unknown>> }>(CHARGES, { m: lastMonth }, admin)).data!.monthlyCharges.find((c) => c['enterpriseId'] === enterpriseId);
    // 11 GB at 30 fen per GB, the market at 120: 330 fen of input, 990 saved.
    expect(await charges()).toEqual({ enterpriseId, revision: 1, billableBytes: (11n * GB).toString(), chargeFen: '330', marketValueFen: '1320', savingFen: '990' });
    expect((await sut.graphql<{ closeMonth: { closed: boolean } }>('mutation M($m: String!) { closeMonth(month: $m) { closed } }', { m: lastMonth }, admin)).data?.closeMonth.closed).toBe(false);

    await send(enterpriseId, [record(enterpriseId, 'late-1', 1n, 0n, 28)]);
    await waitFor('revision 2', async () => (await charges())?.['revision'] === 2, { timeoutMs: 30_000 });
    expect(await charges()).toMatchObject({ revision: 2, chargeFen: '360', billableBytes: (12n * GB).toString() });
    const events = await readTopic(kafka, Topics.FlowCharges, (ms) => ms.filter((m) => m.key?.toString() === enterpriseId).length >= 2);
    expect(events.filter((m) => m.key?.toString() === enterpriseId).map((m) => JSON.parse(m.value!.toString()).data.revision)).toEqual([1, 2]);
  });

  it('sends each kind of invalid record to the DLQ with its reason and applies the records behind it', async () => {
    const enterpriseId = randomUUID();
    await approve(enterpriseId);
    await waitFor('the allocation', async () => (await sut.db.dataSource.query('SELECT 1 FROM allocations WHERE enterprise_id = $1', [enterpriseId])).length === 1);
    const future = new Date(Date.now() + 3 * 3600_000).toISOString();
    await send(enterpriseId, [
      { ...record(enterpriseId, 'neg', 1n, 0n), bytesIn: -5 },
      { ...record(enterpriseId, 'frac', 1n, 0n), bytesOut: '1.5' },
      { ...record(enterpriseId, 'backwards', 1n, 0n), windowEnd: `${lastMonth}-10T03:00:00Z` },
      { ...record(enterpriseId, 'future', 1n, 0n), windowStart: future, windowEnd: future.replace(/\.\d+Z$/, '.999Z') },
      `{"recordId": "broken", "carrierId": "${carrier}"`,
      record(enterpriseId, 'good', 2n, 0n),
    ]);
    await waitFor('the good record', async () => (await usage(enterpriseId)).usedBytes === (2n * GB).toString(), { timeoutMs: 30_000 });
    const dlq = await readTopic(kafka, deadLetterTopic(Topics.FlowUsageRecords), (ms) => ms.filter((m) => m.key?.toString() === enterpriseId).length >= 5);
    const reasons = dlq.filter((m) => m.key?.toString() === enterpriseId).map((m) => headerText(m.headers, MessageHeaders.DlqReason) ?? '');
    expect(reasons).toHaveLength(5);
    expect(reasons.some((r) => /bytesIn/.test(r))).toBe(true);
    expect(reasons.some((r) => /bytesOut/.test(r))).toBe(true);
    expect(reasons.some((r) => /malformed JSON/.test(r))).toBe(true);
    expect(reasons.filter((r) => /windowEnd/.test(r))).toHaveLength(2);
  });

  it('parks the records of an enterprise it does not know yet and applies them when the enterprise arrives', async () => {
    const enterpriseId = randomUUID();
    await send(enterpriseId, [record(enterpriseId, 'early-1', 1n, 1n), record(enterpriseId, 'early-2', 1n, 0n)]);
    await waitFor('parked', async () => (await sut.db.dataSource.query('SELECT count(*)::int AS n FROM parked_usage_records WHERE enterprise_id = $1', [enterpriseId]))[0].n === 2);
    await approve(enterpriseId);
    await waitFor('applied after approval', async () => (await usage(enterpriseId)).usedBytes === (3n * GB).toString(), { timeoutMs: 30_000 });
    expect((await sut.db.dataSource.query('SELECT count(*)::int AS n FROM parked_usage_records WHERE enterprise_id = $1', [enterpriseId]))[0].n).toBe(0);
  });

  it('takes a manual upload through the same path, refusing invalid records by index', async () => {
    const enterpriseId = randomUUID();
    await approve(enterpriseId);
    await waitFor('the allocation', async () => (await sut.db.dataSource.query('SELECT 1 FROM allocations WHERE enterprise_id = $1', [enterpriseId])).length === 1);
    const records = [record(enterpriseId, 'u1', 1n, 0n), { ...record(enterpriseId, 'u2', 1n, 0n), bytesIn: 'lots' }, record(enterpriseId, 'u1', 1n, 0n)];
    const result = await sut.graphql<{ uploadUsageRecords: { accepted: number; rejected: Array<{ index: number }> } }>(
      'mutation U($r: [UsageRecordInput!]!) { uploadUsageRecords(records: $r) { accepted rejected { index reason } } }', { r: records }, admin,
    );
    expect(result.data?.uploadUsageRecords).toMatchObject({ accepted: 2, rejected: [{ index: 1 }] });
    await waitFor('1 GB counted once', async () => (await usage(enterpriseId)).usedBytes === GB.toString(), { timeoutMs: 30_000 });
  });

  it('still counts a record once when it arrives again after the service restarted', async () => {
    const enterpriseId = randomUUID();
    await approve(enterpriseId);
    await waitFor('the allocation', async () => (await sut.db.dataSource.query('SELECT 1 FROM allocations WHERE enterprise_id = $1', [enterpriseId])).length === 1);
    await send(enterpriseId, [record(enterpriseId, 'before-restart', 1n, 1n)]);
    await waitFor('2 GB', async () => (await usage(enterpriseId)).usedBytes === (2n * GB).toString(), { timeoutMs: 30_000 });
    await sut.restart();
    await send(enterpriseId, [record(enterpriseId, 'before-restart', 1n, 1n), record(enterpriseId, 'after-restart', 1n, 0n)]);
    await waitFor('3 GB', async () => (await usage(enterpriseId)).usedBytes === (3n * GB).toString(), { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await usage(enterpriseId)).usedBytes).toBe((3n * GB).toString());
  });

  it('shows an enterprise user its own usage and charges only', async () => {
    const me = { subject: 's', role: 'enterprise' as const, enterpriseId: randomUUID() };
    expect((await sut.graphql(USAGE, { e: randomUUID(), m: lastMonth }, me)).errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
    const charges = await sut.graphql<{ monthlyCharges: unknown[] }>(CHARGES, { m: lastMonth }, me);
    expect(charges.data?.monthlyCharges).toEqual([]);
    expect((await sut.graphql('query { dataElementInput(fromMonth: "2026-01", toMonth: "2026-12") { month } }', {}, me)).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    // A malformed id is the caller's mistake, named, never an internal error.
    expect((await sut.graphql(USAGE, { e: 'not-an-id', m: lastMonth }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
    expect((await sut.graphql('query { allocations(enterpriseId: "x") { id } }', {}, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
  });
});

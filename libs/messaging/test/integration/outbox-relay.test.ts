import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { CLOUD_EVENTS_CONTENT_TYPE, ContractViolationError, Topics, validateCloudEvent, type EventData } from '@valley/contracts';
import { createTestDatabase, createTestKafka, readTopic, waitFor, type TestDatabase } from '@valley/testing';
import { headerText, MessageHeaders, MessagingMetrics, OutboxRelay, OutboxWriter } from '../../src';
import { testMigrations } from '../support/applied-effects';
import { enterpriseIds, sequenceOf, suspension, writeSuspensions } from '../support/lifecycle-events';

describe(OutboxRelay.name, () => {
  let db: TestDatabase;
  let kafka: Kafka;
  const relays: OutboxRelay[] = [];

  const startRelay = (options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay => {
    const relay = new OutboxRelay({ databaseUrl: db.url, kafka, metrics: MessagingMetrics.for(new Registry()), ...options });
    relays.push(relay);
    relay.start();
    return relay;
  };

  beforeEach(async () => {
    db = await createTestDatabase('relay', testMigrations);
    kafka = createTestKafka();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await db.drop();
  });

  it('publishes an outbox event to its topic as a valid CloudEvent, keyed by enterprise, with trace headers', async () => {
    const [enterpriseId] = enterpriseIds(1) as [string];
    const data: EventData<'valley.enterprise.approved.v1'> = {
      enterpriseId,
      uscc: '91140100MA0L2PQR0X',
      name: '山西数据流量谷测试企业',
      industry: 'live-commerce',
      plannedBandwidthMbps: 500,
      plannedMonthlyTrafficBytes: '1099511627776',
      admittedMonth: '2026-11',
      approvedAt: new Date().toISOString(),
    };
    const event = await db.dataSource.transaction((m) =>
      new OutboxWriter().publish(m, 'valley.enterprise.approved.v1', data, { correlationId: 'corr-123', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }),
    );
    // The idle poll is an hour: only LISTEN/NOTIFY can wake the relay in time.
    startRelay({ idlePollMs: 3_600_000 });
    const sentAt = Date.now();

    const messages = await readTopic(kafka, Topics.EnterpriseLifecycle, (ms) => ms.some((m) => m.value?.toString().includes(event.id)));
    const message = messages.find((m) => m.value?.toString().includes(event.id))!;
    const parsed = validateCloudEvent(JSON.parse(message.value!.toString()));

    expect(parsed).toEqual({ ok: true, value: event });
    expect(event).toMatchObject({ specversion: '1.0', source: '/valley/enterprise', type: 'valley.enterprise.approved.v1', subject: enterpriseId, datacontenttype: 'application/json', dataschema: 'urn:valley:schema:valley.enterprise.approved.v1' });
    expect(message.key?.toString()).toBe(enterpriseId);
    expect(headerText(message.headers, MessageHeaders.ContentType)).toBe(CLOUD_EVENTS_CONTENT_TYPE);
    expect(headerText(message.headers, MessageHeaders.CorrelationId)).toBe('corr-123');
    expect(headerText(message.headers, MessageHeaders.TraceParent)).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    await waitFor('the outbox to drain', async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox'))[0].n === 0);
    expect(Date.now() - sentAt).toBeLessThan(20_000);
  });

  const pollingFlag = async (): Promise<boolean> => (await db.dataSource.query('SELECT polling FROM messaging_relay_state'))[0].polling;

  it('wakes on NOTIFY for events written after it went to sleep', async () => {
    startRelay({ idlePollMs: 3_600_000, awakeMs: 50 });
    await waitFor('the relay to lead', () => relays[0]!.isLeader);
    await waitFor('the relay to sleep', async () => !(await pollingFlag()));
    await new Promise((r) => setTimeout(r, 100));
    const [key] = enterpriseIds(1) as [string];
    const written = Date.now();
    await writeSuspensions(db.dataSource, [key], 0, 1);
    await waitFor('the outbox to drain', async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox'))[0].n === 0, { intervalMs: 5 });
    // Far below any poll interval; measured in milliseconds in bench/relay.
    expect(Date.now() - written).toBeLessThan(2_000);
  });

  it('while it polls, writers commit without a NOTIFY, and it still relays what they write', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    try {
      let notifications = 0;
      listener.on('notification', () => void notifications++);
      await listener.query('LISTEN valley_outbox');
      startRelay({ idlePollMs: 3_600_000, awakeMs: 60_000 });
      await waitFor('the relay to poll', () => pollingFlag());
      await writeSuspensions(db.dataSource, enterpriseIds(3), 0, 5);
      await waitFor('the outbox to drain', async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox'))[0].n === 0);
      await new Promise((r) => setTimeout(r, 200));
      expect(notifications).toBe(0);
    } finally {
      await listener.end();
    }
  });

  it('a new leader relays even when the last one died while polling', async () => {
    // What a leader killed mid-poll leaves behind: writers think someone polls.
    await db.dataSource.query('UPDATE messaging_relay_state SET polling = true');
    startRelay({ idlePollMs: 3_600_000, awakeMs: 50 });
    await waitFor('the relay to lead', () => relays[0]!.isLeader);
    await waitFor('the relay to sleep', async () => !(await pollingFlag()));
    const written = Date.now();
    await writeSuspensions(db.dataSource, enterpriseIds(1), 0, 1);
    await waitFor('the outbox to drain', async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox'))[0].n === 0, { intervalMs: 5 });
    expect(Date.now() - written).toBeLessThan(2_000);
  });

  it('stops promptly however long its idle wait, also right after relaying', async () => {
    for (let round = 0; round < 5; round++) {
      const relay = startRelay({ idlePollMs: 3_600_000 });
      await waitFor('the relay to lead', () => relay.isLeader);
      await writeSuspensions(db.dataSource, enterpriseIds(1), 0, 1);
      const stopping = Date.now();
      await relay.stop();
      relays.splice(relays.indexOf(relay), 1);
      expect(Date.now() - stopping).toBeLessThan(5_000);
    }
  });

  it('refuses at publish an event whose data fails its schema, and rolls back the caller\'s transaction', async () => {
    const bad = { ...suspension(enterpriseIds(1)[0]!, 1), reason: '' };
    await expect(db.dataSource.transaction((m) => new OutboxWriter().publish(m, 'valley.enterprise.suspended.v1', bad))).rejects.toThrow(ContractViolationError);
    const unknownType = 'valley.enterprise.teleported.v1' as 'valley.enterprise.suspended.v1';
    await expect(db.dataSource.transaction((m) => new OutboxWriter().publish(m, unknownType, suspension(enterpriseIds(1)[0]!, 1)))).rejects.toThrow(/unknown event type/);
    const rows = await db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox');
    expect(rows[0].n).toBe(0);
  });

  it('refuses to publish outside a transaction', async () => {
    await expect(new OutboxWriter().publish(db.dataSource.manager, 'valley.enterprise.suspended.v1', suspension(enterpriseIds(1)[0]!, 1))).rejects.toThrow(/inside a database transaction/);
  });

  it('keeps per-key order with two relay instances, one leading and one on standby, across a failover', async () => {
    const keys = enterpriseIds(5);
    const first = startRelay({ standbyPollMs: 100 });
    await waitFor('first relay to lead', () => first.isLeader);
    const second = startRelay({ standbyPollMs: 100 });
    await writeSuspensions(db.dataSource, keys, 0, 40);
    expect(second.isLeader).toBe(false);
    await first.stop();
    await waitFor('standby to take over', () => second.isLeader, { timeoutMs: 10_000 });
    await writeSuspensions(db.dataSource, keys, 40, 80);

    const keySet = new Set(keys);
    const mine = (ms: import('kafkajs').KafkaMessage[]) => ms.filter((m) => keySet.has(m.key?.toString() ?? ''));
    const messages = await readTopic(kafka, Topics.EnterpriseLifecycle, (ms) => new Set(mine(ms).map((m) => m.value?.toString())).size >= 400);
    for (const key of keys) {
      const seqs = mine(messages)
        .filter((m) => m.key?.toString() === key)
        .map((m) => sequenceOf(JSON.parse(m.value!.toString())));
      const firstSeen = seqs.filter((n, i) => seqs.indexOf(n) === i);
      // A failover may repeat an event (at-least-once), never reorder or lose one.
      expect(firstSeen).toEqual(Array.from({ length: 80 }, (_, i) => i));
    }
  });
});

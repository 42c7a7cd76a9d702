import { Registry } from 'prom-client';
import type { Kafka } from 'kafkajs';
import { Topics, type CloudEvent } from '@valley/contracts';
import { createTestDatabase, createTestKafka, isLocalKafka, uniqueGroupId, waitFor, type TestDatabase } from '@valley/testing';
import { startKafka, stopKafka } from '../../../../infra/local/kafka';
import { cloudEventDecoder, IdempotentConsumer, MessagingMetrics, OutboxRelay } from '../../src';
import { appliedRows, recordEffect, testMigrations } from '../support/applied-effects';
import { enterpriseIds, sequenceOf, writeSuspensions } from '../support/lifecycle-events';

/**
 * Stops the real broker in the middle of a stream, keeps writing, starts it
 * again: every event arrives once, in order per key.
 */
describe('outbox relay and consumer across a broker restart', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let relay: OutboxRelay;
  let consumer: IdempotentConsumer<CloudEvent>;

  beforeAll(() => {
    if (!isLocalKafka()) throw new Error('this test stops and starts the broker: run it against the local one (unset KAFKA_BROKERS)');
  });

  beforeEach(async () => {
    db = await createTestDatabase('restart', testMigrations);
    kafka = createTestKafka();
  });

  afterEach(async () => {
    await relay?.stop();
    await consumer?.stop();
    await db.drop();
  });

  it('loses nothing and keeps per-key order', async () => {
    const keys = enterpriseIds(8);
    const mine = new Set(keys);
    const registry = new Registry();
    relay = new OutboxRelay({ databaseUrl: db.url, kafka, metrics: MessagingMetrics.for(registry) });
    relay.start();
    consumer = new IdempotentConsumer<CloudEvent>({
      kafka,
      dataSource: db.dataSource,
      groupId: uniqueGroupId('restart'),
      topics: [Topics.EnterpriseLifecycle],
      decode: cloudEventDecoder,
      metrics: MessagingMetrics.for(registry),
      handle: async (m, manager) => {
        if (mine.has(m.key ?? '')) await recordEffect(manager, m.id, m.key, m.value);
      },
    });
    await consumer.start();

    await writeSuspensions(db.dataSource, keys, 0, 20);
    await waitFor('the first events through', async () => (await appliedRows(db.dataSource.manager)).length > 0, { timeoutMs: 60_000 });
    await stopKafka();
    // Services keep accepting commands while the broker is away: the outbox holds the events.
    await writeSuspensions(db.dataSource, keys, 20, 40);
    await startKafka(() => undefined);
    await writeSuspensions(db.dataSource, keys, 40, 60);

    const expected = keys.length * 60;
    await waitFor(`${expected} events applied`, async () => (await appliedRows(db.dataSource.manager)).length >= expected, { timeoutMs: 100_000, intervalMs: 250 });
    const rows = await appliedRows(db.dataSource.manager);
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(rows.length);
    expect(rows).toHaveLength(expected);
    for (const key of keys) {
      const seqs = rows.filter((r) => r.message_key === key).map((r) => sequenceOf(r.body));
      expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i));
    }
  });
});

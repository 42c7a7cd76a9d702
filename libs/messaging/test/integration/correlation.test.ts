import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import type { Kafka, Producer } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { Topics } from '@valley/contracts';
import { createTestDatabase, createTestKafka, createTestTopic, readTopic, uniqueGroupId, waitFor, type TestDatabase } from '@valley/testing';
import { currentCorrelationId, headerText, IdempotentConsumer, MessageHeaders, MessagingMetrics, OutboxRelay, OutboxWriter, runWithCorrelationId, type ConsumedMessage } from '../../src';
import { testMigrations } from '../support/applied-effects';
import { suspension } from '../support/lifecycle-events';
import { testMessage, testRecordDecoder, type TestRecord } from '../support/test-records';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface OutboxRow {
  enterprise_id: string;
  reason: string;
  correlation_id: string | null;
}

/**
 * The correlation id a record carries reaches the events its handler causes,
 * without the handler passing it: the consumer makes it the current one and
 * the outbox writer reads it. Real broker, real database.
 */
describe('correlation id through IdempotentConsumer and OutboxWriter', () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let topic: string;
  const writer = new OutboxWriter();
  const stoppers: Array<() => Promise<void>> = [];

  const outboxRows = (): Promise<OutboxRow[]> =>
    db.dataSource.query(`SELECT payload->'data'->>'enterpriseId' AS enterprise_id, payload->'data'->>'reason' AS reason, headers->>'correlation-id' AS correlation_id FROM messaging_outbox ORDER BY id`);

  const startConsumer = async (options: Pick<ConstructorParameters<typeof IdempotentConsumer<TestRecord>>[0], 'handle' | 'handleChunk'>): Promise<void> => {
    const sut = new IdempotentConsumer<TestRecord>({ kafka, dataSource: db.dataSource, groupId: uniqueGroupId('correlation'), topics: [topic], decode: testRecordDecoder, metrics: MessagingMetrics.for(new Registry()), ...options });
    stoppers.push(() => sut.stop());
    await sut.start();
  };

  beforeEach(async () => {
    db = await createTestDatabase('correlation', testMigrations);
    kafka = createTestKafka();
    producer = kafka.producer();
    await producer.connect();
    topic = await createTestTopic(kafka, 'correlation', 1);
  });

  afterEach(async () => {
    await Promise.all(stoppers.splice(0).map((stop) => stop()));
    await producer.disconnect();
    await db.drop();
  });

  it('publishes what a handler causes under the record\'s correlation id, a fresh one when it has none or a malformed one, and relays it to Kafka', async () => {
    const enterpriseId = randomUUID();
    const seenInHandler: Array<{ n: number; trace: string; current: string | undefined }> = [];
    // The handler publishes without passing any trace, as the services' handlers may.
    const handle = async (m: ConsumedMessage<TestRecord>, manager: EntityManager): Promise<void> => {
      seenInHandler.push({ n: m.value.n, trace: m.trace.correlationId, current: currentCorrelationId() });
      await writer.publish(manager, 'valley.enterprise.suspended.v1', suspension(enterpriseId, m.value.n));
    };
    await startConsumer({ handle });
    const record = (n: number): TestRecord => ({ id: `r-${n}`, key: enterpriseId, n });
    await producer.send({
      topic,
      messages: [
        { ...testMessage(record(0)), headers: { [MessageHeaders.CorrelationId]: 'approve-7f3a' } },
        testMessage(record(1)),
        { ...testMessage(record(2)), headers: { [MessageHeaders.CorrelationId]: 'not valid; has spaces' } },
        { ...testMessage(record(3)), headers: { [MessageHeaders.CorrelationId]: 'approve-7f3a' } },
      ],
    });
    await waitFor('four events in the outbox', async () => ((await outboxRows()).length === 4 ? true : undefined));

    const rows = await outboxRows();
    expect(rows.map((r) => r.reason)).toEqual(['seq:0', 'seq:1', 'seq:2', 'seq:3']);
    const ids = rows.map((r) => r.correlation_id);
    expect(ids[0]).toBe('approve-7f3a');
    expect(ids[3]).toBe('approve-7f3a');
    expect(ids[1]).toMatch(UUID);
    expect(ids[2]).toMatch(UUID);
    expect(ids[1]).not.toBe(ids[2]);
    // The handler saw the same id in its message and as the current one.
    expect(seenInHandler.map((s) => s.current)).toEqual(ids);
    expect(seenInHandler.map((s) => s.trace)).toEqual(ids);

    const relay = new OutboxRelay({ databaseUrl: db.url, kafka, metrics: MessagingMetrics.for(new Registry()) });
    stoppers.push(() => relay.stop());
    relay.start();
    const messages = await readTopic(kafka, Topics.EnterpriseLifecycle, (ms) => ms.filter((m) => m.key?.toString() === enterpriseId).length === 4);
    expect(messages.filter((m) => m.key?.toString() === enterpriseId).map((m) => headerText(m.headers, MessageHeaders.CorrelationId))).toEqual(ids);
  });

  it('runs a chunk handler under the id its records share', async () => {
    const enterpriseId = randomUUID();
    const seen: Array<string | undefined> = [];
    await startConsumer({
      handle: async () => {
        throw new Error('the chunk path should apply these');
      },
      handleChunk: async (ms, manager) => {
        seen.push(currentCorrelationId());
        for (const m of ms) await writer.publish(manager, 'valley.enterprise.suspended.v1', suspension(enterpriseId, m.value.n));
      },
    });
    const headers = { [MessageHeaders.CorrelationId]: 'carrier-batch-42' };
    await producer.send({ topic, messages: [0, 1, 2].map((n) => ({ ...testMessage({ id: `c-${n}`, key: enterpriseId, n }), headers })) });
    await waitFor('three events in the outbox', async () => ((await outboxRows()).length === 3 ? true : undefined));

    expect(new Set(seen)).toEqual(new Set(['carrier-batch-42']));
    expect((await outboxRows()).map((r) => r.correlation_id)).toEqual(['carrier-batch-42', 'carrier-batch-42', 'carrier-batch-42']);
  });

  it('prefers the id the caller passes to the current one, and writes none outside any scope', async () => {
    const enterpriseId = randomUUID();
    await runWithCorrelationId('ambient', () =>
      db.dataSource.transaction(async (m) => {
        await writer.publish(m, 'valley.enterprise.suspended.v1', suspension(enterpriseId, 0));
        await writer.publish(m, 'valley.enterprise.suspended.v1', suspension(enterpriseId, 1), { correlationId: 'explicit' });
      }),
    );
    await db.dataSource.transaction((m) => writer.publish(m, 'valley.enterprise.suspended.v1', suspension(enterpriseId, 2)));

    expect((await outboxRows()).map((r) => r.correlation_id)).toEqual(['ambient', 'explicit', null]);
  });
});

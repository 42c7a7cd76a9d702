import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { buildCloudEvent, deadLetterTopic } from '@valley/contracts';
import { createTestDatabase, createTestKafka, createTestTopic, readTopic, testKafkaEnv, uniqueGroupId, waitFor, type TestDatabase } from '@valley/testing';
import { cloudEventDecoder, headerText, IdempotentConsumer, MessageHeaders, MessagingMetrics, type IdempotentConsumerOptions } from '../../src';
import { appliedRows, recordEffect, testMigrations } from '../support/applied-effects';
import { suspension } from '../support/lifecycle-events';
import { testMessage, testRecordDecoder, type TestRecord } from '../support/test-records';

describe(IdempotentConsumer.name, () => {
  let db: TestDatabase;
  let kafka: Kafka;
  let producer: Producer;
  let topic: string;
  const consumers: Array<IdempotentConsumer<unknown>> = [];

  function startConsumer<T>(options: Partial<IdempotentConsumerOptions<T>> & Pick<IdempotentConsumerOptions<T>, 'decode' | 'handle'>): { sut: IdempotentConsumer<T>; registry: Registry; groupId: string } {
    const registry = new Registry();
    const groupId = options.groupId ?? uniqueGroupId('consumer');
    const sut = new IdempotentConsumer<T>({ kafka, dataSource: db.dataSource, groupId, topics: [topic], metrics: MessagingMetrics.for(registry), retryBaseMs: 20, retryMaxMs: 100, ...options });
    consumers.push(sut as IdempotentConsumer<unknown>);
    return { sut, registry, groupId };
  }

  const outcomeCount = async (registry: Registry, outcome: string): Promise<number> => {
    const metric = await registry.getSingleMetric('valley_consumer_messages_total')?.get();
    return metric?.values.filter((v) => v.labels['outcome'] === outcome).reduce((sum, v) => sum + v.value, 0) ?? 0;
  };

  beforeEach(async () => {
    db = await createTestDatabase('consumer', testMigrations);
    kafka = createTestKafka();
    producer = kafka.producer();
    await producer.connect();
    topic = await createTestTopic(kafka, 'consumer', 1);
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
    await producer.disconnect();
    await db.drop();
  });

  it('applies a record delivered twice only once, also across a consumer restart', async () => {
    const records: TestRecord[] = [0, 1, 2].map((n) => ({ id: `r-${n}`, key: 'k', n }));
    await producer.send({ topic, messages: [...records, records[1]!].map(testMessage) });
    const handle = async (m: { id: string; key: string | undefined; value: TestRecord }, manager: import('typeorm').EntityManager) => recordEffect(manager, m.id, m.key, m.value);
    const first = startConsumer({ decode: testRecordDecoder, handle });
    await first.sut.start();
    await waitFor('three records applied', async () => (await appliedRows(db.dataSource.manager)).length === 3);
    await waitFor('the duplicate seen', async () => (await outcomeCount(first.registry, 'duplicate')) === 1);
    await first.sut.stop();

    // The same records again, and a fresh consumer of the same group reading them.
    await producer.send({ topic, messages: records.map(testMessage) });
    const second = startConsumer({ decode: testRecordDecoder, handle, groupId: first.groupId });
    await second.sut.start();
    await waitFor('the repeats seen', async () => (await outcomeCount(second.registry, 'duplicate')) === 3);

    const rows = await appliedRows(db.dataSource.manager);
    expect(rows.map((r) => r.message_id)).toEqual(['r-0', 'r-1', 'r-2']);
  });

  it('sends a poison record to the DLQ with its reason and origin, and applies the records behind it', async () => {
    let explodeAttempts = 0;
    const { sut } = startConsumer<TestRecord>({
      decode: testRecordDecoder,
      maxAttempts: 3,
      handle: async (m, manager) => {
        if (m.value.explode) {
          explodeAttempts += 1;
          throw new Error('handler cannot process this record');
        }
        await recordEffect(manager, m.id, m.key, m.value);
      },
    });
    await producer.send({
      topic,
      messages: [
        testMessage({ id: 'good-1', key: 'k', n: 1 }),
        { key: 'k', value: '{not json' },
        testMessage({ id: 'bad-2', key: 'k', n: 2, explode: true }),
        testMessage({ id: 'good-3', key: 'k', n: 3 }),
      ],
    });
    await sut.start();

    const dlq = await readTopic(kafka, deadLetterTopic(topic), (ms) => ms.length >= 2);
    await waitFor('good records applied', async () => (await appliedRows(db.dataSource.manager)).length === 2);
    const rows = await appliedRows(db.dataSource.manager);
    expect(rows.map((r) => r.message_id)).toEqual(['good-1', 'good-3']);

    const reasonOf = (m: KafkaMessage) => headerText(m.headers, MessageHeaders.DlqReason);
    const [malformed, failing] = [...dlq].sort((a, b) => Number(headerText(a.headers, MessageHeaders.DlqOriginOffset)) - Number(headerText(b.headers, MessageHeaders.DlqOriginOffset)));
    expect(malformed!.value?.toString()).toBe('{not json');
    expect(reasonOf(malformed!)).toMatch(/^malformed JSON/);
    expect(headerText(malformed!.headers, MessageHeaders.DlqAttempts)).toBe('0');
    expect(reasonOf(failing!)).toBe('handler cannot process this record');
    expect(headerText(failing!.headers, MessageHeaders.DlqAttempts)).toBe('3');
    expect(headerText(failing!.headers, MessageHeaders.DlqOriginTopic)).toBe(topic);
    expect(headerText(failing!.headers, MessageHeaders.DlqOriginPartition)).toBe('0');
    expect(headerText(failing!.headers, MessageHeaders.DlqOriginOffset)).toBe('2');
    expect(explodeAttempts).toBe(3);
    const inbox = await db.dataSource.query(`SELECT outcome FROM messaging_inbox WHERE message_id = 'bad-2'`);
    expect(inbox).toEqual([{ outcome: 'dead-lettered' }]);
  });

  it('applies a chunk through the chunk handler in one call, and redoes it record by record when that fails', async () => {
    const chunkCalls: string[][] = [];
    const { sut } = startConsumer<TestRecord>({
      decode: testRecordDecoder,
      maxAttempts: 2,
      handleChunk: async (ms, manager) => {
        chunkCalls.push(ms.map((m) => m.id));
        if (ms.some((m) => m.value.explode)) throw new Error('chunk contains a bad record');
        for (const m of ms) await recordEffect(manager, m.id, m.key, m.value);
      },
      handle: async (m, manager) => {
        if (m.value.explode) throw new Error('bad record');
        await recordEffect(manager, m.id, m.key, m.value);
      },
    });
    await producer.send({ topic, messages: [1, 2, 3].map((n) => testMessage({ id: `a-${n}`, key: 'k', n })) });
    await sut.start();
    await waitFor('first chunk applied', async () => (await appliedRows(db.dataSource.manager)).length === 3);
    expect(chunkCalls[0]).toEqual(['a-1', 'a-2', 'a-3']);

    await producer.send({ topic, messages: [testMessage({ id: 'b-1', key: 'k', n: 4 }), testMessage({ id: 'b-2', key: 'k', n: 5, explode: true }), testMessage({ id: 'b-3', key: 'k', n: 6 })] });
    await readTopic(kafka, deadLetterTopic(topic), (ms) => ms.length >= 1);
    await waitFor('the rest applied', async () => (await appliedRows(db.dataSource.manager)).length === 5);
    expect((await appliedRows(db.dataSource.manager)).map((r) => r.message_id)).toEqual(['a-1', 'a-2', 'a-3', 'b-1', 'b-3']);
  });

  it('sends a CloudEvent that fails its schema to the DLQ at once, and applies valid events', async () => {
    const valid = buildCloudEvent('valley.enterprise.suspended.v1', suspension(randomUUID(), 1));
    const invalid = { ...buildCloudEvent('valley.enterprise.suspended.v1', suspension(randomUUID(), 2)), data: { enterpriseId: 'not-a-uuid' } };
    await producer.send({ topic, messages: [{ value: JSON.stringify(invalid) }, { value: JSON.stringify(valid) }] });
    let calls = 0;
    const { sut } = startConsumer({ decode: cloudEventDecoder, handle: async (m, manager) => { calls += 1; await recordEffect(manager, m.id, m.key, m.value); } });
    await sut.start();

    const dlq = await readTopic(kafka, deadLetterTopic(topic), (ms) => ms.length >= 1);
    await waitFor('the valid event applied', async () => (await appliedRows(db.dataSource.manager)).length === 1);
    expect(headerText(dlq[0]!.headers, MessageHeaders.DlqReason)).toMatch(/valley\.enterprise\.suspended\.v1 data: .*(enterpriseId|required)/);
    expect((await appliedRows(db.dataSource.manager))[0]!.message_id).toBe(valid.id);
    expect(calls).toBe(1);
  });

  describe('chunks of several partitions that arrive together', () => {
    /** Three partitions, each holding `perPartition` records when the consumer starts, so its first fetch brings all three. */
    async function threePartitions(perPartition: (partition: number) => TestRecord[]): Promise<string> {
      const wide = await createTestTopic(kafka, 'together', 3);
      for (const partition of [0, 1, 2]) await producer.send({ topic: wide, messages: perPartition(partition).map((r) => ({ ...testMessage(r), partition })) });
      return wide;
    }
    const records = (partition: number): TestRecord[] => [0, 1, 2].map((n) => ({ id: `p${partition}-${n}`, key: `k${partition}`, n }));

    it('applies them in one transaction and one chunk handler call, each partition in order, each record once', async () => {
      const wide = await threePartitions(records);
      const calls: Array<Array<{ id: string; partition: number }>> = [];
      const { sut, registry } = startConsumer<TestRecord>({
        topics: [wide],
        decode: testRecordDecoder,
        handleChunk: async (ms, manager) => {
          calls.push(ms.map((m) => ({ id: m.id, partition: m.partition })));
          for (const m of ms) await recordEffect(manager, m.id, m.key, m.value);
        },
        handle: (m, manager) => recordEffect(manager, m.id, m.key, m.value),
      });
      await sut.start();
      await waitFor('nine records applied', async () => (await appliedRows(db.dataSource.manager)).length === 9);
      // One call held records of more than one partition: they shared its transaction.
      expect(calls.some((call) => new Set(call.map((c) => c.partition)).size > 1)).toBe(true);
      const rows = await appliedRows(db.dataSource.manager);
      for (const partition of [0, 1, 2]) {
        expect(rows.filter((r) => r.message_key === `k${partition}`).map((r) => r.message_id)).toEqual(records(partition).map((r) => r.id));
      }
      expect(await outcomeCount(registry, 'applied')).toBe(9);
      const inbox: Array<{ topic: string; kafka_partition: number; n: number }> = await db.dataSource.query(
        'SELECT topic, kafka_partition, count(*)::int AS n FROM messaging_inbox GROUP BY topic, kafka_partition ORDER BY kafka_partition',
      );
      expect(inbox).toEqual([0, 1, 2].map((p) => ({ topic: wide, kafka_partition: p, n: 3 })));
    });

    it('applies each chunk on its own when the shared transaction fails: a poison record is dead-lettered with its own origin, the rest applied', async () => {
      const wide = await threePartitions((partition) => records(partition).map((r) => (r.id === 'p1-1' ? { ...r, explode: true } : r)));
      await producer.send({ topic: wide, messages: [{ key: 'k2', value: 'not json', partition: 2 }] });
      const { sut, registry } = startConsumer<TestRecord>({
        topics: [wide],
        decode: testRecordDecoder,
        maxAttempts: 2,
        handleChunk: async (ms, manager) => {
          if (ms.some((m) => m.value.explode)) throw new Error('chunk contains a bad record');
          for (const m of ms) await recordEffect(manager, m.id, m.key, m.value);
        },
        handle: async (m, manager) => {
          if (m.value.explode) throw new Error('bad record');
          await recordEffect(manager, m.id, m.key, m.value);
        },
      });
      await sut.start();
      const dlq = await readTopic(kafka, deadLetterTopic(wide), (ms) => ms.length >= 2);
      await waitFor('eight records applied', async () => (await appliedRows(db.dataSource.manager)).length === 8);
      const origins = dlq.map((m) => ({ partition: headerText(m.headers, MessageHeaders.DlqOriginPartition), reason: headerText(m.headers, MessageHeaders.DlqReason) }));
      origins.sort((a, b) => String(a.partition).localeCompare(String(b.partition)));
      expect(origins).toEqual([
        { partition: '1', reason: expect.stringContaining('bad record') },
        { partition: '2', reason: expect.stringContaining('malformed JSON') },
      ]);
      const rows = await appliedRows(db.dataSource.manager);
      expect(rows.filter((r) => r.message_key === 'k1').map((r) => r.message_id)).toEqual(['p1-0', 'p1-2']);
      expect(rows.filter((r) => r.message_key === 'k0').map((r) => r.message_id)).toEqual(['p0-0', 'p0-1', 'p0-2']);
      expect(rows.filter((r) => r.message_key === 'k2').map((r) => r.message_id)).toEqual(['p2-0', 'p2-1', 'p2-2']);
      expect(await outcomeCount(registry, 'dead-lettered')).toBe(2);
    });
  });

  it('commits applied offsets in the background while a record is still being applied, and never past it', async () => {
    const committedOffset = async (groupId: string): Promise<number> => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return Number(entry?.partitions.find((p) => p.partition === 0)?.offset ?? -1);
      } finally {
        await admin.disconnect();
      }
    };
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let blockedStarted = false;
    const { sut, groupId } = startConsumer<TestRecord>({
      decode: testRecordDecoder,
      chunkSize: 1,
      commitIntervalMs: 100,
      handle: async (m, manager) => {
        if (m.id === 'c-3') {
          blockedStarted = true;
          await blocked;
        }
        await recordEffect(manager, m.id, m.key, m.value);
      },
    });
    try {
      await producer.send({ topic, messages: [0, 1, 2, 3, 4].map((n) => testMessage({ id: `c-${n}`, key: 'k', n })) });
      await sut.start();
      await waitFor('c-3 being applied', () => blockedStarted);
      // Offsets 0–2 are applied: the timer commits them although c-3 holds the partition.
      await waitFor('offset 3 committed while c-3 is applied', async () => (await committedOffset(groupId)) === 3);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await committedOffset(groupId)).toBe(3);
      expect((await appliedRows(db.dataSource.manager)).map((r) => r.message_id)).toEqual(['c-0', 'c-1', 'c-2']);
    } finally {
      release();
    }
    // With nothing more arriving, the rest is committed all the same.
    await waitFor('offset 5 committed', async () => (await committedOffset(groupId)) === 5);
    expect((await appliedRows(db.dataSource.manager)).map((r) => r.message_id)).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
  });

  it('gets a record again after being killed between its effect and its offset commit, and applies it once', async () => {
    const records: TestRecord[] = Array.from({ length: 10 }, (_, n) => ({ id: `m-${n}`, key: 'k', n }));
    await producer.send({ topic, messages: records.map(testMessage) });
    const groupId = uniqueGroupId('crash');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/consumer-process.ts')], {
      env: { ...process.env, DATABASE_URL: db.url, ...testKafkaEnv(), GROUP_ID: groupId, TOPIC: topic, CRASH_ON_ID: 'm-5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect({ signal, output }).toEqual({ signal: 'SIGKILL', output: expect.stringContaining('applied m-5') });
    expect((await appliedRows(db.dataSource.manager)).map((r) => r.message_id)).toEqual(records.slice(0, 6).map((r) => r.id));

    const { sut, registry } = startConsumer<TestRecord>({ groupId, decode: testRecordDecoder, handle: (m, manager) => recordEffect(manager, m.id, m.key, m.value) });
    await sut.start();
    await waitFor('all ten applied', async () => (await appliedRows(db.dataSource.manager)).length === 10);
    await waitFor('the redelivered record seen', async () => (await outcomeCount(registry, 'duplicate')) === 1);
    expect((await appliedRows(db.dataSource.manager)).map((r) => r.message_id)).toEqual(records.map((r) => r.id));
  });
});

/**
 * A consumer in a process of its own, so a test can kill it with SIGKILL at the
 * worst moment: after its effect committed, before its offset commit.
 */
import { DataSource } from 'typeorm';
import { createKafka, IdempotentConsumer, kafkaSaslFromEnv } from '../../src';
import { recordEffect } from './applied-effects';
import { testRecordDecoder } from './test-records';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const crashOn = env('CRASH_ON_ID');
  const dataSource = new DataSource({ type: 'postgres', url: env('DATABASE_URL'), synchronize: false });
  await dataSource.initialize();
  const consumer = new IdempotentConsumer({
    kafka: createKafka({ brokers: env('KAFKA_BROKERS').split(','), sasl: kafkaSaslFromEnv(), clientId: 'crash-test' }),
    dataSource,
    groupId: env('GROUP_ID'),
    topics: [env('TOPIC')],
    decode: testRecordDecoder,
    chunkSize: 1,
    // Commit every applied offset at once, so the test knows exactly where the kill lands.
    commitIntervalMs: 0,
    handle: async (message, manager) => {
      await recordEffect(manager, message.id, message.key, message.value);
      if (message.id === crashOn) process.stdout.write(`applied ${crashOn}\n`);
    },
    afterEffectsCommitted: async ({ offset }) => {
      const row: Array<{ message_id: string }> = await dataSource.query('SELECT message_id FROM messaging_inbox WHERE kafka_offset = $1', [offset]);
      // The effect is committed and the offset is not: the worst moment to die.
      if (row[0]?.message_id === crashOn) process.kill(process.pid, 'SIGKILL');
    },
  });
  await consumer.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`consumer-process failed: ${String(err)}\n`);
  process.exit(1);
});

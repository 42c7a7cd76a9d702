import type { KafkaMessage } from 'kafkajs';
import type { MessageDecoder } from '../../src';

/** A plain record for tests on topics of their own: `n` orders the records of one key. */
export interface TestRecord {
  id: string;
  key: string;
  n: number;
  explode?: boolean;
}

export const testRecordDecoder: MessageDecoder<TestRecord> = (message: KafkaMessage) => {
  try {
    const value = JSON.parse(message.value?.toString('utf8') ?? '') as TestRecord;
    if (typeof value.id !== 'string' || typeof value.n !== 'number') return { ok: false, reason: 'not a test record' };
    return { ok: true, id: value.id, value };
  } catch (err) {
    return { ok: false, reason: `malformed JSON: ${(err as Error).message}` };
  }
};

export function testMessage(record: TestRecord): { key: string; value: string } {
  return { key: record.key, value: JSON.stringify(record) };
}

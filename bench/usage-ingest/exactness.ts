import type { Consumer, Kafka } from 'kafkajs';
import { deadLetterTopic, Topics } from '@valley/contracts';
import { headerText, MessageHeaders } from '@valley/messaging';
import { waitUntil } from '../relay/support';
import type { InvalidKind, GroundTruth } from './records';
import type { BenchDatabase } from './setup';

export const DLQ_TOPIC = deadLetterTopic(Topics.FlowUsageRecords);

/**
 * Reads the usage DLQ (its group positioned at the end before the run) and
 * counts the records keyed by this run's enterprises that the bench's service
 * dead-lettered, once per origin
 * (partition, offset): a chunk redone after a crash may dead-letter a record
 * twice, which is at-least-once by design.
 */
export class DlqCounter {
  raw = 0;
  readonly byKind = new Map<InvalidKind | 'other', number>();
  private readonly seen = new Set<string>();
  private readonly next = new Map<number, bigint>();
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    readonly groupId: string,
    private readonly enterprises: ReadonlySet<string>,
    /** Only what the bench's service dead-lettered: another service on the topic would dead-letter the same records. */
    private readonly sourceGroup: string,
  ) {}

  get distinct(): number {
    return this.seen.size;
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [DLQ_TOPIC], fromBeginning: false });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const key = m.key?.toString('utf8');
          if (key === undefined || !this.enterprises.has(key)) continue;
          if (headerText(m.headers, MessageHeaders.DlqConsumerGroup) !== this.sourceGroup) continue;
          this.raw += 1;
          const origin = `${headerText(m.headers, MessageHeaders.DlqOriginPartition) ?? '?'}:${headerText(m.headers, MessageHeaders.DlqOriginOffset) ?? m.offset}`;
          if (this.seen.has(origin)) continue;
          this.seen.add(origin);
          const kind = classify(headerText(m.headers, MessageHeaders.DlqReason) ?? '');
          this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
        }
        this.next.set(batch.partition, BigInt(batch.lastOffset()) + 1n);
      },
    });
  }

  /** Waits until it has read the DLQ up to its current end. */
  async catchUp(timeoutMs: number): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(DLQ_TOPIC);
      const group = await admin.fetchOffsets({ groupId: this.groupId, topics: [DLQ_TOPIC] });
      const started = new Map((group[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
      const behind = (): number[] =>
        ends.filter((e) => BigInt(e.high) > (this.next.get(e.partition) ?? started.get(e.partition) ?? 0n)).map((e) => e.partition);
      await waitUntil(() => `the DLQ reader to reach the end of ${DLQ_TOPIC} (partitions behind: ${behind().join(', ')})`, () => behind().length === 0, timeoutMs, 100);
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function classify(reason: string): InvalidKind | 'other' {
  if (/malformed JSON/.test(reason)) return 'json';
  if (/windowEnd/.test(reason)) return 'window';
  if (/bytes(In|Out)|minimum|pattern/.test(reason)) return 'negative';
  return 'other';
}

export interface Check {
  name: string;
  expected: string;
  actual: string;
  ok: boolean;
}

/** Compares the service's database and the DLQ with the ground truth, to the byte. */
export async function checkExactness(db: BenchDatabase, truth: GroundTruth, enterprises: readonly string[], dlq: DlqCounter, usageGroup: string, runId: string): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, expected: string | number | bigint, actual: string | number | bigint): void => {
    checks.push({ name, expected: String(expected), actual: String(actual), ok: String(expected) === String(actual) });
  };
  const ours = [enterprises];
  const [monthly] = await db.query<{ bytes: string; records: string }>(
    `SELECT coalesce(sum(um.used_bytes), 0)::text AS bytes, coalesce(sum(um.records), 0)::text AS records
       FROM usage_monthly um JOIN allocations a ON a.id = um.allocation_id WHERE a.enterprise_id = ANY($1::uuid[])`,
    ours,
  );
  add('sum(usage_monthly.used_bytes)', truth.bytes, monthly?.bytes ?? '?');
  add('sum(usage_monthly.records)', truth.uniqueValid, monthly?.records ?? '?');
  const [daily] = await db.query<{ bytes: string }>(
    `SELECT coalesce(sum(ud.bytes_in + ud.bytes_out), 0)::text AS bytes
       FROM usage_daily ud JOIN allocations a ON a.id = ud.allocation_id WHERE a.enterprise_id = ANY($1::uuid[])`,
    ours,
  );
  add('sum(usage_daily bytes in+out)', truth.bytes, daily?.bytes ?? '?');
  const rows = await db.query<{ enterprise_id: string; month: string; used_bytes: string; records: string }>(
    `SELECT a.enterprise_id, um.month, um.used_bytes::text, um.records::text
       FROM usage_monthly um JOIN allocations a ON a.id = um.allocation_id WHERE a.enterprise_id = ANY($1::uuid[])`,
    ours,
  );
  const stored = new Map(rows.map((r) => [`${r.enterprise_id}|${r.month}`, r]));
  let wrong = 0;
  for (const key of new Set([...stored.keys(), ...truth.byEnterpriseMonth.keys()])) {
    const s = stored.get(key);
    const t = truth.byEnterpriseMonth.get(key);
    if (!s || !t || s.used_bytes !== t.bytes.toString() || s.records !== String(t.records)) wrong += 1;
  }
  add(`(enterprise, month) rows that differ (of ${truth.byEnterpriseMonth.size})`, 0, wrong);
  const [parked] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM parked_usage_records WHERE enterprise_id = ANY($1::uuid[])', ours);
  add('parked records of the run', 0, parked?.n ?? '?');
  const inbox = await db.query<{ outcome: string; n: string }>(
    `SELECT outcome, count(*)::text AS n FROM messaging_inbox WHERE consumer_group = $1 AND message_id LIKE $2 GROUP BY outcome`,
    [usageGroup, `%:${runId}-%`],
  );
  add('inbox rows applied', truth.uniqueValid, inbox.find((r) => r.outcome === 'applied')?.n ?? 0);
  add('DLQ records (distinct origin offsets)', truth.invalid, dlq.distinct);
  for (const kind of ['negative', 'window', 'json'] as const) add(`  DLQ ${kind}`, truth.invalidByKind.get(kind) ?? 0, dlq.byKind.get(kind) ?? 0);
  add('  DLQ unclassified', 0, dlq.byKind.get('other') ?? 0);
  return checks;
}

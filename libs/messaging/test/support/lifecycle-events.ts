import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventData } from '@valley/contracts';
import { OutboxWriter } from '../../src';

/** A contract event whose `reason` carries a sequence number, to check per-key order. */
export function suspension(enterpriseId: string, n: number): EventData<'valley.enterprise.suspended.v1'> {
  return { enterpriseId, reason: `seq:${n}`, suspendedAt: new Date().toISOString() };
}

export function sequenceOf(body: Record<string, unknown>): number {
  const data = body['data'] as { reason: string };
  return Number(data.reason.slice('seq:'.length));
}

export function enterpriseIds(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID());
}

/** Writes `perKey` suspensions for each key, one transaction per event, as a service would. */
export async function writeSuspensions(dataSource: DataSource, keys: string[], from: number, to: number): Promise<number> {
  const writer = new OutboxWriter();
  let written = 0;
  for (let n = from; n < to; n++) {
    for (const key of keys) {
      await dataSource.transaction((manager) => writer.publish(manager, 'valley.enterprise.suspended.v1', suspension(key, n)));
      written += 1;
    }
  }
  return written;
}

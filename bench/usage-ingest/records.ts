import { parkMonthOf } from '@valley/contracts';

/** What the bench sends at one position of the stream. */
const enum Slot {
  Unique = 0,
  Duplicate = 1,
  Invalid = 2,
}

export type InvalidKind = 'negative' | 'window' | 'json';
export const INVALID_KINDS: readonly InvalidKind[] = ['negative', 'window', 'json'];

export interface StreamPlan {
  runId: string;
  total: number;
  enterprises: readonly string[];
  duplicateRate: number;
  invalidRate: number;
  /** The invalid kinds, taken in turn. */
  invalidKinds: readonly InvalidKind[];
  seed: number;
}

/** The exact expectation: sums over unique valid records only, as bigints. */
export class GroundTruth {
  uniqueValid = 0;
  duplicates = 0;
  invalid = 0;
  bytes = 0n;
  readonly invalidByKind = new Map<InvalidKind, number>();
  /** `<enterpriseId>|<YYYY-MM>` → bytes and records. */
  readonly byEnterpriseMonth = new Map<string, { bytes: bigint; records: number }>();
}

export interface OutgoingRecord {
  key: string;
  value: string;
}

interface UsageRecordOut {
  recordId: string;
  carrierId: string;
  enterpriseId: string;
  windowStart: string;
  windowEnd: string;
  bytesIn: number | string;
  bytesOut: number | string;
}

const CARRIERS = ['cmcc-sx', 'ctcc-sx', 'cucc-sx', 'cbn-sx'];
const HOUR = 3600_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR;

/**
 * The run's records, position by position: 1 % exact duplicates (the same
 * bytes again, half soon after the original, half anywhere later), 0.1 %
 * invalid, both spread evenly. Unique record `j` is a pure function of the
 * seed and `j`, so a duplicate is regenerated instead of kept in memory.
 */
export class RecordStream {
  readonly truth = new GroundTruth();
  private readonly slots: Uint8Array;
  private readonly fromMs: number;
  private readonly spanMs: number;
  private uniquesSoFar = 0;
  private invalidSoFar = 0;
  private readonly dupRng: Rng;

  constructor(
    private readonly plan: StreamPlan,
    now = new Date(),
  ) {
    this.slots = layout(plan.total, Math.round(plan.total * plan.duplicateRate), plan.invalidKinds.length > 0 ? Math.round(plan.total * plan.invalidRate) : 0);
    // Windows start between the first instant of last month (Asia/Shanghai) and two hours ago.
    this.fromMs = startOfPreviousParkMonth(now);
    this.spanMs = now.getTime() - 2 * HOUR - this.fromMs;
    this.dupRng = new Rng(mix(plan.seed ^ 0x5bd1e995));
  }

  /** The record at stream position `p`; positions must be asked for in order. */
  next(p: number): OutgoingRecord {
    const slot = this.slots[p]!;
    if (slot === Slot.Invalid) return this.invalidRecord(this.invalidSoFar++);
    if (slot === Slot.Duplicate && this.uniquesSoFar > 0) {
      this.truth.duplicates += 1;
      const recent = this.dupRng.next() < 0.5;
      const back = recent ? 1 + Math.floor(this.dupRng.next() * Math.min(this.uniquesSoFar, 500)) : 1 + Math.floor(this.dupRng.next() * this.uniquesSoFar);
      return this.encode(this.uniqueRecord(this.uniquesSoFar - back));
    }
    const record = this.uniqueRecord(this.uniquesSoFar++);
    this.count(record);
    return this.encode(record);
  }

  private count(record: UsageRecordOut): void {
    const bytes = BigInt(record.bytesIn) + BigInt(record.bytesOut);
    const t = this.truth;
    t.uniqueValid += 1;
    t.bytes += bytes;
    const key = `${record.enterpriseId}|${parkMonthOf(new Date(record.windowStart))}`;
    const sum = t.byEnterpriseMonth.get(key) ?? { bytes: 0n, records: 0 };
    sum.bytes += bytes;
    sum.records += 1;
    t.byEnterpriseMonth.set(key, sum);
  }

  private encode(record: UsageRecordOut): OutgoingRecord {
    return { key: record.enterpriseId, value: JSON.stringify(record) };
  }

  private uniqueRecord(j: number): UsageRecordOut {
    const r = new Rng(mix(this.plan.seed ^ mix(j + 1)));
    const enterprises = this.plan.enterprises;
    const startMs = this.fromMs + Math.floor(r.next() * this.spanMs);
    const endMs = startMs + 5 * 60_000 + Math.floor(r.next() * 55) * 60_000;
    const local = r.next() < 0.25;
    return {
      recordId: `${this.plan.runId}-${j}`,
      carrierId: CARRIERS[Math.floor(r.next() * CARRIERS.length)]!,
      enterpriseId: enterprises[Math.floor(r.next() * enterprises.length)]!,
      windowStart: instant(startMs, local),
      windowEnd: instant(endMs, local),
      bytesIn: byteCount(r),
      bytesOut: byteCount(r),
    };
  }

  private invalidRecord(k: number): OutgoingRecord {
    const kind = this.plan.invalidKinds[k % this.plan.invalidKinds.length]!;
    const t = this.truth;
    t.invalid += 1;
    t.invalidByKind.set(kind, (t.invalidByKind.get(kind) ?? 0) + 1);
    const r = new Rng(mix(this.plan.seed ^ 0x27d4eb2f ^ mix(k + 1)));
    const base = this.uniqueRecord(0);
    const record: UsageRecordOut = {
      ...base,
      recordId: `${this.plan.runId}-bad-${k}`,
      enterpriseId: this.plan.enterprises[Math.floor(r.next() * this.plan.enterprises.length)]!,
    };
    if (kind === 'negative') {
      if (r.next() < 0.5) record.bytesIn = -1 - Math.floor(r.next() * 1e6);
      else record.bytesOut = `-${1 + Math.floor(r.next() * 1e6)}`;
      return this.encode(record);
    }
    if (kind === 'window') {
      // windowEnd equal to or before windowStart: valid JSON, refused by the service's window check.
      const start = Date.parse(base.windowStart);
      record.windowEnd = instant(start - (r.next() < 0.5 ? 0 : 60_000), false);
      record.windowStart = instant(start, false);
      return this.encode(record);
    }
    const text = JSON.stringify(record);
    return { key: record.enterpriseId, value: text.slice(0, text.length - 1 - Math.floor(r.next() * 20)) };
  }
}

/** Slot of every position: invalid ones first (evenly), then duplicates (evenly, moved on a clash). */
function layout(total: number, duplicates: number, invalid: number): Uint8Array {
  const slots = new Uint8Array(total);
  for (let k = 0; k < invalid; k++) slots[Math.floor(((k + 0.5) * total) / invalid)] = Slot.Invalid;
  for (let d = 0; d < duplicates; d++) {
    let p = Math.floor(((d + 0.7) * total) / duplicates);
    while (p < total && slots[p] !== Slot.Unique) p++;
    if (p < total) slots[p] = Slot.Duplicate;
  }
  return slots;
}

/** 70 % JSON numbers up to 2 GB, 25 % the same as decimal strings, 5 % huge decimal strings (past 2^53 and 2^64). */
function byteCount(r: Rng): number | string {
  const u = r.next();
  const small = Math.floor(r.next() * 2e9);
  if (u < 0.7) return small;
  if (u < 0.95) return String(small);
  return (BigInt(Math.floor(r.next() * 1e11)) * 1_000_000_000n + BigInt(small % 1_000_000_000)).toString();
}

/** ISO-8601 with a zone: UTC (`Z`) or Beijing time (`+08:00`). */
function instant(ms: number, beijing: boolean): string {
  if (!beijing) return new Date(ms).toISOString();
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
}

function startOfPreviousParkMonth(now: Date): number {
  const [y, m] = parkMonthOf(now).split('-').map(Number) as [number, number];
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  return Date.UTC(py, pm - 1, 1) - SHANGHAI_OFFSET_MS;
}

/** 32-bit finaliser (murmur3): spreads seeds. */
export function mix(a: number): number {
  let h = a | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: small, fast, deterministic. */
class Rng {
  constructor(private state: number) {}

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

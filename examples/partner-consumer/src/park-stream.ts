import type { EventContract, RawRecord } from './event-contract';
import { ParkView, type ApplyResult } from './park-view';

export interface InvalidRecord {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
}

/** How many invalid records are kept for the report; the count goes on past it. */
const KEPT_INVALID = 1000;

/**
 * Records off the wire into the view: each is checked against the contract
 * first, and an invalid one is counted and kept for the report (with its
 * topic, partition and offset) without touching the view or stopping the stream.
 */
export class ParkStream {
  readonly invalid: InvalidRecord[] = [];
  invalidCount = 0;
  records = 0;

  constructor(
    readonly contract: EventContract,
    readonly view: ParkView = new ParkView(),
    private readonly onInvalid?: (record: InvalidRecord) => void,
  ) {}

  ingest(record: RawRecord): ApplyResult | 'invalid' {
    this.records += 1;
    const verdict = this.contract.check(record);
    if (verdict.ok) return this.view.apply(verdict.event);
    const invalid: InvalidRecord = { topic: record.topic, partition: record.partition, offset: record.offset, reason: verdict.reason };
    this.invalidCount += 1;
    if (this.invalid.length < KEPT_INVALID) this.invalid.push(invalid);
    this.onInvalid?.(invalid);
    return 'invalid';
  }
}

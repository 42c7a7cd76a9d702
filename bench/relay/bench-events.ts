import { randomUUID } from 'node:crypto';
import type { EventData } from '@valley/contracts';

export const EVENT_TYPE = 'valley.enterprise.suspended.v1';
export type SuspendedData = EventData<typeof EVENT_TYPE>;

/**
 * One phase's events: sequence numbers 0..total-1, carried in the event's
 * `reason` as `bench:<runId>:<phase>:<seq>`, so the consumer recognises the
 * run's own events among older records of the topic.
 */
export class PhaseTrack {
  /** When each event was due to be written / sent (bench clock, ms). */
  dueAt: Float64Array;
  /** When each event's write committed (pipeline only). */
  readonly writtenAt: Float64Array;
  /** Pipeline: when the relay handed each event to Kafka (the record's CreateTime, ms precision). */
  readonly sentAt: Float64Array;
  /** Pipeline: when the consumer decoded each event (its chunk began). */
  readonly receivedAt: Float64Array;
  /** When each event was applied (consumer transaction committed) / received. */
  readonly appliedAt: Float64Array;
  written = 0;
  applied = 0;
  lastAppliedAt = 0;

  constructor(
    readonly name: string,
    readonly total: number,
  ) {
    this.dueAt = new Float64Array(total);
    this.writtenAt = new Float64Array(total);
    this.sentAt = new Float64Array(total);
    this.receivedAt = new Float64Array(total);
    this.appliedAt = new Float64Array(total);
  }

  get done(): boolean {
    return this.applied >= this.total;
  }

  /** Records the first application of `seq`; repeats (redeliveries) are ignored. */
  markApplied(seq: number, at: number): void {
    if (seq < 0 || seq >= this.total || this.appliedAt[seq] !== 0) return;
    this.appliedAt[seq] = at;
    this.applied += 1;
    this.lastAppliedAt = Math.max(this.lastAppliedAt, at);
  }

  /** Records the first delivery of `seq` to the consumer. */
  markReceived(seq: number, sentAt: number, at: number): void {
    if (seq < 0 || seq >= this.total || this.receivedAt[seq] !== 0) return;
    this.sentAt[seq] = sentAt;
    this.receivedAt[seq] = at;
  }

  /** Milliseconds from `from[i]` to `to[i]` for every event. */
  /** `to - from` of each event, or of the events `start` to `end` (sequence numbers). */
  intervals(from: Float64Array, to: Float64Array, start = 0, end = this.total): Float64Array {
    return to.subarray(start, end).map((t, i) => t - from[start + i]!);
  }
}

/** The run's phases by name, and the parsing of the tag the events carry. */
export class PhaseRegistry {
  private readonly phases = new Map<string, PhaseTrack>();

  constructor(readonly runId: string) {}

  add(name: string, total: number): PhaseTrack {
    const track = new PhaseTrack(name, total);
    this.phases.set(name, track);
    return track;
  }

  tag(track: PhaseTrack, seq: number): string {
    return `bench:${this.runId}:${track.name}:${seq}`;
  }

  /** The phase and sequence number of a tag of this run, or undefined for anything else. */
  parse(tag: string): { track: PhaseTrack; seq: number } | undefined {
    const [prefix, runId, phase, seq] = tag.split(':');
    if (prefix !== 'bench' || runId !== this.runId || phase === undefined) return undefined;
    const track = this.phases.get(phase);
    return track ? { track, seq: Number(seq) } : undefined;
  }
}

/** `count` enterprise keys; event `seq` goes to key seq % count. */
export function enterpriseKeys(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID());
}

export function suspension(enterpriseId: string, tag: string): SuspendedData {
  return { enterpriseId, reason: tag, suspendedAt: new Date().toISOString() };
}

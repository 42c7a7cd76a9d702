import { now } from '../relay/stats';
import { abort, log, sleep } from '../relay/support';
import type { Monitor, Tick } from './monitor';
import type { ProduceProgress } from './producer';
import type { GroundTruth } from './records';
import type { ServiceProcess } from './service';

export interface KillInfo {
  /** Unique records applied when the service was killed. */
  appliedAtKill: number;
  killedAt: number;
  /** The restarted service answered /health/ready. */
  readyAt: number;
  /** The first sample after the restart at which applied records grew again. */
  resumedAt: number;
}

export interface FollowResult {
  /** The last sample at which applied or dead-lettered counts changed. */
  lastChangeAt: number;
  stalled: boolean;
  kill?: KillInfo;
}

export interface FollowOptions {
  monitor: Monitor;
  service: ServiceProcess;
  produce: ProduceProgress;
  producing: Promise<void>;
  truth: GroundTruth;
  total: number;
  /** Kill -9 and restart the service once applied + dead-lettered reach this share of the records. */
  killAt?: number;
  stallMs: number;
  timeoutMs: number;
}

/**
 * Samples every second until all records are consumed: production finished,
 * and the applied and dead-lettered counts have not moved for 2 s while
 * either they equal the ground truth or the group's lag is 0 (or, when they
 * never match, for 15 s with the service's own lag gauge at 0). A run that
 * makes no progress for `stallMs` ends as stalled; the exactness check then
 * says what is missing.
 */
export async function followConsumption(o: FollowOptions): Promise<FollowResult> {
  let failure: unknown;
  o.producing.catch((err: unknown) => void (failure = err));
  const deadline = now() + o.timeoutMs;
  let last: Tick | undefined;
  let lastChangeAt = now();
  let restarting: Promise<void> | undefined;
  let kill: KillInfo | undefined;
  for (;;) {
    const started = now();
    if (abort.signal.aborted) throw new Error(`bench aborted: ${String(abort.signal.reason)}`);
    if (failure !== undefined) throw failure;
    if (started > deadline) throw new Error(`timed out after ${Math.round(o.timeoutMs / 1000)} s waiting for the service to consume ${o.total} records (last: ${last ? `${last.applied} applied, ${last.dlq} dead-lettered, lag ${last.lagCommitted}` : 'no sample'})`);
    const tick = await o.monitor.sample(true);
    if (!last || tick.applied !== last.applied || tick.dlq !== last.dlq) {
      lastChangeAt = tick.at;
      if (kill && kill.readyAt > 0 && kill.resumedAt === 0 && last && tick.applied > last.applied) kill.resumedAt = tick.at;
    }
    last = tick;
    if (o.killAt !== undefined && !kill && tick.applied + tick.dlq >= o.killAt * o.total) {
      const info: KillInfo = { appliedAtKill: tick.applied, killedAt: now(), readyAt: 0, resumedAt: 0 };
      kill = info;
      log(`kill: SIGKILL to the service (pid ${o.service.pid}) at ${tick.applied} applied; restarting it`);
      restarting = (async () => {
        await o.service.kill();
        await o.service.start();
        info.readyAt = now();
      })();
      restarting.then(
        () => (restarting = undefined),
        (err: unknown) => void (failure = err),
      );
    }
    const produced = o.produce.finishedAt > 0;
    const stableMs = tick.at - lastChangeAt;
    const t = o.truth;
    const matches = tick.applied === t.uniqueValid && tick.dlq === t.invalid;
    if (produced && !restarting && stableMs >= 2000 && (matches || tick.lagCommitted === 0 || (stableMs >= 15_000 && tick.lagGauge === 0))) {
      return { lastChangeAt, stalled: false, kill };
    }
    if (stableMs >= o.stallMs) {
      log(`no progress for ${Math.round(stableMs / 1000)} s (${tick.applied} of ${produced ? t.uniqueValid : '?'} applied, ${tick.dlq} dead-lettered, lag ${tick.lagCommitted}): ending the wait`);
      return { lastChangeAt, stalled: true, kill };
    }
    await sleep(Math.max(0, 1000 - (now() - started)));
  }
}

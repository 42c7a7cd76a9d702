import { Client } from 'pg';
import { DataSource, type EntityManager, type MixedList, type QueryRunner } from 'typeorm';
import type { PhaseTrack } from './bench-events';
import { now, perSecond, type MemorySampler } from './stats';

export type Log = (line: string) => void;

export const log: Log = (line) => void process.stderr.write(`[bench] ${line}\n`);

/** Aborted on SIGINT/SIGTERM or by the watchdog: every wait of the bench gives up then. */
export const abort = new AbortController();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function assertNotAborted(): void {
  if (abort.signal.aborted) throw new Error(`bench aborted: ${String(abort.signal.reason)}`);
}

/** Polls `done` until true; fails naming what it waited for after `timeoutMs`. */
export async function waitUntil(what: string | (() => string), done: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<void> {
  const deadline = now() + timeoutMs;
  for (;;) {
    assertNotAborted();
    if (await done()) return;
    if (now() > deadline) {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await sleep(intervalMs);
  }
}

/** Runs `step` with a time limit; a step that hangs (e.g. a disconnect) fails with `what` instead. */
export async function withTimeout<T>(what: string, timeoutMs: number, step: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s: ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([step(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  /**
   * Opens every connection of the pool now and runs `warm` on each, in a
   * transaction that is rolled back. A pool opens connections as load needs
   * them, and a new PostgreSQL backend costs milliseconds before its first
   * statement runs at full speed (fork, authentication, catalog caches, a
   * trigger's PL/pgSQL compiled once per backend): a latency phase must not pay
   * for what a service under steady load has long done. The pool keeps them
   * (min = max).
   */
  warmPool(warm?: (manager: EntityManager) => Promise<unknown>): Promise<void>;
  drop(): Promise<void>;
}

/** A fresh database on the server of `serverUrl`, migrated; `drop()` removes it. */
export async function createBenchDatabase(serverUrl: string, name: string, migrations: MixedList<Function>, poolSize: number): Promise<BenchDatabase> {
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource({ type: 'postgres', url: url.toString(), migrations, migrationsRun: true, synchronize: false, extra: { max: poolSize, min: poolSize } });
  try {
    await dataSource.initialize();
  } catch (err) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw err;
  }
  return {
    name,
    url: url.toString(),
    dataSource,
    async warmPool(warm) {
      const runners = Array.from({ length: poolSize }, () => dataSource.createQueryRunner());
      const warmOne = async (runner: QueryRunner): Promise<void> => {
        await runner.startTransaction();
        try {
          await (warm ? warm(runner.manager) : runner.query('SELECT 1'));
        } finally {
          await runner.rollbackTransaction();
        }
      };
      try {
        await Promise.all(runners.map(warmOne));
      } finally {
        await Promise.all(runners.map((r) => r.release()));
      }
    },
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Closed loop: `concurrency` workers take the next `batchSize` sequence numbers
 * and run `step(from, to)` until `total` are done. The first error stops all.
 */
export async function runBatches(total: number, batchSize: number, concurrency: number, step: (from: number, to: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < total && !failed) {
      assertNotAborted();
      const from = next;
      next = Math.min(total, from + batchSize);
      try {
        await step(from, next);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface PacedResult {
  /** When each send was due (bench clock): latency is measured from here, so a late writer counts. */
  dueAt: Float64Array;
  /** Achieved launch rate over the run. */
  achievedRate: number;
  /** Most sends in flight at once. */
  peakInFlight: number;
}

/**
 * Open loop at `rate` per second: send `i` is due at start + i/rate and is
 * launched without waiting for the ones before it (up to `maxInFlight`);
 * a late timer launches every send that has fallen due, so the rate holds.
 */
export function runPaced(total: number, rate: number, maxInFlight: number, send: (seq: number) => Promise<void>, dueAt: Float64Array = new Float64Array(total)): Promise<PacedResult> {
  return new Promise((resolve, reject) => {
    const start = now();
    let launched = 0;
    let settled = 0;
    let inFlight = 0;
    let peakInFlight = 0;
    let lastLaunch = start;
    let failed = false;
    const timer = setInterval(tick, 1);
    function tick(): void {
      if (failed) return;
      if (abort.signal.aborted) return fail(new Error(`bench aborted: ${String(abort.signal.reason)}`));
      const due = Math.min(total, Math.floor(((now() - start) * rate) / 1000) + 1);
      while (launched < due && inFlight < maxInFlight) {
        const seq = launched++;
        dueAt[seq] = start + (seq * 1000) / rate;
        lastLaunch = now();
        inFlight += 1;
        peakInFlight = Math.max(peakInFlight, inFlight);
        send(seq).then(() => {
          inFlight -= 1;
          settled += 1;
          if (settled === total) {
            clearInterval(timer);
            resolve({ dueAt, achievedRate: Math.round(((total - 1) * 1000) / Math.max(1, lastLaunch - start)), peakInFlight });
          }
        }, fail);
      }
    }
    function fail(err: unknown): void {
      if (failed) return;
      failed = true;
      clearInterval(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

export interface FollowOptions {
  label: string;
  track: PhaseTrack;
  /** The writer/producer side; its failure ends the wait at once. */
  writing: Promise<void>;
  timeoutMs: number;
  /** With it, a progress line each second. */
  memory?: MemorySampler;
  /** Runs every poll (20 ms). */
  onPoll?: () => Promise<void>;
  /** Extra fields of the progress line. */
  details?: () => Promise<string>;
}

/** Waits until every event of the phase was applied and the writing finished, printing progress each second. */
export async function follow(o: FollowOptions): Promise<void> {
  let failure: unknown;
  o.writing.catch((err: unknown) => void (failure = err));
  const t0 = now();
  let lastPrint = t0;
  let lastApplied = 0;
  await waitUntil(
    () => `${o.label}: ${o.track.applied} of ${o.track.total} events applied (written ${o.track.written})`,
    async () => {
      if (failure !== undefined) throw failure;
      await o.onPoll?.();
      const t = now();
      if (o.memory && t - lastPrint >= 1000) {
        const rate = perSecond(o.track.applied - lastApplied, t - lastPrint);
        const { rssMb, heapMb } = o.memory.sample();
        const cpu = o.memory.cpuPercent();
        const lag = o.memory.loopDelay();
        const extra = (await o.details?.()) ?? '';
        log(`${o.label} ${((t - t0) / 1000).toFixed(0).padStart(3)}s  written ${o.track.written}  applied ${o.track.applied} (${rate}/s)  ${extra}loop delay p99 ${lag.p99}/max ${lag.max} ms  cpu bench ${cpu.bench}% host ${cpu.host}/${cpu.cores * 100}%  rss ${rssMb} MB heap ${heapMb} MB`);
        [lastPrint, lastApplied] = [t, o.track.applied];
      }
      return o.track.done;
    },
    o.timeoutMs,
  );
  await o.writing;
}

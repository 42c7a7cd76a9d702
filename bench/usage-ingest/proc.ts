import * as os from 'node:os';
import * as fs from 'node:fs';

/** What /proc says about one process (Linux); undefined elsewhere or once it is gone. */
export interface ProcSample {
  rssKb: number;
  /** Peak RSS (VmHWM). */
  hwmKb: number;
  anonKb: number;
  shmemKb: number;
  /** utime + stime, clock ticks (1/100 s). */
  cpuTicks: number;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function readProc(pid: number): ProcSample | undefined {
  const status = read(`/proc/${pid}/status`);
  const stat = read(`/proc/${pid}/stat`);
  if (status === undefined || stat === undefined) return undefined;
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  // Fields after "(comm)": state is field 3, utime 14 and stime 15 (1-based).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), anonKb: kb('RssAnon'), shmemKb: kb('RssShmem'), cpuTicks: Number(rest[11]) + Number(rest[12]) };
}

/** The direct children of `pid` (PostgreSQL's backends and workers). */
export function childrenOf(pid: number): number[] {
  const text = read(`/proc/${pid}/task/${pid}/children`);
  return text === undefined ? [] : text.trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * A group of processes as one (PostgreSQL: postmaster and children): RSS is
 * the sum of their private memory plus the largest shared-memory share once,
 * so shared buffers are not counted once per backend.
 */
export function readGroup(pids: number[]): ProcSample | undefined {
  const samples = pids.map(readProc).filter((s): s is ProcSample => s !== undefined);
  if (samples.length === 0) return undefined;
  const anon = samples.reduce((n, s) => n + s.anonKb, 0);
  const shmem = Math.max(...samples.map((s) => s.shmemKb));
  const cpu = samples.reduce((n, s) => n + s.cpuTicks, 0);
  return { rssKb: anon + shmem, hwmKb: anon + shmem, anonKb: anon, shmemKb: shmem, cpuTicks: cpu };
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(before: ProcSample | undefined, after: ProcSample | undefined, ms: number): number | undefined {
  if (!before || !after || ms <= 0) return undefined;
  return Math.max(0, Math.round(((after.cpuTicks - before.cpuTicks) * 10 * 100) / ms));
}

/** The whole host's CPU time so far (all cores), busy and in all: two samples give its load. */
export function hostTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

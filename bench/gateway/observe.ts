import * as os from 'node:os';
import { localPostgresPid } from '../../infra/local/postgres';
import { round1 } from '../relay/stats';
import { childrenOf, hostTimes, readProc } from '../usage-ingest/proc';
import type { ServiceProcess } from '../usage-ingest/service';

/** CPU ticks of each watched process by pid (PostgreSQL: postmaster and every backend) and of the host, at one moment. */
interface CpuSnapshot {
  at: number;
  procs: Map<string, Map<number, number>>;
  host: { busy: number; total: number };
}

export type CpuShare = Record<string, number>;

function ticksOf(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const s = readProc(pid);
    if (s) out.set(pid, s.cpuTicks);
  }
  return out;
}

/**
 * Where the CPU went during a phase, in percent of one core: each park
 * process, PostgreSQL (postmaster and backends, when it runs from .valley),
 * the bench itself (the load generator) and the whole host (2 cores = 200 %).
 */
export class CpuMeter {
  constructor(private readonly processes: () => Array<[string, ServiceProcess]>) {}

  snapshot(): CpuSnapshot {
    const procs = new Map<string, Map<number, number>>();
    for (const [name, p] of this.processes()) procs.set(name, ticksOf(p.pid === undefined ? [] : [p.pid]));
    const pg = localPostgresPid();
    if (pg !== undefined) procs.set('postgres', ticksOf([pg, ...childrenOf(pg)]));
    procs.set('bench', ticksOf([process.pid]));
    return { at: Date.now(), procs, host: hostTimes() };
  }

  between(a: CpuSnapshot, b: CpuSnapshot): CpuShare {
    const ms = Math.max(1, b.at - a.at);
    const share: CpuShare = {};
    for (const [name, after] of b.procs) {
      const before = a.procs.get(name);
      if (!before || after.size === 0) continue;
      // A backend that started meanwhile counts from zero; one that ended is lost (a few ticks at most).
      let ticks = 0;
      for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
      share[name] = Math.round((ticks * 10 * 100) / ms);
    }
    const total = b.host.total - a.host.total;
    share['host'] = total > 0 ? Math.round(((b.host.busy - a.host.busy) / total) * os.cpus().length * 100) : 0;
    return share;
  }
}

export function formatCpu(share: CpuShare): string {
  return Object.entries(share).map(([k, v]) => `${k} ${v}%`).join(' ');
}

/** Requests to /graphql a service counted, and the seconds it spent on them (valley_http_request_duration_seconds). */
export interface GraphqlCounter {
  count: number;
  seconds: number;
}

export async function graphqlCounter(p: ServiceProcess): Promise<GraphqlCounter> {
  const text = (await p.metrics()) ?? '';
  let count = 0;
  let seconds = 0;
  for (const line of text.split('\n')) {
    if (!line.includes('route="/graphql"')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith('valley_http_request_duration_seconds_count{')) count += value;
    else if (line.startsWith('valley_http_request_duration_seconds_sum{')) seconds += value;
  }
  return { count, seconds };
}

export async function graphqlCounters(processes: Array<[string, ServiceProcess]>): Promise<Map<string, GraphqlCounter>> {
  return new Map(await Promise.all(processes.map(async ([n, p]) => [n, await graphqlCounter(p)] as const)));
}

/** Per process over a phase: its /graphql requests per request the bench sent, and their mean server time (ms). */
export interface ServerSide {
  requestsPerQuery: number;
  meanMs: number;
}

export function serverSide(before: Map<string, GraphqlCounter>, after: Map<string, GraphqlCounter>, sent: number): Record<string, ServerSide> {
  const out: Record<string, ServerSide> = {};
  for (const [name, a] of after) {
    const b = before.get(name) ?? { count: 0, seconds: 0 };
    const n = a.count - b.count;
    // The bench's own scrapes are on /metrics, not counted here.
    out[name] = { requestsPerQuery: Math.round((n / Math.max(1, sent)) * 100) / 100, meanMs: n > 0 ? round1(((a.seconds - b.seconds) * 1000) / n) : 0 };
  }
  return out;
}

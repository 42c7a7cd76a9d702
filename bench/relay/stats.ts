import * as os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** Monotonic milliseconds (fractional) of this process: every timestamp of the bench uses it. */
export const now = (): number => performance.now();

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles, in ms rounded to 0.1. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const rank = (q: number): number => {
    if (sorted.length === 0) return Number.NaN;
    return round1(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!);
  };
  return { count: sorted.length, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: rank(1) };
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? Math.round((count * 1000) / ms) : 0;
}

/** Peak RSS and heap used of this process, sampled every `intervalMs`; also its CPU use between samples. */
export class MemorySampler {
  peakRssMb = 0;
  peakHeapMb = 0;
  private timer?: NodeJS.Timeout;
  private lastCpu = process.cpuUsage();
  private lastCpuAt = now();
  private lastHost = hostTimes();
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  start(intervalMs = 1000): void {
    this.loop.enable();
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.loop.disable();
    this.sample();
    clearInterval(this.timer);
  }

  sample(): { rssMb: number; heapMb: number } {
    const m = process.memoryUsage();
    const rssMb = round1(m.rss / 2 ** 20);
    const heapMb = round1(m.heapUsed / 2 ** 20);
    this.peakRssMb = Math.max(this.peakRssMb, rssMb);
    this.peakHeapMb = Math.max(this.peakHeapMb, heapMb);
    return { rssMb, heapMb };
  }

  /** CPU use since the last call, in percent of one core: this process, and the whole machine (Kafka, PostgreSQL, …). */
  /** The bench process's event-loop delay since the last call (ms): how late its timers and I/O callbacks ran. */
  loopDelay(): { p50: number; p99: number; max: number } {
    const h = this.loop;
    const r = { p50: round1(h.percentile(50) / 1e6), p99: round1(h.percentile(99) / 1e6), max: round1(h.max / 1e6) };
    h.reset();
    return r;
  }

  cpuPercent(): { bench: number; host: number; cores: number } {
    const cpu = process.cpuUsage(this.lastCpu);
    const at = now();
    const bench = Math.round((cpu.user + cpu.system) / 10 / Math.max(1, at - this.lastCpuAt));
    const host = hostTimes();
    const busy = host.busy - this.lastHost.busy;
    const total = host.total - this.lastHost.total;
    this.lastCpu = process.cpuUsage();
    this.lastCpuAt = at;
    this.lastHost = host;
    return { bench, host: total > 0 ? Math.round((busy / total) * host.cores * 100) : 0, cores: host.cores };
  }
}

function hostTimes(): { busy: number; total: number; cores: number } {
  const cpus = os.cpus();
  let busy = 0;
  let total = 0;
  for (const { times } of cpus) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total, cores: cpus.length };
}

/** A plain-text table: the first row is the header. */
export function table(rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

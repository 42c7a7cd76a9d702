import * as os from 'node:os';
import type { Admin, Kafka } from 'kafkajs';
import { Topics } from '@valley/contracts';
import { localKafkaPid } from '../../infra/local/kafka';
import { localPostgresPid } from '../../infra/local/postgres';
import { now } from '../relay/stats';
import { log } from '../relay/support';
import type { DlqCounter } from './exactness';
import { childrenOf, cpuPercent, hostTimes, readGroup, readProc, type ProcSample } from './proc';
import type { ProduceProgress } from './producer';
import type { ServiceProcess } from './service';
import type { BenchDatabase } from './setup';

export interface Tick {
  /** Seconds since the monitor started. */
  t: number;
  at: number;
  produced: number;
  /** Records the service consumed (applied + duplicate + dead-lettered), its /metrics summed over restarts. */
  consumed: number;
  ratePerSec: number;
  /** Unique records applied (sum of usage_monthly.records of the run's enterprises). */
  applied: number;
  dlq: number;
  /** High watermarks minus the group's committed offsets. */
  lagCommitted: number;
  /** The service's own gauge (lag at its last batch per partition). */
  lagGauge: number;
  rssMb: { service?: number; kafka?: number; postgres?: number };
  cpu: { service?: number; kafka?: number; postgres?: number; bench?: number; host?: number };
}

const mb = (s: ProcSample | undefined): number | undefined => (s ? Math.round(s.rssKb / 102.4) / 10 : undefined);

/** One sample a second of every figure the bench reports, and the progress line. */
export class Monitor {
  readonly ticks: Tick[] = [];
  private admin?: Admin;
  private readonly t0 = now();
  private consumedBase = 0;
  private consumedLast = 0;
  private lastStarts = 0;
  private last?: { at: number; consumed: number; procs: Record<string, ProcSample | undefined>; host: { busy: number; total: number } };

  constructor(
    private readonly o: {
      kafka: Kafka;
      db: BenchDatabase;
      service: ServiceProcess;
      dlq: DlqCounter;
      produce: ProduceProgress;
      usageGroup: string;
      enterprises: readonly string[];
    },
  ) {}

  async open(): Promise<void> {
    this.admin = this.o.kafka.admin();
    await this.admin.connect();
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }

  async sample(print: boolean): Promise<Tick> {
    const { service, db, dlq, produce } = this.o;
    const [metricsText, appliedRows, lagCommitted] = await Promise.all([
      service.metrics(),
      db.query<{ n: string }>(
        'SELECT coalesce(sum(um.records), 0)::text AS n FROM usage_monthly um JOIN allocations a ON a.id = um.allocation_id WHERE a.enterprise_id = ANY($1::uuid[])',
        [this.o.enterprises],
      ),
      this.committedLag(),
    ]);
    if (service.starts !== this.lastStarts) {
      // A new process: its counters start at 0.
      this.consumedBase += this.consumedLast;
      this.consumedLast = 0;
      this.lastStarts = service.starts;
    }
    const metrics = metricsText === undefined ? undefined : parseMetrics(metricsText, this.o.usageGroup);
    if (metrics) this.consumedLast = metrics.consumed;
    const at = now();
    const procs = this.procs();
    const host = hostTimes();
    const consumed = this.consumedBase + this.consumedLast;
    const prev = this.last;
    const ms = prev ? at - prev.at : 0;
    const cpu = (k: string): number | undefined => cpuPercent(prev?.procs[k], procs[k], ms);
    const tick: Tick = {
      t: Math.round((at - this.t0) / 100) / 10,
      at,
      produced: produce.produced,
      consumed,
      ratePerSec: prev && ms > 0 ? Math.round(((consumed - prev.consumed) * 1000) / ms) : 0,
      applied: Number(appliedRows[0]?.n ?? 0),
      dlq: dlq.distinct,
      lagCommitted,
      lagGauge: metrics?.lag ?? 0,
      rssMb: { service: mb(procs['service']), kafka: mb(procs['kafka']), postgres: mb(procs['postgres']) },
      cpu: {
        service: cpu('service'),
        kafka: cpu('kafka'),
        postgres: cpu('postgres'),
        bench: cpu('bench'),
        host: prev && host.total > prev.host.total ? Math.round(((host.busy - prev.host.busy) / (host.total - prev.host.total)) * os.cpus().length * 100) : undefined,
      },
    };
    this.last = { at, consumed, procs, host };
    this.ticks.push(tick);
    if (print) log(progressLine(tick));
    return tick;
  }

  private procs(): Record<string, ProcSample | undefined> {
    const servicePid = this.o.service.pid;
    const kafkaPid = localKafkaPid();
    const pgPid = localPostgresPid();
    return {
      service: servicePid === undefined ? undefined : readProc(servicePid),
      kafka: kafkaPid === undefined ? undefined : readProc(kafkaPid),
      postgres: pgPid === undefined ? undefined : readGroup([pgPid, ...childrenOf(pgPid)]),
      bench: readProc(process.pid),
    };
  }

  /** Σ over partitions of high watermark − committed offset of the service's usage group. */
  private async committedLag(): Promise<number> {
    if (!this.admin) return 0;
    const topic = Topics.FlowUsageRecords;
    const [ends, group] = await Promise.all([this.admin.fetchTopicOffsets(topic), this.admin.fetchOffsets({ groupId: this.o.usageGroup, topics: [topic] })]);
    const committed = new Map((group[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((lag, e) => lag + Math.max(0, Number(e.high) - Math.max(0, committed.get(e.partition) ?? 0)), 0);
  }
}

/** The usage group's consumed total (all outcomes) and summed lag gauge from the Prometheus text. */
export function parseMetrics(text: string, group: string): { consumed: number; lag: number } {
  let consumed = 0;
  let lag = 0;
  for (const line of text.split('\n')) {
    const m = /^(valley_consumer_messages_total|valley_consumer_lag)\{([^}]*)\}\s+(\S+)/.exec(line);
    if (!m || !m[2]!.includes(`group="${group}"`)) continue;
    if (m[1] === 'valley_consumer_messages_total') consumed += Number(m[3]);
    else lag += Number(m[3]);
  }
  return { consumed, lag };
}

const n = (v: number): string => v.toLocaleString('en-US');
const opt = (v: number | undefined, unit: string): string => (v === undefined ? '-' : `${v}${unit}`);

function progressLine(k: Tick): string {
  return [
    `${k.t.toFixed(0).padStart(4)}s`,
    `produced ${n(k.produced)}`,
    `consumed ${n(k.consumed)} (${n(k.ratePerSec)}/s)`,
    `applied ${n(k.applied)} dlq ${k.dlq}`,
    `lag ${n(k.lagCommitted)} (gauge ${n(k.lagGauge)})`,
    `rss svc ${opt(k.rssMb.service, ' MB')} kafka ${opt(k.rssMb.kafka, ' MB')} pg ${opt(k.rssMb.postgres, ' MB')}`,
    `cpu svc ${opt(k.cpu.service, '%')} pg ${opt(k.cpu.postgres, '%')} kafka ${opt(k.cpu.kafka, '%')} bench ${opt(k.cpu.bench, '%')} host ${opt(k.cpu.host, '%')}`,
  ].join('  ');
}

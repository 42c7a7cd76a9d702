import * as http from 'node:http';
import { now, summarize, type LatencySummary } from '../relay/stats';
import { abort, log } from '../relay/support';

export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * POSTs over keep-alive connections with node:http: the lightest client Node
 * has, so the load generator takes as little as it can of the two cores it
 * shares with the park. The same client sends to the gateway and to the
 * subgraphs, so both sides pay the same client cost.
 */
export class HttpClient {
  private readonly agent: http.Agent;
  /** Requests sent again because the server had closed the idle connection they went out on. */
  resent = 0;

  constructor(maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
  }

  async post(url: URL, headers: Record<string, string>, body: string, timeoutMs = 30_000): Promise<HttpAnswer> {
    try {
      return await this.once(url, headers, body, timeoutMs);
    } catch (err) {
      // The server may close an idle keep-alive connection just as a request goes out on it
      // (its 5 s keepAliveTimeout; a busy client notices late): sent again once, as Node's
      // documentation advises. The time lost counts in the latency.
      if (!(err instanceof ReusedSocketReset)) throw err;
      this.resent += 1;
      return this.once(url, headers, body, timeoutMs);
    }
  }

  private once(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) => reject(req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE') ? new ReusedSocketReset(err.message) : err));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

class ReusedSocketReset extends Error {}

/** A GraphQL answer without errors and with data; else why not. */
export function answerProblem(a: HttpAnswer): string | undefined {
  if (a.status !== 200) return `HTTP ${a.status}: ${a.text.slice(0, 300)}`;
  // The field names of these queries never contain "errors": a plain search is enough, and cheap.
  if (a.text.includes('"errors"')) return `GraphQL errors: ${a.text.slice(0, 500)}`;
  if (!a.text.startsWith('{"data":{')) return `no data: ${a.text.slice(0, 300)}`;
  return undefined;
}

/** One request of a target (the gateway, or the hand-written fan-out): resolves with a problem, or undefined when it was answered in full. */
export type Send = (seq: number) => Promise<string | undefined>;

export interface PhaseResult {
  label: string;
  /** Answers without errors. */
  ok: number;
  errors: number;
  firstError?: string;
  /** Answers per second over the phase. */
  rps: number;
  latency: LatencySummary & { p95: number };
  elapsedMs: number;
  /** Fixed rate only: the launch rate achieved, the most requests in flight at once, requests due and those never sent (the target fell behind). */
  achievedRate?: number;
  peakInFlight?: number;
  offered?: number;
  dropped?: number;
}

class Tally {
  readonly latencies: number[] = [];
  errors = 0;
  firstError?: string;
  private windowStart = 0;

  record(latency: number, problem: string | undefined): void {
    if (problem === undefined) this.latencies.push(latency);
    else {
      this.errors += 1;
      this.firstError ??= problem;
    }
  }

  /** Answers, errors and p99 since the last call. */
  window(): { answers: number; errors: number; p99: number } {
    const recent = this.latencies.slice(this.windowStart);
    this.windowStart = this.latencies.length;
    return { answers: recent.length, errors: this.errors, p99: summarize(recent).p99 };
  }

  result(label: string, elapsedMs: number): PhaseResult {
    const s = summarize(this.latencies);
    const sorted = Float64Array.from(this.latencies).sort();
    const p95 = sorted.length === 0 ? Number.NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! * 10) / 10;
    return { label, ok: this.latencies.length, errors: this.errors, ...(this.firstError ? { firstError: this.firstError } : {}), rps: Math.round((this.latencies.length * 1000) / Math.max(1, elapsedMs)), latency: { ...s, p95 }, elapsedMs };
  }
}

export interface ProgressLine {
  /** Extra figures for the progress line (CPU of the processes…). */
  details?: () => string;
  everyMs?: number;
}

function startProgress(label: string, tally: Tally, started: number, p: ProgressLine): NodeJS.Timeout {
  return setInterval(() => {
    const w = tally.window();
    const secs = Math.round((now() - started) / 1000);
    log(`${label} ${String(secs).padStart(3)}s  ${w.answers} answers in the last ${(p.everyMs ?? 5000) / 1000} s, p99 ${w.p99} ms, errors ${w.errors}${p.details ? `  ${p.details()}` : ''}`);
  }, p.everyMs ?? 5000);
}

/**
 * Open loop at `rate` requests/s for `seconds`: request i is due at
 * start + i/rate and sent then, whether or not earlier ones have been answered.
 * Latency counts from when it was due, so a target falling behind shows in the
 * figures instead of slowing the load down (no coordinated omission). At most
 * `maxInFlight` are outstanding: a request due while that many wait is sent
 * late (its wait counted), and one still unsent when the time is up is
 * `dropped`: the target did not keep up with the rate. Then the outstanding
 * ones are awaited.
 */
export async function fixedRate(label: string, send: Send, rate: number, seconds: number, maxInFlight: number, progress: ProgressLine = {}): Promise<PhaseResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const tally = new Tally();
  const started = now();
  const timer = startProgress(label, tally, started, progress);
  const outstanding = new Set<Promise<void>>();
  let launched = 0;
  let peakInFlight = 0;
  let lastLaunch = started;
  try {
    await new Promise<void>((resolve, reject) => {
      const pacer = setInterval(() => {
        if (abort.signal.aborted) {
          clearInterval(pacer);
          return reject(new Error(`bench aborted: ${String(abort.signal.reason)}`));
        }
        const t = now();
        const due = Math.min(total, Math.floor(((t - started) * rate) / 1000) + 1);
        while (launched < due && outstanding.size < maxInFlight) {
          const dueAt = started + (launched * 1000) / rate;
          const request: Promise<void> = send(launched++)
            .catch((err: unknown) => (err instanceof Error ? err.message : String(err)))
            .then((problem) => {
              tally.record(now() - dueAt, problem);
              outstanding.delete(request);
            });
          outstanding.add(request);
          lastLaunch = t;
          peakInFlight = Math.max(peakInFlight, outstanding.size);
        }
        if (launched >= total || t - started >= seconds * 1000) {
          clearInterval(pacer);
          resolve();
        }
      }, 1);
    });
    await Promise.all([...outstanding]);
    const achievedRate = Math.round(((launched - 1) * 1000) / Math.max(1, lastLaunch - started));
    return { ...tally.result(label, now() - started), achievedRate, peakInFlight, offered: total, dropped: total - launched };
  } finally {
    clearInterval(timer);
  }
}

/** Closed loop: `connections` workers each send the next request as soon as the last is answered, for `seconds`: the most the target answers. */
export async function closedLoop(label: string, send: Send, connections: number, seconds: number, progress: ProgressLine = {}): Promise<PhaseResult> {
  const tally = new Tally();
  const started = now();
  const until = started + seconds * 1000;
  let seq = 0;
  const timer = startProgress(label, tally, started, progress);
  const worker = async (): Promise<void> => {
    while (now() < until && !abort.signal.aborted) {
      const t0 = now();
      const problem = await send(seq++).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
      tally.record(now() - t0, problem);
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, worker));
    if (abort.signal.aborted) throw new Error(`bench aborted: ${String(abort.signal.reason)}`);
    return tally.result(label, now() - started);
  } finally {
    clearInterval(timer);
  }
}

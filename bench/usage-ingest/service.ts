import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { LOG_DIR, REPO_ROOT } from '../../infra/local/paths';
import { log, sleep, waitUntil } from '../relay/support';
import { serviceEntry, type ParkApp } from './build';
import { readProc } from './proc';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServiceEnv {
  /** Which service (default provisioning). */
  app?: ParkApp;
  /** The compiled tree to run (see build.ts). */
  distDir: string;
  /** Its DATABASE_URL; none for the gateway. */
  databaseUrl?: string;
  brokers: string[];
  port: number;
  identitySecret: string;
  /** The service's <APP>_CONSUMER_GROUP_PREFIX (services that consume). */
  groupPrefix?: string;
  /** Further variables (the gateway's subgraph addresses and secrets, talent's hash key…). */
  env?: Record<string, string>;
  /** The log file is .valley/logs/<logPrefix>-<app>-<runId>.log (default `bench`). */
  logPrefix?: string;
  /** Experiments only: consumer settings applied by tune-preload.ts (e.g. `chunk=2000,precheck`). */
  tune?: string;
  /** Write a V8 CPU profile of the service into this directory (on a clean exit). */
  profileDir?: string;
}

/** A real service as a child process (`node <dist>/apps/<app>/src/main.js`), its output in a log file. */
export class ServiceProcess {
  readonly logFile: string;
  readonly baseUrl: string;
  private child?: ChildProcess;
  private exited = true;
  /** Peak RSS (VmHWM) of every process started so far, in MB. */
  peakRssMb = 0;
  starts = 0;

  private readonly app: ParkApp;

  constructor(private readonly env: ServiceEnv, runId: string) {
    this.app = env.app ?? 'provisioning';
    this.logFile = path.join(LOG_DIR, `${env.logPrefix ?? 'bench'}-${this.app}-${runId}.log`);
    this.baseUrl = `http://127.0.0.1:${env.port}`;
  }

  get pid(): number | undefined {
    return this.exited ? undefined : this.child?.pid;
  }

  async start(readyTimeoutMs = 120_000): Promise<void> {
    fs.mkdirSync(LOG_DIR, { recursive: true });
    const fd = fs.openSync(this.logFile, 'a');
    const e = this.env;
    try {
      const preload = e.tune ? ['--require', 'tsx/cjs', '--require', path.join(__dirname, 'tune-preload.ts')] : [];
      const profile = e.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${e.profileDir}`] : [];
      const child = spawn(process.execPath, [...profile, ...preload, serviceEntry(e.distDir, this.app)], {
        cwd: REPO_ROOT,
        stdio: ['ignore', fd, fd],
        env: {
          PATH: process.env['PATH'] ?? '',
          NODE_ENV: 'production',
          ...(e.databaseUrl ? { DATABASE_URL: e.databaseUrl } : {}),
          KAFKA_BROKERS: e.brokers.join(','),
          PORT: String(e.port),
          VALLEY_IDENTITY_SECRET: e.identitySecret,
          LOG_LEVEL: 'warn',
          ...(e.groupPrefix ? { [`${this.app.toUpperCase()}_CONSUMER_GROUP_PREFIX`]: e.groupPrefix } : {}),
          ...e.env,
          ...(e.tune ? { BENCH_TUNE: e.tune, BENCH_DIST: e.distDir } : {}),
        },
      });
      this.child = child;
      this.exited = false;
      this.starts += 1;
      child.on('error', () => undefined);
      child.on('exit', () => void (this.exited = true));
    } finally {
      fs.closeSync(fd);
    }
    const t0 = Date.now();
    await waitUntil(
      () => `the ${this.app} service to be ready on ${this.baseUrl}/health/ready (log: ${this.logFile})`,
      async () => {
        if (this.exited) throw new Error(`the ${this.app} service exited during start (log: ${this.logFile}):\n${tail(this.logFile)}`);
        return this.ready();
      },
      readyTimeoutMs,
      250,
    );
    log(`service: ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${this.child?.pid}, port ${this.env.port}, log ${this.logFile})`);
  }

  /** SIGKILL, no shutdown hooks: a crash. */
  async kill(): Promise<void> {
    this.notePeak();
    const pid = this.pid;
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    await waitUntil('the killed service to exit', () => this.exited, 15_000, 20);
  }

  /** SIGTERM (Nest shutdown hooks: consumers leave their groups), SIGKILL after 30 s. */
  async stop(): Promise<void> {
    this.notePeak();
    const pid = this.pid;
    if (pid === undefined) return;
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; !this.exited; waited += 100) {
      if (waited === 30_000) {
        log('service: did not exit within 30 s of SIGTERM; SIGKILL');
        process.kill(pid, 'SIGKILL');
      }
      if (waited > 45_000) throw new Error(`the ${this.app} service (pid ${pid}) did not exit`);
      await sleep(100);
    }
  }

  notePeak(): void {
    const pid = this.pid;
    const hwm = pid === undefined ? undefined : readProc(pid)?.hwmKb;
    if (hwm !== undefined) this.peakRssMb = Math.max(this.peakRssMb, Math.round(hwm / 102.4) / 10);
  }

  async metrics(): Promise<string | undefined> {
    return this.get('/metrics');
  }

  private async ready(): Promise<boolean> {
    return (await this.get('/health/ready')) !== undefined;
  }

  private async get(pathname: string): Promise<string | undefined> {
    try {
      const res = await fetch(`${this.baseUrl}${pathname}`, { signal: AbortSignal.timeout(3000) });
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

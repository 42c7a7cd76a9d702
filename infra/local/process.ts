import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** Progress reporter: one human-readable line per call. */
export type Log = (line: string) => void;

/** Default reporter: stderr, so scripts can keep stdout for their results. */
export const stderrLog: Log = (line) => {
  process.stderr.write(`${line}\n`);
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function ensureDir(dir: string, mode?: number): void {
  fs.mkdirSync(dir, { recursive: true, mode });
}

// ---------------------------------------------------------------- pid files

export function readPidFile(file: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePidFile(file: string, pid: number): void {
  ensureDir(path.dirname(file));
  fs.writeFileSync(file, `${pid}\n`);
}

export function removeFile(file: string): void {
  fs.rmSync(file, { force: true });
}

/** Reads /proc/<pid>/<entry>; undefined where /proc is absent (macOS) or the pid is gone. */
function readProc(pid: number, entry: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${entry}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * True when `pid` is a running process. A zombie counts as dead (kill(0)
 * succeeds on it until it is reaped). With `marker`, the command line must
 * contain it too: an old pid file may name a pid the OS has since reused.
 */
export function isAlive(pid: number, marker?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user (e.g. postgres run via runuser).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProc(pid, 'stat');
  // Field 3 follows the parenthesised command name, which may itself hold spaces.
  if (stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
  if (marker === undefined) return true;
  const cmdline = readProc(pid, 'cmdline');
  return cmdline === undefined || cmdline.split('\0').join(' ').includes(marker);
}

// ---------------------------------------------------------------- waiting

/**
 * Polls `check` until it returns true (→ true) or the time is up (→ false).
 * A `check` that throws aborts the wait with its error, e.g. "process died".
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(opts.intervalMs ?? 250);
  }
}

/** The last `lines` lines of a log file ('' if it does not exist). */
export function tailFile(file: string, lines = 20): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    return buf.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}

export function secondsSince(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------- processes

/** First executable named `name` on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

export interface RunResult {
  code: number;
  output: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** New session/process group, so a Ctrl-C in our terminal does not reach daemons it forks. */
  detached?: boolean;
  timeoutMs?: number;
}

/** Runs a command to completion; resolves with its exit code and merged output (never rejects on exit code). */
export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: opts.detached ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer =
      opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`could not run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** Like runCommand, but a non-zero exit becomes an Error "<what> failed (exit N): <last output lines>". */
export async function run(what: string, cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const { code, output } = await runCommand(cmd, args, opts);
  if (code !== 0) {
    const tail = output.trimEnd().split('\n').slice(-20).join('\n');
    throw new Error(`${what} failed (exit ${code}):\n${tail}`);
  }
  return output;
}

/**
 * Starts a long-lived process in its own process group with stdout/stderr
 * appended to `logFile`, and lets this Node process exit without waiting for
 * it. Returns its pid.
 */
export function spawnDetached(
  cmd: string,
  args: string[],
  opts: { cwd: string; logFile: string; env?: NodeJS.ProcessEnv },
): number {
  ensureDir(path.dirname(opts.logFile));
  const fd = fs.openSync(opts.logFile, 'a');
  try {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    // Spawn failures (ENOENT, EACCES) arrive as an event; without a listener they would crash us.
    child.on('error', () => undefined);
    if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
    child.unref();
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Sends `signal`, waits up to `timeoutMs` for the process to exit, then
 * escalates to `escalateTo` (default SIGKILL) and waits again. Throws if the
 * process survives both.
 */
export async function stopProcess(
  pid: number,
  opts: { signal: NodeJS.Signals; timeoutMs: number; escalateTo?: NodeJS.Signals; what: string },
): Promise<void> {
  const gone = (): boolean => !isAlive(pid);
  const send = (signal: NodeJS.Signals): void => {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  };
  send(opts.signal);
  if (await waitFor(gone, { timeoutMs: opts.timeoutMs, intervalMs: 100 })) return;
  send(opts.escalateTo ?? 'SIGKILL');
  if (await waitFor(gone, { timeoutMs: 15_000, intervalMs: 100 })) return;
  throw new Error(`${opts.what} (pid ${pid}) did not exit after ${opts.signal} and ${opts.escalateTo ?? 'SIGKILL'}`);
}

// ---------------------------------------------------------------- ports

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when we could bind host:port right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Reads a TCP port from the environment, or `fallback`; rejects junk with a clear message. */
export function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535)`);
  }
  return port;
}

// ---------------------------------------------------------------- locking

/**
 * Runs `fn` while holding a directory lock, so `npm start` and a jest run
 * started at the same moment do not both format/start the same data dir. A
 * lock left by a dead process is taken over.
 */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
  ensureDir(path.dirname(lockDir));
  const owner = path.join(lockDir, 'pid');
  const acquired = await waitFor(() => tryLock(lockDir, owner), { timeoutMs, intervalMs: 200 });
  if (!acquired) {
    throw new Error(`timed out waiting for lock ${lockDir} (held by pid ${readPidFile(owner) ?? '?'})`);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function tryLock(lockDir: string, owner: string): boolean {
  try {
    fs.mkdirSync(lockDir);
    writePidFile(owner, process.pid);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = readPidFile(owner);
  // No pid yet means the holder is between mkdir and write, or died right there.
  const stale = holder === undefined ? lockAgeMs(lockDir) > 5_000 : !isAlive(holder);
  if (stale) fs.rmSync(lockDir, { recursive: true, force: true });
  return false;
}

function lockAgeMs(lockDir: string): number {
  try {
    return Date.now() - fs.statSync(lockDir).mtimeMs;
  } catch {
    return 0;
  }
}

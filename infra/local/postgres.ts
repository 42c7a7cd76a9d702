/**
 * A real local PostgreSQL cluster for local runs and integration tests,
 * without Docker: Debian's server binaries (installed with apt-get when
 * missing), a private data dir in <repo>/.valley/postgres/data, its own port.
 * A system cluster the Debian package may start on 5432 is never used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { LOG_DIR, VALLEY_HOME } from './paths';
import {
  type Log,
  ensureDir,
  envPort,
  findExecutable,
  isAlive,
  isPortFree,
  run,
  runCommand,
  secondsSince,
  stderrLog,
  stopProcess,
  tailFile,
  waitFor,
  withLock,
} from './process';

export interface PostgresHandle {
  url: string;
  /** True when this call started the cluster (so the caller may stop it). */
  started: boolean;
  logFile?: string;
}

export interface StopPostgresOptions {
  /** PostgreSQL shutdown mode: fast (default) rolls back open transactions; immediate simulates a crash. */
  mode?: 'smart' | 'fast' | 'immediate';
  /** How long to wait before escalating to an immediate shutdown (default 30 s). */
  timeoutMs?: number;
}

const HOST = '127.0.0.1';
const DB_USER = 'valley';
const DEFAULT_PORT = 54329;
const EXTERNAL_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 60_000;

const PG_HOME = path.join(VALLEY_HOME, 'postgres');
const DATA_DIR = path.join(PG_HOME, 'data');
const LOCK_DIR = path.join(PG_HOME, '.lock');
/** Our settings, included from postgresql.conf; its presence also marks a finished initdb. */
const VALLEY_CONF = path.join(DATA_DIR, 'valley.conf');
/** postgres refuses to run as root; as root we run it as this system user (created if missing). */
const FALLBACK_USER = 'valley-pg';

export function postgresLogFile(): string {
  return path.join(LOG_DIR, 'postgres.log');
}

/** Connection URL of the local cluster on `port`. */
function localUrl(port: number): string {
  return `postgres://${DB_USER}@${HOST}:${port}/postgres`;
}

/** Pid of the local cluster's postmaster, if it is running. */
export function localPostgresPid(): number | undefined {
  return runningLocal()?.pid;
}

/**
 * Makes sure a PostgreSQL server answers: DATABASE_URL if set, else the
 * local cluster from a previous start, else a freshly started local cluster.
 */
export async function ensurePostgres(log: Log = stderrLog): Promise<PostgresHandle> {
  const external = process.env.DATABASE_URL;
  if (external !== undefined && external !== '') {
    await assertExternalAnswers(external);
    log(`postgres: using DATABASE_URL=${redact(external)}`);
    return { url: external, started: false };
  }
  return withLock(LOCK_DIR, () => startLocal(log, false));
}

/**
 * Starts the local cluster again on the same data dir and port (after
 * stopPostgres), and waits until it answers. A no-op when it is running.
 */
export async function startPostgres(log: Log = stderrLog): Promise<PostgresHandle> {
  const external = process.env.DATABASE_URL;
  if (external !== undefined && external !== '' && !isLocalUrl(external)) {
    throw new Error(`postgres: DATABASE_URL=${redact(external)} names a server this script does not manage; cannot start it`);
  }
  return withLock(LOCK_DIR, () => startLocal(log, true));
}

/** Stops the local cluster in .valley (never a DATABASE_URL one); no-op if it is not running. */
export async function stopPostgres(opts: StopPostgresOptions = {}): Promise<void> {
  const running = runningLocal();
  if (running === undefined) return;
  // Signals are how pg_ctl stops a server; sending them ourselves works as root without runuser.
  const signal = ({ smart: 'SIGTERM', fast: 'SIGINT', immediate: 'SIGQUIT' } as const)[opts.mode ?? 'fast'];
  await stopProcess(running.pid, {
    signal,
    timeoutMs: opts.timeoutMs ?? 30_000,
    escalateTo: 'SIGQUIT',
    what: 'postgres',
  });
}

// ---------------------------------------------------------------- state

/** The running postmaster per data/postmaster.pid (line 1: pid, line 4: port). */
function runningLocal(): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(DATA_DIR, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return undefined;
  return isAlive(pid, 'postgres') ? { pid, port } : undefined;
}

/** The port the cluster was last started on, from valley.conf. */
function configuredPort(): number | undefined {
  try {
    const match = /^port = (\d+)$/m.exec(fs.readFileSync(VALLEY_CONF, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function isLocalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.hostname === HOST || u.hostname === 'localhost') && Number(u.port) === configuredPort();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- start

async function startLocal(log: Log, samePort: boolean): Promise<PostgresHandle> {
  const running = runningLocal();
  if (running !== undefined) {
    const url = localUrl(running.port);
    await waitUntilAnswers(url, 10_000);
    log(`postgres: reusing local cluster on ${HOST}:${running.port} (pid ${running.pid})`);
    return { url, started: false, logFile: postgresLogFile() };
  }
  const t0 = Date.now();
  const bins = findBinaries() ?? (await installPostgres(log));
  const owner = await clusterOwner(log);
  prepareDirs(owner);
  await ensureReachable(owner, log);
  if (!fs.existsSync(VALLEY_CONF)) await initCluster(bins, owner, log);
  const port = await choosePort(samePort);
  writeValleyConf(port, owner);
  await pgCtlStart(bins, owner);
  const url = localUrl(port);
  await waitUntilAnswers(url, READY_TIMEOUT_MS);
  log(`postgres: started on ${HOST}:${port} in ${secondsSince(t0)} (log: ${postgresLogFile()})`);
  return { url, started: true, logFile: postgresLogFile() };
}

interface Bins {
  initdb: string;
  pgCtl: string;
}

/** Debian's server binaries (highest version first), else initdb/pg_ctl on PATH (other systems). */
function findBinaries(): Bins | undefined {
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    // not Debian-style
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((f) => fs.existsSync(path.join(bin, f)))) {
      return { initdb: path.join(bin, 'initdb'), pgCtl: path.join(bin, 'pg_ctl') };
    }
  }
  const initdb = findExecutable('initdb');
  const pgCtl = findExecutable('pg_ctl');
  return initdb !== undefined && pgCtl !== undefined ? { initdb, pgCtl } : undefined;
}

async function installPostgres(log: Log): Promise<Bins> {
  const missing = 'the PostgreSQL server is not installed (no /usr/lib/postgresql/*/bin/initdb, no initdb on PATH)';
  if (!isRoot()) {
    throw new Error(`postgres: ${missing}; installing it needs root: run "sudo apt-get install postgresql", or set DATABASE_URL`);
  }
  const aptGet = findExecutable('apt-get');
  if (aptGet === undefined) {
    throw new Error(`postgres: ${missing} and apt-get is not available to install it; install PostgreSQL or set DATABASE_URL`);
  }
  log('postgres: server not installed; installing it: apt-get update && apt-get install postgresql (first run)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('postgres: apt-get update', aptGet, ['update'], { env, timeoutMs: 600_000 });
  await run('postgres: apt-get install postgresql', aptGet, ['install', '-y', '--no-install-recommends', 'postgresql'], {
    env,
    timeoutMs: 900_000,
  });
  const bins = findBinaries();
  if (bins === undefined) throw new Error(`postgres: apt-get installed postgresql but ${missing}`);
  return bins;
}

// ---------------------------------------------------------------- running as another user

interface Owner {
  name: string;
  uid: number;
  gid: number;
}

function isRoot(): boolean {
  return process.getuid !== undefined && process.getuid() === 0;
}

/**
 * The user the cluster runs as: undefined (= us) unless we are root, which
 * postgres refuses; then the owner of an existing data dir, else `postgres`,
 * else a system user we create.
 */
async function clusterOwner(log: Log): Promise<Owner | undefined> {
  if (!isRoot()) return undefined;
  const existingUid = fs.existsSync(DATA_DIR) ? fs.statSync(DATA_DIR).uid : 0;
  if (existingUid !== 0) {
    const owner = await lookupUser(String(existingUid));
    if (owner !== undefined) return owner;
  }
  const postgres = await lookupUser('postgres');
  if (postgres !== undefined) return postgres;
  log(`postgres: running as root and no "postgres" user exists; creating system user ${FALLBACK_USER}`);
  await run(`postgres: useradd ${FALLBACK_USER}`, 'useradd', [
    '--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin',
    FALLBACK_USER,
  ]);
  const created = await lookupUser(FALLBACK_USER);
  if (created === undefined) throw new Error(`postgres: created user ${FALLBACK_USER} but cannot look it up`);
  return created;
}

/** getent passwd <name|uid> → Owner, or undefined when there is no such user. */
async function lookupUser(key: string): Promise<Owner | undefined> {
  const { code, output } = await runCommand('getent', ['passwd', key]);
  if (code !== 0) return undefined;
  const [name, , uid, gid] = output.trim().split('\n')[0]?.split(':') ?? [];
  return name !== undefined ? { name, uid: Number(uid), gid: Number(gid) } : undefined;
}

/** The command that runs `cmd` as `owner` (runuser), or as us. */
function asOwner(owner: Owner | undefined, cmd: string, args: string[]): [string, string[]] {
  return owner === undefined ? [cmd, args] : ['runuser', ['-u', owner.name, '--', cmd, ...args]];
}

function chownTo(owner: Owner | undefined, file: string): void {
  if (owner !== undefined) fs.chownSync(file, owner.uid, owner.gid);
}

/** Data dir (0700, as postgres demands), socket dir and log file, owned by the cluster's user. */
function prepareDirs(owner: Owner | undefined): void {
  ensureDir(PG_HOME);
  ensureDir(LOG_DIR);
  ensureDir(DATA_DIR, 0o700);
  chownTo(owner, DATA_DIR);
  const sockets = socketDir();
  if (sockets !== '/tmp') {
    ensureDir(sockets, 0o700);
    chownTo(owner, sockets);
  }
  fs.closeSync(fs.openSync(postgresLogFile(), 'a'));
  chownTo(owner, postgresLogFile());
}

/**
 * The repo may sit under a directory the cluster's user cannot traverse
 * (e.g. /root or a 0700 /work). Grant o+x (traverse, not list) on such
 * ancestors, then check for real by writing as that user.
 */
async function ensureReachable(owner: Owner | undefined, log: Log): Promise<void> {
  if (owner === undefined || (await ownerCanWrite(owner))) return;
  // Not DATA_DIR itself: postgres insists on 0700/0750 there.
  for (const dir of new Set([...ancestors(PG_HOME), ...ancestors(LOG_DIR)])) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, (mode & 0o7777) | 0o001);
      log(`postgres: chmod o+x ${dir} so user ${owner.name} can reach its data dir`);
    }
  }
  if (!(await ownerCanWrite(owner))) {
    throw new Error(
      `postgres: user ${owner.name} cannot write ${DATA_DIR} or ${postgresLogFile()} even after chmod o+x on ` +
        'their parent directories (ACLs, SELinux or a read-only mount?); move the repo or set DATABASE_URL',
    );
  }
}

async function ownerCanWrite(owner: Owner): Promise<boolean> {
  const { code } = await runCommand('runuser', ['-u', owner.name, '--', 'test', '-w', DATA_DIR, '-a', '-w', postgresLogFile()]);
  return code === 0;
}

/** '/' and every directory down to `dir` itself, outermost first. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    out.unshift(d);
    if (path.dirname(d) === d) return out;
  }
}

/**
 * Unix socket paths are limited to ~107 bytes; a deep checkout would exceed
 * it, so fall back to /tmp (world-writable, one socket name per port).
 */
function socketDir(): string {
  const local = path.join(PG_HOME, 'run');
  return path.join(local, '.s.PGSQL.65535.lock').length <= 100 ? local : '/tmp';
}

// ---------------------------------------------------------------- initdb / pg_ctl

async function initCluster(bins: Bins, owner: Owner | undefined, log: Log): Promise<void> {
  log('postgres: creating the cluster with initdb (first run)…');
  for (const locale of ['C.UTF-8', 'C']) {
    // initdb wants an empty (or absent) data dir; clear what a failed attempt left.
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
    prepareDirs(owner);
    const args = ['-D', DATA_DIR, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', `--locale=${locale}`];
    const [cmd, cmdArgs] = asOwner(owner, bins.initdb, args);
    const { code, output } = await runCommand(cmd, cmdArgs, { cwd: PG_HOME, timeoutMs: 180_000 });
    if (code === 0) {
      fs.appendFileSync(
        path.join(DATA_DIR, 'postgresql.conf'),
        "\n# valley: settings managed by infra/local/postgres.ts\ninclude 'valley.conf'\n",
      );
      return;
    }
    if (locale !== 'C' && /locale/i.test(output)) {
      log(`postgres: locale ${locale} is not available here; using C`);
      continue;
    }
    throw new Error(`postgres: initdb failed (exit ${code}):\n${output.trimEnd().split('\n').slice(-20).join('\n')}`);
  }
}

/** Our settings, rewritten on every start (the port may change); last value wins in postgresql.conf. */
function writeValleyConf(port: number, owner: Owner | undefined): void {
  const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  const lines = [
    '# Generated by infra/local/postgres.ts on every start: edit that file, not this one.',
    `listen_addresses = '${HOST}'`,
    `port = ${port}`,
    `unix_socket_directories = ${quote(socketDir())}`,
    'max_connections = 200',
    'shared_buffers = 256MB',
    '# Durability stays on: benchmarks must measure real commit costs.',
    'fsync = on',
    'synchronous_commit = on',
    'full_page_writes = on',
    '# pg_ctl -l writes the server output to .valley/logs/postgres.log.',
    'logging_collector = off',
  ];
  fs.writeFileSync(VALLEY_CONF, `${lines.join('\n')}\n`);
  chownTo(owner, VALLEY_CONF);
}

/**
 * A port nobody listens on: for a restart (samePort) the previous one, so
 * URLs handed out stay valid; else VALLEY_PG_PORT (exactly), else the
 * previous one, else the first free one from 54329 up.
 */
async function choosePort(samePort: boolean): Promise<number> {
  const previous = configuredPort();
  if (samePort && previous !== undefined) {
    if (await isPortFree(previous)) return previous;
    throw new Error(`postgres: cannot restart on port ${previous}: another program now listens there`);
  }
  if (process.env.VALLEY_PG_PORT) {
    const wanted = envPort('VALLEY_PG_PORT', DEFAULT_PORT);
    if (await isPortFree(wanted)) return wanted;
    throw new Error(`postgres: VALLEY_PG_PORT=${wanted} is already in use; pick another port or unset it`);
  }
  if (previous !== undefined && (await isPortFree(previous))) return previous;
  for (let port = DEFAULT_PORT; port < DEFAULT_PORT + 100; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`postgres: no free port in ${DEFAULT_PORT}-${DEFAULT_PORT + 99}; set VALLEY_PG_PORT`);
}

async function pgCtlStart(bins: Bins, owner: Owner | undefined): Promise<void> {
  const logFile = postgresLogFile();
  fs.appendFileSync(logFile, `\n===== valley: starting postgres at ${new Date().toISOString()} =====\n`);
  const args = ['-D', DATA_DIR, '-l', logFile, '-w', '-t', String(READY_TIMEOUT_MS / 1000), 'start'];
  const [cmd, cmdArgs] = asOwner(owner, bins.pgCtl, args);
  // Own session: the postmaster must not get the SIGINT of a Ctrl-C in our terminal.
  const { code, output } = await runCommand(cmd, cmdArgs, { cwd: PG_HOME, detached: true, timeoutMs: READY_TIMEOUT_MS + 30_000 });
  if (code !== 0) throw pgError(`pg_ctl could not start the cluster (exit ${code}: ${output.trim()})`);
}

// ---------------------------------------------------------------- readiness

function pgError(what: string): Error {
  const file = postgresLogFile();
  return new Error(`postgres: ${what}; see ${file}. Last 20 lines:\n${tailFile(file, 20)}`);
}

async function waitUntilAnswers(url: string, timeoutMs: number): Promise<void> {
  let last: string | undefined;
  const ok = await waitFor(async () => (last = await probe(url)) === undefined, { timeoutMs, intervalMs: 250 });
  if (!ok) throw pgError(`the local cluster at ${url} does not answer SELECT 1 (${last ?? 'timeout'})`);
}

async function assertExternalAnswers(url: string): Promise<void> {
  let last: string | undefined;
  const ok = await waitFor(async () => (last = await probe(url)) === undefined, {
    timeoutMs: EXTERNAL_TIMEOUT_MS,
    intervalMs: 1000,
  });
  if (!ok) {
    throw new Error(
      `postgres: DATABASE_URL=${redact(url)} did not answer SELECT 1 within ${EXTERNAL_TIMEOUT_MS / 1000} s ` +
        `(${last ?? 'timeout'}); unset it to start a local cluster instead`,
    );
  }
}

/** One probe: connect and SELECT 1. Returns undefined on success, else the error message. */
async function probe(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/**
 * A real single-node Apache Kafka (KRaft, broker+controller in one JVM) for
 * local runs and integration tests, without Docker: the broker jars come
 * from Maven Central (infra/kafka/pom.xml) into a cache outside the repo, the
 * data and pid file live in <repo>/.valley/kafka.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { INFRA_DIR, LOG_DIR, VALLEY_HOME, cacheDir } from './paths';
import {
  type Log,
  ensureDir,
  envPort,
  findExecutable,
  isAlive,
  isPortOpen,
  readPidFile,
  removeFile,
  run,
  runCommand,
  secondsSince,
  spawnDetached,
  stderrLog,
  stopProcess,
  tailFile,
  waitFor,
  withLock,
  writePidFile,
} from './process';

export interface KafkaHandle {
  brokers: string[];
  /** True when this call started the broker (so the caller may stop it). */
  started: boolean;
  logFile?: string;
}

export interface StopKafkaOptions {
  /** SIGTERM = controlled shutdown (default); SIGKILL = simulate a crash. */
  signal?: 'SIGTERM' | 'SIGKILL';
  /** How long to wait for exit before SIGKILL (default 30 s). */
  timeoutMs?: number;
}

const KAFKA_VERSION = '4.1.2';
const HOST = '127.0.0.1';
/** Marker in the broker's command line: guards against a reused pid. */
const MAIN_CLASS = 'kafka.Kafka';
const READY_TIMEOUT_MS = 90_000;
const EXTERNAL_TIMEOUT_MS = 30_000;

/**
 * Which local broker: `kafka` (npm start, infra:up, benchmarks) or another
 * name — the tests run their own, `kafka-test`, so their events never reach
 * the park `npm start` runs. Each has its own data, pid file and log. Read at
 * each call, so a caller may set VALLEY_KAFKA_INSTANCE before the first start.
 */
export function kafkaInstance(): string {
  const name = process.env.VALLEY_KAFKA_INSTANCE;
  return name !== undefined && /^[a-z0-9-]{1,40}$/.test(name) ? name : 'kafka';
}
const kafkaHome = (): string => path.join(VALLEY_HOME, kafkaInstance());
const pidFile = (): string => path.join(kafkaHome(), 'kafka.pid');
const propsFile = (): string => path.join(kafkaHome(), 'server.properties');
const dataDir = (): string => path.join(kafkaHome(), 'data');
const lockDir = (): string => path.join(kafkaHome(), '.lock');
const POM = path.join(INFRA_DIR, 'kafka', 'pom.xml');
const LOG4J_CONFIG = path.join(INFRA_DIR, 'kafka', 'log4j2.properties');

export function kafkaLogFile(): string {
  return path.join(LOG_DIR, `${kafkaInstance()}.log`);
}

function ports(): { broker: number; controller: number } {
  return {
    broker: envPort('VALLEY_KAFKA_PORT', 9092),
    controller: envPort('VALLEY_KAFKA_CONTROLLER_PORT', 9093),
  };
}

/** Bootstrap servers of the local broker (whether or not it is running). */
export function localKafkaBrokers(): string[] {
  return [`${HOST}:${ports().broker}`];
}

/** Pid of the local broker started from .valley, if it is running. */
export function localKafkaPid(): number | undefined {
  const pid = readPidFile(pidFile());
  return pid !== undefined && isAlive(pid, MAIN_CLASS) ? pid : undefined;
}

function externalBrokers(): string[] | undefined {
  const raw = process.env.KAFKA_BROKERS;
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
}

/**
 * Makes sure a Kafka cluster answers: KAFKA_BROKERS if set, else the local
 * broker from a previous start, else a freshly started local broker.
 */
export async function ensureKafka(log: Log = stderrLog): Promise<KafkaHandle> {
  const external = externalBrokers();
  if (external !== undefined) {
    await assertExternalAnswers(external);
    log(`kafka: using KAFKA_BROKERS=${external.join(',')}`);
    return { brokers: external, started: false };
  }
  return withLock(lockDir(), () => startLocal(log));
}

/**
 * Starts the local broker again on the same data dir (after stopKafka), and
 * waits until it serves. A no-op when it is already running.
 */
export async function startKafka(log: Log = stderrLog): Promise<KafkaHandle> {
  const external = externalBrokers();
  if (external !== undefined && !external.some((b) => isLocalAddress(b, ports().broker))) {
    throw new Error(
      `kafka: KAFKA_BROKERS=${external.join(',')} names a broker this script does not manage; cannot start it`,
    );
  }
  return withLock(lockDir(), () => startLocal(log));
}

/** Stops the local broker started from .valley (never a KAFKA_BROKERS one); no-op if it is not running. */
export async function stopKafka(opts: StopKafkaOptions = {}): Promise<void> {
  const pid = localKafkaPid();
  if (pid !== undefined) {
    await stopProcess(pid, {
      signal: opts.signal ?? 'SIGTERM',
      timeoutMs: opts.timeoutMs ?? 30_000,
      what: 'kafka broker',
    });
  }
  removeFile(pidFile());
}

function isLocalAddress(broker: string, port: number): boolean {
  return broker === `${HOST}:${port}` || broker === `localhost:${port}`;
}

// ---------------------------------------------------------------- start

async function startLocal(log: Log): Promise<KafkaHandle> {
  const handle: KafkaHandle = { brokers: localKafkaBrokers(), started: false, logFile: kafkaLogFile() };
  const running = localKafkaPid();
  if (running !== undefined && (await isPortOpen(ports().broker))) {
    await waitUntilReady(running);
    log(`kafka: reusing local broker on ${handle.brokers[0]} (pid ${running})`);
    return handle;
  }
  if (running !== undefined) {
    // Alive but not listening: a half-dead broker would hold the data dir lock.
    await stopKafka();
  }
  const t0 = Date.now();
  const libs = await fetchJars(log);
  const java = await requireJava();
  await assertPortsFree();
  writeServerProperties();
  await formatStorageOnce(java, libs, log);
  const pid = spawnBroker(java, libs);
  writePidFile(pidFile(), pid);
  try {
    await waitUntilReady(pid);
  } catch (err) {
    // Do not leave a hung JVM holding the ports and the data dir behind.
    await stopKafka({ signal: 'SIGKILL' });
    throw err;
  }
  log(`kafka: started on ${handle.brokers[0]} in ${secondsSince(t0)} (log: ${kafkaLogFile()})`);
  return { ...handle, started: true };
}

/** Downloads the broker jars once into the cache (marker file = finished). */
async function fetchJars(log: Log): Promise<string> {
  const home = path.join(cacheDir(), `kafka-${KAFKA_VERSION}`);
  const libs = path.join(home, 'libs');
  const marker = path.join(home, '.fetched');
  if (fs.existsSync(marker)) return libs;
  const mvn = findExecutable('mvn');
  if (mvn === undefined) {
    throw new Error(
      'kafka: Maven (mvn) is not installed; it is needed once to fetch the Kafka broker jars ' +
        '(apt-get install maven), or set KAFKA_BROKERS to use an existing cluster',
    );
  }
  log(`kafka: fetching broker jars (first run) into ${libs}…`);
  // A previous fetch died half-way: a truncated jar would look "up to date" to Maven.
  fs.rmSync(libs, { recursive: true, force: true });
  ensureDir(home);
  await run('kafka: fetching the broker jars with Maven', mvn, [
    '-B', '-q', '-f', POM, 'dependency:copy-dependencies',
    '-DincludeScope=runtime', `-DoutputDirectory=${libs}`,
  ], { timeoutMs: 600_000 });
  const jars = fs.readdirSync(libs).filter((f) => f.endsWith('.jar')).length;
  fs.writeFileSync(marker, `${new Date().toISOString()} ${jars} jars\n`);
  return libs;
}

/** Path of a Java 17+ runtime (Kafka 4 brokers need 17). */
async function requireJava(): Promise<string> {
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  const java = fromHome !== undefined && fs.existsSync(fromHome) ? fromHome : findExecutable('java');
  if (java === undefined) {
    throw new Error(
      'kafka: Java is not installed (no java on PATH or in JAVA_HOME); Kafka needs Java 17+ ' +
        '(apt-get install openjdk-17-jre-headless), or set KAFKA_BROKERS to use an existing cluster',
    );
  }
  const { output } = await runCommand(java, ['-version']);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < 17) {
    throw new Error(`kafka: ${java} is Java ${major || 'of unknown version'}; Kafka ${KAFKA_VERSION} needs Java 17+`);
  }
  return java;
}

async function assertPortsFree(): Promise<void> {
  const { broker, controller } = ports();
  if (broker === controller) {
    throw new Error(`kafka: VALLEY_KAFKA_PORT and VALLEY_KAFKA_CONTROLLER_PORT are both ${broker}; they must differ`);
  }
  for (const [port, env] of [[broker, 'VALLEY_KAFKA_PORT'], [controller, 'VALLEY_KAFKA_CONTROLLER_PORT']] as const) {
    if (await isPortOpen(port)) {
      throw new Error(
        `kafka: port ${HOST}:${port} is already in use by another program (not our broker); ` +
          `stop it, set ${env} to another port, or set KAFKA_BROKERS to use it as the cluster`,
      );
    }
  }
}

/** Written on every start so port overrides apply; the data dir keeps the cluster identity. */
function writeServerProperties(): void {
  const { broker, controller } = ports();
  const lines = [
    '# Generated by infra/local/kafka.ts on every start: edit that file, not this one.',
    'process.roles=broker,controller',
    'node.id=1',
    // Kafka 4 dynamic quorum: formatted once with --standalone.
    `controller.quorum.bootstrap.servers=${HOST}:${controller}`,
    `listeners=PLAINTEXT://${HOST}:${broker},CONTROLLER://${HOST}:${controller}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${broker},CONTROLLER://${HOST}:${controller}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir()}`,
    'num.partitions=3',
    // One broker: every internal topic must accept a single replica.
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Tests join consumer groups constantly; the default 3 s delay would slow each one.
    'group.initial.rebalance.delay.ms=0',
    // Topics are created explicitly by the platform; typos must fail, not create topics.
    'auto.create.topics.enable=false',
  ];
  ensureDir(kafkaHome());
  fs.writeFileSync(propsFile(), `${lines.join('\n')}\n`);
}

/** Formats the KRaft storage once; meta.properties marks a formatted data dir. */
async function formatStorageOnce(java: string, libs: string, log: Log): Promise<void> {
  if (fs.existsSync(path.join(dataDir(), 'meta.properties'))) return;
  log('kafka: formatting storage (first run)…');
  // Without meta.properties nothing in there is usable; clear leftovers of a failed format.
  fs.rmSync(dataDir(), { recursive: true, force: true });
  await run('kafka: formatting storage (kafka.tools.StorageTool format)', java, [
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp', path.join(libs, '*'),
    'kafka.tools.StorageTool', 'format', '--standalone',
    '-t', newClusterId(), '-c', propsFile(),
  ], { timeoutMs: 120_000 });
}

/**
 * A Kafka cluster id: base64url of 16 random bytes, as StorageTool random-uuid
 * prints, without paying a JVM start for it. Like Kafka's own generator it
 * avoids ids starting with '-', which the CLI would read as an option.
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function spawnBroker(java: string, libs: string): number {
  ensureDir(LOG_DIR);
  fs.appendFileSync(kafkaLogFile(), `\n===== valley: starting kafka ${KAFKA_VERSION} at ${new Date().toISOString()} =====\n`);
  const args = [
    '-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp', path.join(libs, '*'),
    MAIN_CLASS, propsFile(),
  ];
  return spawnDetached(java, args, { cwd: kafkaHome(), logFile: kafkaLogFile() });
}

// ---------------------------------------------------------------- readiness

/** Waits until the admin API describes the cluster; fails fast if the JVM dies. */
async function waitUntilReady(pid: number): Promise<void> {
  const brokers = localKafkaBrokers();
  const ready = await waitFor(
    async () => {
      if (!isAlive(pid)) throw brokerError('the broker exited during startup');
      return clusterAnswers(brokers);
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 300 },
  );
  if (!ready) throw brokerError(`the broker did not become ready within ${READY_TIMEOUT_MS / 1000} s`);
}

function brokerError(what: string): Error {
  const file = kafkaLogFile();
  return new Error(`kafka: ${what}; see ${file}. Last 20 lines:\n${tailFile(file, 20)}`);
}

async function assertExternalAnswers(brokers: string[]): Promise<void> {
  const ok = await waitFor(() => clusterAnswers(brokers), { timeoutMs: EXTERNAL_TIMEOUT_MS, intervalMs: 1000 });
  if (!ok) {
    throw new Error(
      `kafka: KAFKA_BROKERS=${brokers.join(',')} did not answer within ${EXTERNAL_TIMEOUT_MS / 1000} s ` +
        '(admin describeCluster); unset it to start a local broker instead',
    );
  }
}

/** One probe: connect an admin client and describe the cluster. */
async function clusterAnswers(brokers: string[]): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'valley-infra-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * A real single-node Apache Kafka (KRaft, broker+controller in one JVM) for
 * local runs and integration tests, without Docker: the broker jars come
 * from Maven Central (infra/kafka/pom.xml) into a cache outside the repo, the
 * data and pid file live in <repo>/.valley/kafka.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { PARTNER_REGISTRY_USERNAME, SERVICE_KAFKA_ACCESS, type ServicePrincipal } from '../../libs/contracts/src/kafka-access';
import { aclBindings, clusterAdminBindings, setKafkaAccess } from '../../libs/messaging/src/kafka/kafka-acls';
import { kafkaSaslFromEnv, type KafkaSasl } from '../../libs/messaging/src/kafka/kafka-client.factory';
import { alterScramCredentials } from '../../libs/messaging/src/kafka/scram-credentials';
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
  /** The admin principal's credentials when the broker is secured (absent: an open broker). */
  sasl?: KafkaSasl;
  /** Each service's own principal (a local secured broker only; otherwise services use `sasl`). */
  principals?: LocalPrincipals;

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
/** How long a running broker may refuse the admin's SCRAM login before startup gives up and says why. */
const SCRAM_REFUSAL_MS = 20_000;

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
/**
 * `scram`: SASL/SCRAM-SHA-512 on the client listener, the StandardAuthorizer,
 * a principal per service with only its ACLs (what the tests run);
 * `none` (default): one open PLAINTEXT listener, for `npm start`.
 */
export type KafkaSecurity = 'none' | 'scram';
export function kafkaSecurity(): KafkaSecurity {
  const mode = process.env.VALLEY_KAFKA_SECURITY;
  if (mode === undefined || mode === '' || mode === 'none') return 'none';
  if (mode === 'scram') return 'scram';
  throw new Error(`VALLEY_KAFKA_SECURITY must be none or scram, not "${mode}"`);
}

export type LocalPrincipals = Record<ServicePrincipal | 'partner-registry', KafkaSasl>;

/** Passwords of a secured local broker, made once when its storage is formatted. */
interface LocalCredentials {
  security: KafkaSecurity;
  admin?: string;
  principals?: Record<string, string>;
  /** Hash of the access table last applied as ACLs: a changed table is applied again at the next start. */
  appliedAccess?: string;
}

const kafkaHome = (): string => path.join(VALLEY_HOME, kafkaInstance());
const credentialsFile = (): string => path.join(kafkaHome(), 'credentials.json');
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
    const sasl = kafkaSaslFromEnv();
    await assertExternalAnswers(external, sasl);
    log(`kafka: using KAFKA_BROKERS=${external.join(',')}${sasl ? ` as ${sasl.username}` : ''}`);
    return { brokers: external, started: false, ...(sasl ? { sasl } : {}) };
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
  const security = kafkaSecurity();
  const running = localKafkaPid();
  const listening = running !== undefined && (await isPortOpen(ports().broker));
  if (!listening) resetIfSecurityChanged(security, log);
  const credentials = security === 'scram' ? ensureCredentials() : undefined;
  const handle: KafkaHandle = { brokers: localKafkaBrokers(), started: false, logFile: kafkaLogFile(), ...(credentials ? securedHandle(credentials) : {}) };
  if (running !== undefined && listening) {
    const runningSecurity = readCredentials().security;
    if (runningSecurity !== security) {
      throw new Error(`kafka: the local broker (pid ${running}) runs with security "${runningSecurity}", not "${security}"; stop it first (npm run infra:down)`);
    }
    await waitUntilReady(running, handle.sasl);
    if (credentials) await ensurePrincipals(handle, credentials, log);
    log(`kafka: reusing local broker on ${handle.brokers[0]} (pid ${running}${credentials ? ', SASL/SCRAM' : ''})`);
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
  writeServerProperties(credentials);
  await formatStorageOnce(java, libs, log, credentials);
  const pid = spawnBroker(java, libs);
  writePidFile(pidFile(), pid);
  try {
    await waitUntilReady(pid, handle.sasl);
    if (credentials) await ensurePrincipals(handle, credentials, log);
  } catch (err) {
    // Do not leave a hung JVM holding the ports and the data dir behind.
    await stopKafka({ signal: 'SIGKILL' });
    throw err;
  }
  log(`kafka: started on ${handle.brokers[0]}${credentials ? ' (SASL/SCRAM, ACLs on)' : ''} in ${secondsSince(t0)} (log: ${kafkaLogFile()})`);
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
function writeServerProperties(credentials: LocalCredentials | undefined): void {
  const { broker, controller } = ports();
  const listener = credentials ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
  const lines = [
    '# Generated by infra/local/kafka.ts on every start: edit that file, not this one.',
    'process.roles=broker,controller',
    'node.id=1',
    // Kafka 4 dynamic quorum: formatted once with --standalone.
    `controller.quorum.bootstrap.servers=${HOST}:${controller}`,
    `listeners=${listener}://${HOST}:${broker},CONTROLLER://${HOST}:${controller}`,
    `advertised.listeners=${listener}://${HOST}:${broker},CONTROLLER://${HOST}:${controller}`,
    'controller.listener.names=CONTROLLER',
    `inter.broker.listener.name=${listener}`,
    `listener.security.protocol.map=CONTROLLER:${listener},${listener}:${listener}`,
    ...(credentials ? securedProperties(credentials) : []),
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
async function formatStorageOnce(java: string, libs: string, log: Log, credentials: LocalCredentials | undefined): Promise<void> {
  if (fs.existsSync(path.join(dataDir(), 'meta.properties'))) return;
  log('kafka: formatting storage (first run)…');
  // Without meta.properties nothing in there is usable; clear leftovers of a failed format.
  fs.rmSync(dataDir(), { recursive: true, force: true });
  // A secured cluster needs its admin before it starts: SCRAM credentials live in the metadata log.
  const scram = credentials?.admin ? ['--add-scram', `SCRAM-SHA-512=[name=${ADMIN_USER},password=${credentials.admin}]`] : [];
  await run('kafka: formatting storage (kafka.tools.StorageTool format)', java, [
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp', path.join(libs, '*'),
    'kafka.tools.StorageTool', 'format', '--standalone',
    '-t', newClusterId(), '-c', propsFile(), ...scram,
  ], { timeoutMs: 120_000 });
  writeCredentials({ ...(credentials ?? {}), security: credentials ? 'scram' : 'none' });
}

// ---------------------------------------------------------------- security

const ADMIN_USER = 'admin';

/**
 * SASL on both listeners: SCRAM-SHA-512 for clients, PLAIN between the
 * controller and the broker (Kafka does not support SCRAM there: the
 * credentials live in the metadata the controller serves). `admin` is the
 * only super user; everyone else gets exactly the ACLs of their role.
 */
function securedProperties(credentials: LocalCredentials): string[] {
  const password = credentials.admin ?? '';
  return [
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512',
    'sasl.mechanism.controller.protocol=PLAIN',
    `listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN_USER}" password="${password}";`,
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${ADMIN_USER}" password="${password}" user_${ADMIN_USER}="${password}";`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${ADMIN_USER}`,
    'allow.everyone.if.no.acl.found=false',
  ];
}

function readCredentials(): LocalCredentials {
  try {
    return JSON.parse(fs.readFileSync(credentialsFile(), 'utf8')) as LocalCredentials;
  } catch {
    // A data dir formatted before the security mode existed ran open.
    return { security: 'none' };
  }
}

function writeCredentials(credentials: LocalCredentials): void {
  ensureDir(kafkaHome());
  fs.writeFileSync(credentialsFile(), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}

/** The passwords of a secured broker: those it was formatted with, or new ones for a first start. */
function ensureCredentials(): LocalCredentials {
  const existing = readCredentials();
  if (existing.security === 'scram' && existing.admin !== undefined && existing.principals !== undefined) return existing;
  const secret = (): string => randomBytes(18).toString('hex');
  const principals: Record<string, string> = {};
  for (const name of [...Object.keys(SERVICE_KAFKA_ACCESS), 'partner-registry']) principals[name] = secret();
  return { security: 'scram', admin: secret(), principals };
}

/**
 * A data dir formatted in the other security mode cannot be reused (an open
 * cluster has no admin credentials). The tests' own broker is throwaway and
 * is formatted again; the park's is the user's data, so they are asked.
 */
function resetIfSecurityChanged(security: KafkaSecurity, log: Log): void {
  if (!fs.existsSync(path.join(dataDir(), 'meta.properties'))) return;
  const formatted = readCredentials().security;
  if (formatted === security) return;
  if (kafkaInstance() === 'kafka') {
    throw new Error(
      `kafka: the local broker's data in ${dataDir()} was formatted with security "${formatted}", ` +
        `not "${security}" (VALLEY_KAFKA_SECURITY); run \`npm run reset\` to start an empty park in the new mode`,
    );
  }
  log(`kafka: ${kafkaInstance()} was formatted with security "${formatted}"; formatting it again for "${security}"`);
  fs.rmSync(dataDir(), { recursive: true, force: true });
  fs.rmSync(credentialsFile(), { force: true });
}

function securedHandle(credentials: LocalCredentials): Pick<KafkaHandle, 'sasl' | 'principals'> {
  const principals = {} as LocalPrincipals;
  for (const [name, password] of Object.entries(credentials.principals ?? {})) {
    const username = name === 'partner-registry' ? PARTNER_REGISTRY_USERNAME : SERVICE_KAFKA_ACCESS[name as ServicePrincipal].username;
    principals[name as keyof LocalPrincipals] = { mechanism: 'scram-sha-512', username, password };
  }
  return { sasl: { mechanism: 'scram-sha-512', username: ADMIN_USER, password: credentials.admin ?? '' }, principals };
}

/** Creates each service's principal and its ACLs, when they were never made or the access table changed since. */
async function ensurePrincipals(handle: KafkaHandle, credentials: LocalCredentials, log: Log): Promise<void> {
  // The bindings themselves, not the table: a change to either the table or aclBindings() is applied again.
  const wanted = [...Object.values(SERVICE_KAFKA_ACCESS).flatMap(aclBindings), ...clusterAdminBindings(PARTNER_REGISTRY_USERNAME)];
  const hash = createHash('sha256').update(JSON.stringify({ wanted, principals: Object.keys(credentials.principals ?? {}) })).digest('hex');
  if (readCredentials().appliedAccess === hash) return;
  const principals = handle.principals as LocalPrincipals;
  await alterScramCredentials({ brokers: handle.brokers, sasl: handle.sasl }, {
    upsert: Object.values(principals).map((p) => ({ username: p.username, password: p.password })),
  });
  const kafka = new Kafka({ clientId: 'valley-infra-acls', brokers: handle.brokers, sasl: handle.sasl as SASLOptions, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const name of Object.keys(SERVICE_KAFKA_ACCESS) as ServicePrincipal[]) await setKafkaAccess(admin, SERVICE_KAFKA_ACCESS[name]);
    await admin.createAcls({ acl: clusterAdminBindings(PARTNER_REGISTRY_USERNAME) });
  } finally {
    await admin.disconnect();
  }
  writeCredentials({ ...credentials, appliedAccess: hash });
  log(`kafka: principals and ACLs applied for ${Object.keys(principals).join(', ')}`);
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

/**
 * Waits until the admin API describes the cluster; fails fast if the JVM dies,
 * and once the broker has refused the admin's SCRAM login for
 * SCRAM_REFUSAL_MS on end (a broker answers SASL only after it has loaded
 * its credentials, so a steady refusal will not heal by waiting).
 */
async function waitUntilReady(pid: number, sasl?: KafkaSasl): Promise<void> {
  const brokers = localKafkaBrokers();
  let refusedSince: number | undefined;
  const ready = await waitFor(
    async () => {
      if (!isAlive(pid)) throw brokerError('the broker exited during startup');
      const probe = await probeKafka(brokers, sasl);
      if (probe.ok) return true;
      if (!probe.loginRefused) refusedSince = undefined;
      else if (refusedSince === undefined) refusedSince = Date.now();
      else if (Date.now() - refusedSince >= SCRAM_REFUSAL_MS) throw scramRefusalError(probe.reason);
      return false;
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 300 },
  );
  if (!ready) throw brokerError(`the broker did not become ready within ${READY_TIMEOUT_MS / 1000} s`);
}

/** The broker runs but will not let the admin in: say what that means instead of timing out. */
function scramRefusalError(reason: string): Error {
  const remedy = kafkaInstance() === 'kafka'
    ? '`npm run reset` starts an empty park'
    : `\`npm run infra:down\` and deleting ${kafkaHome()} lets the next run format it again`;
  return new Error(
    `kafka: the broker is up but has refused the admin's SCRAM login for ${SCRAM_REFUSAL_MS / 1000} s (${reason}). ` +
      `Either ${credentialsFile()} no longer matches the data in ${dataDir()}, or the broker lost its SCRAM ` +
      'credentials while replaying its metadata log: Kafka 4.1 does that when the log holds a deleted SCRAM user ' +
      '(README, "Kafka security"; Valley revokes instead of deleting, but a log written by an older version may hold one). ' +
      `${remedy}. Broker log: ${kafkaLogFile()}`,
  );
}

function brokerError(what: string): Error {
  const file = kafkaLogFile();
  return new Error(`kafka: ${what}; see ${file}. Last 20 lines:\n${tailFile(file, 20)}`);
}

async function assertExternalAnswers(brokers: string[], sasl: KafkaSasl | undefined): Promise<void> {
  let last = '';
  const ok = await waitFor(async () => {
    const probe = await probeKafka(brokers, sasl);
    if (!probe.ok) last = probe.reason;
    return probe.ok;
  }, { timeoutMs: EXTERNAL_TIMEOUT_MS, intervalMs: 1000 });
  if (!ok) {
    throw new Error(
      `kafka: KAFKA_BROKERS=${brokers.join(',')} did not answer within ${EXTERNAL_TIMEOUT_MS / 1000} s ` +
        `(admin describeCluster: ${last}); unset it to start a local broker instead`,
    );
  }
}

export type KafkaProbe = { ok: true } | { ok: false; reason: string; loginRefused: boolean };

/**
 * One probe: connect an admin client and describe the cluster. `loginRefused`
 * tells a broker that answered the SASL exchange with a refusal from one that
 * could not be reached or is not ready: startup gives up on the first kind only.
 */
export async function probeKafka(brokers: string[], sasl?: KafkaSasl): Promise<KafkaProbe> {
  const kafka = new Kafka({
    clientId: 'valley-infra-probe',
    brokers,
    ...(sasl ? { sasl: sasl as SASLOptions } : {}),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 ? { ok: true } : { ok: false, reason: 'no broker in the cluster yet', loginRefused: false };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err), loginRefused: isLoginRefusal(err) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** kafkajs's error for a SASL exchange the broker answered with a refusal (not a lost connection); it reaches the caller unwrapped. */
function isLoginRefusal(err: unknown): boolean {
  return err instanceof Error && err.name === 'KafkaJSSASLAuthenticationError';
}

/**
 * `npm start`: Kafka, PostgreSQL, the contract's topics, then every service,
 * each with its own database and log file. Ctrl-C stops all of it, including
 * the infrastructure this run started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServicePrincipal } from '../../libs/contracts/src/kafka-access';
import { createKafka, ensureTopics, kafkaSaslEnv } from '../../libs/messaging/src';
import { ensureKafka, stopKafka, type KafkaHandle } from './kafka';
import { LOG_DIR, REPO_ROOT } from './paths';
import { ensurePostgres, postgresLogFile, stopPostgres } from './postgres';
import { ensureDir, isPortOpen } from './process';
import { localGatewayJwtSecret, localIdentitySecret, localTalentIdHashSecret } from './identity-secret';
import { ensureDatabase } from './service-databases';
import { PORT_BASE, SERVICES, type ServiceSpec } from './services';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  logFile: string;
}

async function waitReady(service: Running, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.spec.name} exited (code ${service.child.exitCode}); see ${service.logFile}`);
    try {
      const res = await fetch(`http://127.0.0.1:${service.spec.port}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${service.spec.name} not ready after ${timeoutMs / 1000} s; see ${service.logFile}`);
}

async function startServiceProcess(spec: ServiceSpec, serverUrl: string, kafka: KafkaHandle): Promise<Running> {
  if (await isPortOpen(spec.port)) throw new Error(`port ${spec.port} for ${spec.name} is already in use (another npm start?)`);
  const overrideName = `${spec.name.toUpperCase()}_DATABASE_URL`;
  const url = spec.database ? (process.env[overrideName] ?? (await ensureDatabase(serverUrl, spec.database))) : undefined;
  const logFile = path.join(LOG_DIR, `${spec.name}.log`);
  ensureDir(LOG_DIR);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--enable-source-maps', spec.entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...(url ? { DATABASE_URL: url } : {}),
      KAFKA_BROKERS: kafka.brokers.join(','),
      // A secured broker (VALLEY_KAFKA_SECURITY=scram): each service as its own principal.
      ...kafkaSaslEnv(kafka.principals?.[spec.name as ServicePrincipal] ?? kafka.sasl),
      ...(spec.name === 'enterprise' && kafka.principals ? { PARTNER_REGISTRY_KAFKA_USERNAME: kafka.principals['partner-registry'].username, PARTNER_REGISTRY_KAFKA_PASSWORD: kafka.principals['partner-registry'].password } : {}),
      PORT: String(spec.port),
      VALLEY_IDENTITY_SECRET: localIdentitySecret(),
      // Only the service that hashes national id numbers gets their key.
      ...(spec.name === 'talent' ? { TALENT_ID_HASH_SECRET: localTalentIdHashSecret() } : {}),
      // Only the gateway verifies user tokens; it finds the subgraphs where this run put them.
      ...(spec.name === 'gateway' ? { GATEWAY_JWT_SECRET: localGatewayJwtSecret(), ...subgraphUrls() } : {}),
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return { spec, child, logFile };
}

function subgraphUrls(): Record<string, string> {
  return Object.fromEntries(SERVICES.filter((s) => s.name !== 'gateway').map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}/graphql`]));
}

async function main(): Promise<void> {
  say('Valley: starting the park platform');
  const [kafka, postgres] = await Promise.all([ensureKafka(say), ensurePostgres(say)]);
  const topics = await ensureTopics(createKafka({ brokers: kafka.brokers, sasl: kafka.sasl, clientId: 'valley-start' }));
  say(`kafka: topics ready (${topics.created.length} created, ${topics.existing.length} existing)`);

  const running: Running[] = [];
  let stopping = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('\nstopping…');
    await Promise.all(running.map((s) => new Promise<void>((resolve) => {
      if (s.child.exitCode !== null) return resolve();
      s.child.once('exit', () => resolve());
      s.child.kill('SIGTERM');
      setTimeout(() => s.child.kill('SIGKILL'), 10_000).unref();
    })));
    if (kafka.started) await stopKafka().then(() => say('kafka: stopped'));
    if (postgres.started) await stopPostgres().then(() => say('postgres: stopped'));
    say('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    for (const spec of SERVICES) {
      const service = await startServiceProcess(spec, postgres.url, kafka);
      running.push(service);
      service.child.on('exit', (code) => {
        if (!stopping) {
          say(`${spec.name} exited (code ${code}); see ${service.logFile}`);
          void shutdown(1);
        }
      });
      await waitReady(service);
      say(`${spec.name}: ready on http://127.0.0.1:${spec.port}/graphql (log: ${service.logFile})`);
    }
  } catch (err) {
    say(`start failed: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
    return;
  }

  say('');
  say('Valley is running.');
  for (const s of running) say(`  ${s.spec.name.padEnd(12)} http://127.0.0.1:${s.spec.port}/graphql   health /health/ready   metrics /metrics`);
  say(`  kafka        ${kafka.brokers.join(',')}${kafka.logFile ? `   log ${kafka.logFile}` : ''}`);
  say(`  postgres     ${postgres.url.replace(/:[^:@/]*@/, ':***@')}${postgres.started || !process.env['DATABASE_URL'] ? `   log ${postgresLogFile()}` : ''}`);
  say(`  logs         ${LOG_DIR}`);
  say('');
  say(`The management portal: http://127.0.0.1:${PORT_BASE}/portal/   (local sign-in: pick a role and an enterprise)`);
  say(`The portal's graph: http://127.0.0.1:${PORT_BASE}/graphql   IDE: http://127.0.0.1:${PORT_BASE}/ide`);
  say('  a token for it:  npm run token -- --role park-admin   (or --enterprise <uuid>)');
  say('  a subgraph directly, with the signed header from:  npm run identity -- --role park-admin');
  say('Press Ctrl-C to stop.');
  // A newcomer's park is not empty: a small simulated history, once (--empty or VALLEY_EMPTY_PARK=1 skips it).
  if (!process.argv.includes('--empty') && process.env['VALLEY_EMPTY_PARK'] !== '1' && !stopping) {
    const { loadDemoPark } = await import('../../apps/simulator/src/demo-park');
    await loadDemoPark({ gatewayUrl: `http://127.0.0.1:${PORT_BASE}/graphql`, jwtSecret: localGatewayJwtSecret(), brokers: kafka.brokers, sasl: kafka.sasl, journalDir: path.join(REPO_ROOT, '.valley', 'simulator'), say });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureKafka } from '../infra/local/kafka';
import { ensurePostgres } from '../infra/local/postgres';
import { kafkaSaslEnv } from '../libs/messaging/src/kafka/kafka-client.factory';
import { TEST_ENV } from '../libs/testing/src/test-environment';

/**
 * Starts (or reuses) the real Kafka broker and PostgreSQL server for the
 * integration tests and creates the contract's topics. Uses KAFKA_BROKERS and
 * DATABASE_URL where they are set.
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`[test infra] ${line}\n`);
  // A broker of the tests' own (unless KAFKA_BROKERS names one): their events must not reach the
  // park `npm start` runs, and one test stops and restarts the broker.
  if (!process.env['KAFKA_BROKERS']) {
    process.env['VALLEY_KAFKA_INSTANCE'] = 'kafka-test';
    process.env['VALLEY_KAFKA_PORT'] = process.env['VALLEY_TEST_KAFKA_PORT'] || '9192';
    process.env['VALLEY_KAFKA_CONTROLLER_PORT'] = process.env['VALLEY_TEST_KAFKA_CONTROLLER_PORT'] || '9193';
    // The tests run what production runs: SASL/SCRAM, the StandardAuthorizer, a principal per service.
    process.env['VALLEY_KAFKA_SECURITY'] = 'scram';
  }
  const [kafka, postgres] = await Promise.all([ensureKafka(log), ensurePostgres(log)]);
  process.env[TEST_ENV.brokers] = kafka.brokers.join(',');
  process.env[TEST_ENV.databaseUrl] = postgres.url;
  process.env[TEST_ENV.localKafka] = process.env['KAFKA_BROKERS'] ? '0' : '1';
  if (kafka.sasl) process.env[TEST_ENV.kafkaSasl] = JSON.stringify(kafka.sasl);
  if (kafka.principals) process.env[TEST_ENV.kafkaPrincipals] = JSON.stringify(kafka.principals);
  const started = { kafka: kafka.started, postgres: postgres.started };
  (globalThis as { __valleyStarted?: typeof started }).__valleyStarted = started;
  // A child with tsx: global setup runs outside jest's module mapper, which the libs' aliases need.
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'infra/kafka/create-topics.ts')], {
    cwd: root,
    env: { ...process.env, KAFKA_BROKERS: kafka.brokers.join(','), ...kafkaSaslEnv(kafka.sasl) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

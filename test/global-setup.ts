import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureKafka } from '../infra/local/kafka';
import { ensurePostgres } from '../infra/local/postgres';
import { TEST_ENV } from '../libs/testing/src/test-environment';

/**
 * Starts (or reuses) the real Kafka broker and PostgreSQL server for the
 * integration tests and creates the contract's topics. Uses KAFKA_BROKERS and
 * DATABASE_URL where they are set.
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`[test infra] ${line}\n`);
  const [kafka, postgres] = await Promise.all([ensureKafka(log), ensurePostgres(log)]);
  process.env[TEST_ENV.brokers] = kafka.brokers.join(',');
  process.env[TEST_ENV.databaseUrl] = postgres.url;
  process.env[TEST_ENV.localKafka] = process.env['KAFKA_BROKERS'] ? '0' : '1';
  const started = { kafka: kafka.started, postgres: postgres.started };
  (globalThis as { __valleyStarted?: typeof started }).__valleyStarted = started;
  // A child with tsx: global setup runs outside jest's module mapper, which the libs' aliases need.
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'infra/kafka/create-topics.ts')], {
    cwd: root,
    env: { ...process.env, KAFKA_BROKERS: kafka.brokers.join(',') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

import { stopKafka } from '../infra/local/kafka';
import { stopPostgres } from '../infra/local/postgres';

/** Stops what the global setup started, unless VALLEY_TEST_KEEP_INFRA=1 keeps it for the next run. */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __valleyStarted?: { kafka: boolean; postgres: boolean } }).__valleyStarted;
  if (!started || process.env['VALLEY_TEST_KEEP_INFRA'] === '1') return;
  if (started.kafka) await stopKafka();
  if (started.postgres) await stopPostgres();
}

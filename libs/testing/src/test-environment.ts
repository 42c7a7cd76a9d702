/**
 * Where the integration tests find the real Kafka and PostgreSQL: jest's
 * global setup starts (or reuses) them and publishes their addresses here.
 */
export const TEST_ENV = {
  brokers: 'VALLEY_TEST_KAFKA_BROKERS',
  databaseUrl: 'VALLEY_TEST_DATABASE_URL',
  localKafka: 'VALLEY_TEST_LOCAL_KAFKA',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tests through jest (its global setup starts Kafka and PostgreSQL)`);
  return value;
}

export function testKafkaBrokers(): string[] {
  return required(TEST_ENV.brokers).split(',');
}

export function testDatabaseServerUrl(): string {
  return required(TEST_ENV.databaseUrl);
}

/** True when the broker is the project's local one, which tests may stop and start. */
export function isLocalKafka(): boolean {
  return process.env[TEST_ENV.localKafka] === '1';
}

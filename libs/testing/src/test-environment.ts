// Relative, not @valley/messaging: jest's global setup loads this file outside the module mapper.
import { kafkaSaslEnv, type KafkaSasl } from '../../messaging/src/kafka/kafka-client.factory';
/**
 * Where the integration tests find the real Kafka and PostgreSQL: jest's
 * global setup starts (or reuses) them and publishes their addresses here.
 */
export const TEST_ENV = {
  brokers: 'VALLEY_TEST_KAFKA_BROKERS',
  databaseUrl: 'VALLEY_TEST_DATABASE_URL',
  localKafka: 'VALLEY_TEST_LOCAL_KAFKA',
  /** JSON KafkaSasl of the admin principal, when the broker is secured. */
  kafkaSasl: 'VALLEY_TEST_KAFKA_SASL',
  /** JSON of each service's own principal (the local secured broker). */
  kafkaPrincipals: 'VALLEY_TEST_KAFKA_PRINCIPALS',
} as const;

/** A principal the tests may connect as: the admin (super user), a service's own, or the partner registry's. */
export type TestPrincipal = 'admin' | 'enterprise' | 'provisioning' | 'revenue' | 'talent' | 'gateway' | 'partner-registry';

/** The admin's SASL credentials on a secured broker (undefined: an open one). */
export function testKafkaSasl(principal: TestPrincipal = 'admin'): KafkaSasl | undefined {
  const admin = process.env[TEST_ENV.kafkaSasl];
  if (admin === undefined || admin === '') return undefined;
  if (principal === 'admin') return JSON.parse(admin) as KafkaSasl;
  const principals = JSON.parse(process.env[TEST_ENV.kafkaPrincipals] || '{}') as Record<string, KafkaSasl>;
  // A KAFKA_BROKERS cluster gives the tests one principal: services use it too.
  return principals[principal] ?? (JSON.parse(admin) as KafkaSasl);
}

/** The enterprise service's variables for the partner registry's own principal (none on an open broker). */
export function testPartnerRegistryEnv(): Record<string, string> {
  const sasl = testKafkaSasl('partner-registry');
  return sasl ? { PARTNER_REGISTRY_KAFKA_USERNAME: sasl.username, PARTNER_REGISTRY_KAFKA_PASSWORD: sasl.password } : {};
}

/** KAFKA_BROKERS and the SASL variables for a service's config, connecting as `principal`. */
export function testKafkaEnv(principal: TestPrincipal = 'admin'): Record<string, string> {
  return { KAFKA_BROKERS: testKafkaBrokers().join(','), ...kafkaSaslEnv(testKafkaSasl(principal)) };
}

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

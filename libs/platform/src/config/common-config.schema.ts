import { Type } from '@sinclair/typebox';
import { kafkaSaslFromEnv, type KafkaSasl } from '@valley/messaging';
import { ConfigError } from './load-config';

/** Variables every service reads. Mark secrets with `secret: true`: they are never logged. */
export const CommonConfigProperties = {
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL URL of this service\'s own database' }),
  KAFKA_BROKERS: Type.String({ pattern: '^[^,\\s]+(,[^,\\s]+)*$', description: 'comma-separated host:port list' }),
  KAFKA_SASL_MECHANISM: Type.Optional(Type.Union([Type.Literal('scram-sha-512'), Type.Literal('scram-sha-256'), Type.Literal('plain')], { description: 'SASL mechanism of a secured broker; with KAFKA_USERNAME and KAFKA_PASSWORD' })),
  KAFKA_USERNAME: Type.Optional(Type.String({ minLength: 1, description: "this service's Kafka principal (a secured broker)" })),
  KAFKA_PASSWORD: Type.Optional(Type.String({ minLength: 1, secret: true, description: "the principal's SCRAM password" })),
  VALLEY_IDENTITY_SECRET: Type.String({ minLength: 32, secret: true, description: 'shared with the gateway: signs the identity it forwards to subgraphs' }),
  HOST: Type.String({ default: '127.0.0.1', description: 'address to listen on (0.0.0.0 in a container)' }),
  LOG_LEVEL: Type.Union([Type.Literal('debug'), Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')], { default: 'info' }),
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], { default: 'development' }),
};

/**
 * The Kafka SASL credentials of a loaded config: all three variables, or none
 * (an open broker). A partial set stops the start-up with a ConfigError.
 */
export function kafkaSaslOf(config: { KAFKA_SASL_MECHANISM?: string; KAFKA_USERNAME?: string; KAFKA_PASSWORD?: string }): KafkaSasl | undefined {
  try {
    return kafkaSaslFromEnv(config);
  } catch (err) {
    throw new ConfigError([err instanceof Error ? err.message : String(err)]);
  }
}

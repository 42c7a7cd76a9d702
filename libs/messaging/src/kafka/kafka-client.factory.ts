import { Kafka, logLevel, type LogEntry, type logCreator, type SASLOptions } from 'kafkajs';

export type KafkaSaslMechanism = 'scram-sha-512' | 'scram-sha-256' | 'plain';

/** SASL credentials of one principal; absent = an open (PLAINTEXT) broker. */
export interface KafkaSasl {
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  sasl?: KafkaSasl;
  /** Receives kafkajs's own log lines; defaults to silence below WARN. */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string, extra: Record<string, unknown>) => void;
}

const LEVELS: Record<number, 'debug' | 'info' | 'warn' | 'error'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(options: KafkaClientOptions): Kafka {
  const creator: logCreator = () => (entry: LogEntry) => {
    const { message, timestamp: _timestamp, ...extra } = entry.log;
    options.log?.(LEVELS[entry.level] ?? 'info', `kafkajs ${entry.namespace}: ${message}`, extra);
  };
  return new Kafka({
    brokers: options.brokers,
    clientId: options.clientId,
    ...(options.sasl ? { sasl: options.sasl as SASLOptions } : {}),
    logLevel: logLevel.WARN,
    logCreator: creator,
    connectionTimeout: 3000,
    // Keep reconnecting while a broker restarts; the relay and consumers add their own backoff on top.
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
  });
}

/**
 * The SASL credentials named by KAFKA_SASL_MECHANISM, KAFKA_USERNAME and
 * KAFKA_PASSWORD (all three, or none for an open broker).
 */
export function kafkaSaslFromEnv(env: Record<string, string | undefined> = process.env): KafkaSasl | undefined {
  const mechanism = env['KAFKA_SASL_MECHANISM'] || undefined;
  const username = env['KAFKA_USERNAME'] || undefined;
  const password = env['KAFKA_PASSWORD'] || undefined;
  if (mechanism === undefined && username === undefined && password === undefined) return undefined;
  if (mechanism === undefined || username === undefined || password === undefined) {
    throw new Error('KAFKA_SASL_MECHANISM, KAFKA_USERNAME and KAFKA_PASSWORD go together: set all three, or none for an open broker');
  }
  if (mechanism !== 'scram-sha-512' && mechanism !== 'scram-sha-256' && mechanism !== 'plain') {
    throw new Error(`KAFKA_SASL_MECHANISM must be scram-sha-512, scram-sha-256 or plain, not "${mechanism}"`);
  }
  return { mechanism, username, password };
}

/** The environment variables that carry `sasl` (none for an open broker): for a child process or a service's config. */
export function kafkaSaslEnv(sasl: KafkaSasl | undefined): Record<string, string> {
  return sasl ? { KAFKA_SASL_MECHANISM: sasl.mechanism, KAFKA_USERNAME: sasl.username, KAFKA_PASSWORD: sasl.password } : {};
}

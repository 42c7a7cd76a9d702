import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
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
    logLevel: logLevel.WARN,
    logCreator: creator,
    connectionTimeout: 3000,
    // Keep reconnecting while a broker restarts; the relay and consumers add their own backoff on top.
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
  });
}

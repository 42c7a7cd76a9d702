import type { Logger } from 'pino';
import type { KafkaSasl } from '@valley/messaging';

export interface PlatformOptions {
  serviceName: string;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** This service's principal on a secured broker. */
  kafkaSasl?: KafkaSasl;
  logger: Logger;
  /** Run the outbox relay in this process (every service that publishes events does). */
  relayOutbox: boolean;
}

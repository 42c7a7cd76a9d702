import type { Logger } from 'pino';

export interface PlatformOptions {
  serviceName: string;
  databaseUrl: string;
  kafkaBrokers: string[];
  logger: Logger;
  /** Run the outbox relay in this process (every service that publishes events does). */
  relayOutbox: boolean;
}

import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId, type MessagingLogger } from '@valley/messaging';

/**
 * Adds the correlation id of the request or record in progress: one
 * AsyncLocalStorage read per line. A fresh object each time, as pino merges
 * the line's fields into it.
 */
function correlationMixin(): object {
  const correlationId = currentCorrelationId();
  return correlationId === undefined ? {} : { correlationId };
}

/**
 * Structured JSON logs, one line each, with the service name on every line and
 * the correlation id on the lines written while handling a request or record:
 * on stdout, or on `destination` (tests that read what a service logged).
 */
export function createJsonLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: correlationMixin,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger interface over pino, so framework messages are JSON too. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

export function messagingLogger(logger: Logger): MessagingLogger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

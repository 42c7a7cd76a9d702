import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import { correlationMiddleware } from './correlation/correlation.middleware';
import { JsonNestLogger } from './logging/json-logger';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';

export interface ServiceBootstrap {
  module: unknown;
  logger: Logger;
  port: number;
  host?: string;
  /** Largest request body accepted; bigger ones get 413, never a crash. */
  bodyLimit?: string;
}

/** Creates, wires and starts one service's HTTP app; shuts down cleanly on SIGTERM/SIGINT. */
let defaultMetricsCollected = false;

export async function startService(options: ServiceBootstrap): Promise<NestExpressApplication> {
  // Process metrics once per process (tests run several apps in one).
  if (!defaultMetricsCollected) {
    collectDefaultMetrics();
    defaultMetricsCollected = true;
  }
  const app = await NestFactory.create<NestExpressApplication>(options.module as never, { logger: new JsonNestLogger(options.logger) });
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb' });
  app.use(httpMetricsMiddleware);
  // After the body parser (see correlationMiddleware), before every route Nest registers at listen.
  app.use(correlationMiddleware);
  app.enableShutdownHooks();
  const host = options.host ?? '127.0.0.1';
  // Keep idle keep-alive connections longer than the clients in front (gateway, load balancers)
  // keep theirs, so a client never sends on a socket the server is closing.
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(options.port, host);
  options.logger.info({ host, port: options.port }, `listening on http://${host}:${options.port}`);
  return app;
}

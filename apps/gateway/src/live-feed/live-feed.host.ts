import { hostname } from 'node:os';
import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { Gauge, register } from 'prom-client';
import type { TokenVerifier } from '../auth/token-verifier';
import { LiveFeed } from './live-feed';
import type { KafkaSasl } from '@valley/messaging';

export interface LiveFeedHostOptions {
  brokers: string[];
  sasl?: KafkaSasl;
  logger: Logger;
  verifier: TokenVerifier;
  production: boolean;
}

/**
 * The live feed on the gateway's own port: graphql-ws upgrades on /graphql
 * (HTTP POST /graphql stays the federated graph). Consuming before the app
 * listens; stopped before the HTTP server closes, since upgraded sockets
 * would keep it open.
 */
@Injectable()
export class LiveFeedHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly feed: LiveFeed;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    options: LiveFeedHostOptions,
  ) {
    this.feed = new LiveFeed({
      brokers: options.brokers,
      sasl: options.sasl,
      clientId: `valley-gateway-${hostname()}-${process.pid}`,
      logger: options.logger,
      production: options.production,
      // The same Bearer token as over HTTP, in the connection_init payload: { authorization: 'Bearer …' }.
      authenticate: (params) => options.verifier.fromAuthorization(typeof params?.['authorization'] === 'string' ? params['authorization'] : undefined),
    });
  }

  /** Gauges read at scrape time (one set per process; a second gateway in a test process reads the newest feed). */
  private registerMetrics(): void {
    const feed = this.feed;
    for (const [name, help, read] of [
      ['valley_live_feed_subscriptions', 'Active live-feed subscriptions', () => feed.subscriberCount],
      ['valley_live_feed_connections', 'Open live-feed WebSocket connections', () => feed.connectionCount],
    ] as const) {
      register.removeSingleMetric(name);
      new Gauge({ name, help, collect() { this.set(read()); } });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.registerMetrics();
    await this.feed.start();
    this.feed.attach(this.adapterHost.httpAdapter.getHttpServer() as Server, '/graphql');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }
}

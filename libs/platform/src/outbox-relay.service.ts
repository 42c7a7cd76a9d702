import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { OutboxRelay } from '@valley/messaging';
import { messagingLogger } from './logging/json-logger';
import type { PlatformOptions } from './platform-options';
import { JSON_LOGGER, KAFKA_CLIENT, PLATFORM_OPTIONS } from './platform.tokens';

/** Runs the outbox relay for the life of the app: started after boot, stopped on shutdown. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;

  constructor(
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(JSON_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.relayOutbox) return;
    this.relay = new OutboxRelay({ databaseUrl: this.options.databaseUrl, kafka: this.kafka, logger: messagingLogger(this.logger) });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

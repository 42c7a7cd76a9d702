import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KAFKA_CLIENT } from '../platform.tokens';

export interface DependencyStatus {
  status: 'up' | 'down';
  error?: string;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))]);
}

/** Readiness: the service can reach its database and Kafka right now. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
  ) {}

  async check(): Promise<{ ready: boolean; database: DependencyStatus; kafka: DependencyStatus }> {
    const [database, kafka] = await Promise.all([this.probe(() => this.dataSource.query('SELECT 1'), 'database'), this.probe(() => this.describeKafka(), 'kafka')]);
    return { ready: database.status === 'up' && kafka.status === 'up', database, kafka };
  }

  private async probe(fn: () => Promise<unknown>, what: string): Promise<DependencyStatus> {
    try {
      await withTimeout(fn(), what);
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', error: err instanceof Error ? err.message : String(err) };
    }
  }

  private async describeKafka(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Topics } from '@valley/contracts';
import { IDENTITY_HEADER, createJsonLogger, signIdentity, startService, type Identity } from '@valley/platform';
import { createTestDatabase, createTestKafka, positionGroupAtEnd, testKafkaEnv, type TestDatabase } from '@valley/testing';
import { RevenueAppModule } from '../../src/app.module';
import { loadRevenueConfig, type RevenueConfig } from '../../src/revenue.config';

export const SECRET = 'revenue-test-identity-secret-0123456789!!';

type Result<T> = { data: T | null | undefined; errors: Array<{ message: string; extensions: Record<string, unknown> }> | undefined };

/** The revenue service on a fresh database and a consumer group of its own, on the real broker. */
export class RevenueApp {
  private constructor(
    readonly db: TestDatabase,
    private readonly app: NestExpressApplication,
    readonly url: string,
    private readonly config: RevenueConfig,
  ) {}

  static async start(): Promise<RevenueApp> {
    const db = await createTestDatabase('revenue', []);
    const prefix = `valley-revenue.test-${randomBytes(4).toString('hex')}`;
    // The lifecycle and charges topics hold other tests' events: this service starts after them.
    const kafka = createTestKafka();
    await positionGroupAtEnd(kafka, `${prefix}.projections`, Topics.EnterpriseLifecycle);
    await positionGroupAtEnd(kafka, `${prefix}.projections`, Topics.FlowCharges);
    const config = loadRevenueConfig({
      DATABASE_URL: db.url,
      ...testKafkaEnv('revenue'),
      PORT: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      VALLEY_IDENTITY_SECRET: SECRET,
      REVENUE_CONSUMER_GROUP_PREFIX: prefix,
    });
    const logger = createJsonLogger('revenue-test', 'warn');
    const app = await startService({ module: RevenueAppModule.forRoot(config, logger), logger, port: 0 });
    return new RevenueApp(db, app, `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`, config);
  }

  /** The service's own parts, for tests that drive a scheduler's run by hand. */
  get<T>(type: new (...args: never[]) => T): T {
    return this.app.get(type);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, identity: Identity): Promise<Result<T>> {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(identity, this.config.VALLEY_IDENTITY_SECRET) }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as Result<T>;
  }
}

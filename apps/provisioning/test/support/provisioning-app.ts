import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Topics } from '@valley/contracts';
import { IDENTITY_HEADER, createJsonLogger, signIdentity, startService, type Identity } from '@valley/platform';
import { createTestDatabase, createTestKafka, positionGroupAtEnd, testKafkaEnv, type TestDatabase } from '@valley/testing';
import { ProvisioningAppModule } from '../../src/app.module';
import { loadProvisioningConfig, type ProvisioningConfig } from '../../src/provisioning.config';

/** The provisioning service on a fresh database and consumer groups of its own, on the real broker. */
export class ProvisioningApp {
  private constructor(
    readonly db: TestDatabase,
    private app: NestExpressApplication,
    public url: string,
    private readonly config: ProvisioningConfig,
  ) {}

  static async start(identitySecret: string): Promise<ProvisioningApp> {
    const db = await createTestDatabase('provisioning', []);
    const groupPrefix = `valley-provisioning.test-${randomBytes(4).toString('hex')}`;
    // Other tests' enterprises and records are on the shared topics: this service starts after them.
    await positionGroupAtEnd(createTestKafka(), `${groupPrefix}.enterprise-lifecycle`, Topics.EnterpriseLifecycle);
    await positionGroupAtEnd(createTestKafka(), `${groupPrefix}.usage-records`, Topics.FlowUsageRecords);
    const config = loadProvisioningConfig({
      DATABASE_URL: db.url,
      ...testKafkaEnv('provisioning'),
      PORT: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      VALLEY_IDENTITY_SECRET: identitySecret,
      PROVISIONING_CONSUMER_GROUP_PREFIX: groupPrefix,
    });
    const { app, url } = await ProvisioningApp.boot(config);
    return new ProvisioningApp(db, app, url, config);
  }

  private static async boot(config: ProvisioningConfig): Promise<{ app: NestExpressApplication; url: string }> {
    const logger = createJsonLogger('provisioning-test', 'warn');
    const app = await startService({ module: ProvisioningAppModule.forRoot(config, logger), logger, port: 0 });
    return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql` };
  }

  /** Stops the service and starts it again on the same database and consumer groups. */
  async restart(): Promise<void> {
    await this.app.close();
    const { app, url } = await ProvisioningApp.boot(this.config);
    this.app = app;
    this.url = url;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, identity: Identity): Promise<{ data: T | null | undefined; errors: Array<{ message: string; extensions: Record<string, unknown> }> | undefined }> {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(identity, this.config.VALLEY_IDENTITY_SECRET) }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data: T | null | undefined; errors: Array<{ message: string; extensions: Record<string, unknown> }> | undefined };
  }
}

export const CREATE_POOL = 'mutation P($input: CreatePoolInput!) { createPool(input: $input) { id name capacityMbps allocatedMbps } }';
export const CREATE_PLAN = 'mutation C($name: String!, $terms: PlanTermsInput!) { createPlan(name: $name, terms: $terms) { id currentVersion } }';
export const ALLOCATIONS = 'query A($enterpriseId: ID) { allocations(enterpriseId: $enterpriseId) { id enterpriseId status poolId planId bandwidthMbps pendingReason } }';
export const POOLS = 'query { pools { id name capacityMbps allocatedMbps utilisationPercent } }';

export function planTerms(bandwidthMbps: number, monthlyIncludedBytes = '1000000000000'): Record<string, unknown> {
  return { bandwidthMbps, monthlyIncludedBytes, parkPriceFenPerGb: '30', marketPriceFenPerGb: '120', overagePolicy: 'bill' };
}

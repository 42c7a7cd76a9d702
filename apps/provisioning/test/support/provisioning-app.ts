import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IDENTITY_HEADER, createJsonLogger, signIdentity, startService, type Identity } from '@valley/platform';
import { Topics } from '@valley/contracts';
import { createTestDatabase, createTestKafka, positionGroupAtEnd, testKafkaBrokers, type TestDatabase } from '@valley/testing';
import { ProvisioningAppModule } from '../../src/app.module';
import { loadProvisioningConfig } from '../../src/provisioning.config';

/** The provisioning service on a fresh database and a consumer group of its own, on the real broker. */
export class ProvisioningApp {
  private constructor(
    readonly db: TestDatabase,
    private readonly app: NestExpressApplication,
    readonly url: string,
    private readonly secret: string,
  ) {}

  static async start(identitySecret: string): Promise<ProvisioningApp> {
    const db = await createTestDatabase('provisioning', []);
    const groupPrefix = `test-provisioning-${randomBytes(4).toString('hex')}`;
    // Other tests' enterprises are on the shared lifecycle topic: this service starts after them.
    await positionGroupAtEnd(createTestKafka(), `${groupPrefix}.enterprise-lifecycle`, Topics.EnterpriseLifecycle);
    await positionGroupAtEnd(createTestKafka(), `${groupPrefix}.usage-records`, Topics.FlowUsageRecords);
    const config = loadProvisioningConfig({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      PORT: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      VALLEY_IDENTITY_SECRET: identitySecret,
      PROVISIONING_CONSUMER_GROUP_PREFIX: groupPrefix,
    });
    const logger = createJsonLogger('provisioning-test', 'warn');
    const app = await startService({ module: ProvisioningAppModule.forRoot(config, logger), logger, port: 0 });
    return new ProvisioningApp(db, app, `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`, identitySecret);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, identity: Identity): Promise<{ data: T | null | undefined; errors: Array<{ message: string; extensions: Record<string, unknown> }> | undefined }> {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(identity, this.secret) }, body: JSON.stringify({ query, variables }) });
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

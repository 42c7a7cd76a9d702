import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IDENTITY_HEADER, createJsonLogger, signIdentity, startService, type Identity } from '@valley/platform';
import { createTestDatabase, testKafkaEnv, testPartnerRegistryEnv, type TestDatabase } from '@valley/testing';
import { EnterpriseAppModule } from '../../src/app.module';
import { loadEnterpriseConfig } from '../../src/enterprise.config';
import { checkCharacter } from '../../src/onboarding/domain/uscc';

export const IDENTITY_SECRET = 'enterprise-test-identity-secret-0123456789';

export interface GraphqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: Array<{ message: string; extensions: Record<string, unknown> }> | undefined;
}

/** The enterprise service on a fresh database, on the real broker, called over HTTP like the gateway does. */
export class EnterpriseApp {
  private constructor(
    readonly db: TestDatabase,
    private readonly app: NestExpressApplication,
    readonly url: string,
  ) {}

  static async start(): Promise<EnterpriseApp> {
    const db = await createTestDatabase('enterprise', []);
    const config = loadEnterpriseConfig({ DATABASE_URL: db.url, ...testKafkaEnv('enterprise'), ...testPartnerRegistryEnv(), PORT: '1', NODE_ENV: 'test', LOG_LEVEL: 'warn', VALLEY_IDENTITY_SECRET: IDENTITY_SECRET });
    const logger = createJsonLogger('enterprise-test', 'warn');
    const app = await startService({ module: EnterpriseAppModule.forRoot(config, logger), logger, port: 0 });
    return new EnterpriseApp(db, app, `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }

  /** Sends an operation as `identity` (signed as the gateway would), or with `rawIdentityHeader` as given. */
  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, identity?: Identity, rawIdentityHeader?: string): Promise<GraphqlResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const header = rawIdentityHeader ?? (identity ? signIdentity(identity, IDENTITY_SECRET) : undefined);
    if (header) headers[IDENTITY_HEADER] = header;
    const res = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T | null; errors?: GraphqlResult['errors'] };
    return { status: res.status, data: body.data, errors: body.errors };
  }
}

export const admin: Identity = { subject: 'admin-1', role: 'park-admin' };

export function applicant(): Identity {
  return { subject: `applicant-${randomUUID()}`, role: 'enterprise' };
}

/** A valid USCC no other run used: random organisation code, computed check character. */
export function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const org = Array.from({ length: 9 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
  const first17 = `91140100${org}`;
  return first17 + checkCharacter(first17);
}

export function applicationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '太原云数直播电商有限公司',
    uscc: freshUscc(),
    legalRepresentative: '王五',
    contactPhone: '13912345678',
    contactEmail: 'ops@example.cn',
    industry: 'live-commerce',
    registeredCapitalFen: '500000000',
    plannedBandwidthMbps: 200,
    plannedMonthlyTrafficBytes: '5497558138880',
    headcount: 40,
    ...overrides,
  };
}

export const ENTERPRISE_FIELDS = 'id status uscc name reviewerSubject admittedMonth exitDate';

export const SUBMIT = `mutation Submit($input: SubmitApplicationInput!) { submitEnterpriseApplication(input: $input) { ${ENTERPRISE_FIELDS} } }`;

/** Submits as `who` and returns the new enterprise's id. */
export async function submitted(app: EnterpriseApp, who: Identity, overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await app.graphql<{ submitEnterpriseApplication: { id: string } }>(SUBMIT, { input: applicationInput(overrides) }, who);
  if (!result.data?.submitEnterpriseApplication) throw new Error(`submit failed: ${JSON.stringify(result.errors)}`);
  return result.data.submitEnterpriseApplication.id;
}

/** Runs an admin step mutation (`takeApplicationIntoReview(enterpriseId: $id)`, …) and returns the result. */
export function step(app: EnterpriseApp, mutation: string, id: string, args: Record<string, string> = {}, who: Identity = admin): Promise<GraphqlResult<Record<string, { status: string } | null>>> {
  const declared = Object.keys(args).map((k) => `, $${k}: String!`).join('');
  const passed = Object.keys(args).map((k) => `, ${k}: $${k}`).join('');
  return app.graphql(`mutation Step($id: ID!${declared}) { ${mutation}(enterpriseId: $id${passed}) { ${ENTERPRISE_FIELDS} } }`, { id, ...args }, who);
}

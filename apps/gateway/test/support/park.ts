import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { Topics } from '@valley/contracts';
import { createJsonLogger, type Identity } from '@valley/platform';
import { createTestDatabase, createTestKafka, inOwnModuleRegistry, positionGroupAtEnd, testKafkaEnv, testPartnerRegistryEnv, type TestDatabase } from '@valley/testing';
import { issueLocalToken } from '../../src/auth/local-token';
import { startGateway, type RunningGateway } from '../../src/gateway';
import { loadGatewayConfig, SUBGRAPHS, type GatewayConfig, type SubgraphName } from '../../src/gateway.config';

export const IDENTITY_SECRET = 'gateway-test-identity-secret-0123456789!!';
export const JWT_SECRET = 'gateway-test-jwt-secret-0123456789-abcdef';
const ID_HASH_SECRET = 'gateway-test-national-id-hash-secret-0123456789';

export interface Subgraph {
  name: SubgraphName;
  url: string;
  app: NestExpressApplication;
  db: TestDatabase;
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: Array<{ message: string; path?: unknown[]; extensions: Record<string, unknown> }> | undefined;
}

/**
 * The whole park for a test: the four services, each on a fresh database
 * with consumer groups of its own that start after other tests' events, all
 * on the real broker; and, when asked, the gateway in front of them.
 */
export class Park {
  gateway?: RunningGateway;
  gatewayConfig?: GatewayConfig;
  readonly logLines: string[] = [];

  private constructor(readonly subgraphs: Record<SubgraphName, Subgraph>) {}

  static async start(): Promise<Park> {
    const tag = randomBytes(4).toString('hex');
    const kafka = createTestKafka();
    const common = { PORT: '1', NODE_ENV: 'test', LOG_LEVEL: 'warn', VALLEY_IDENTITY_SECRET: IDENTITY_SECRET } as const;
    // Each service connects as its own principal: its ACLs allow groups under valley-<service>.
    const prefixes = { provisioning: `valley-provisioning.test-gw-${tag}`, revenue: `valley-revenue.test-gw-${tag}`, talent: `valley-talent.test-gw-${tag}` };
    // Other tests' events are on the shared topics: these services start after them.
    await Promise.all([
      positionGroupAtEnd(kafka, `${prefixes.provisioning}.enterprise-lifecycle`, Topics.EnterpriseLifecycle),
      positionGroupAtEnd(kafka, `${prefixes.provisioning}.usage-records`, Topics.FlowUsageRecords),
      positionGroupAtEnd(kafka, `${prefixes.revenue}.projections`, Topics.EnterpriseLifecycle).then(() => positionGroupAtEnd(kafka, `${prefixes.revenue}.projections`, Topics.FlowCharges)),
      positionGroupAtEnd(kafka, `${prefixes.talent}.projections`, Topics.EnterpriseLifecycle),
    ]);
    const boot = async (name: SubgraphName, env: Record<string, string>): Promise<Subgraph> => {
      const kafkaEnv = testKafkaEnv(name);
      const db = await createTestDatabase(name, []);
      const app = await startIsolated(name, { ...common, ...kafkaEnv, ...env, DATABASE_URL: db.url });
      return { name, db, app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql` };
    };
    // One at a time: each starts in a module registry of its own.
    const started = [
      await boot('enterprise', testPartnerRegistryEnv()),
      await boot('provisioning', { PROVISIONING_CONSUMER_GROUP_PREFIX: prefixes.provisioning }),
      await boot('revenue', { REVENUE_CONSUMER_GROUP_PREFIX: prefixes.revenue }),
      await boot('talent', { TALENT_CONSUMER_GROUP_PREFIX: prefixes.talent, TALENT_ID_HASH_SECRET: ID_HASH_SECRET }),
    ];
    return new Park(Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, Subgraph>);
  }

  /** The gateway over these services; `env` overrides its configuration (NODE_ENV=production, limits…). */
  async startGateway(env: Record<string, string> = {}, supergraphSdl?: string): Promise<RunningGateway> {
    const config = loadGatewayConfig({
      PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      ...testKafkaEnv('gateway'),
      VALLEY_IDENTITY_SECRET: IDENTITY_SECRET,
      GATEWAY_JWT_SECRET: JWT_SECRET,
      GATEWAY_RATE_LIMIT_PER_SECOND: '1000',
      GATEWAY_RATE_LIMIT_BURST: '1000',
      ...Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, this.subgraphs[s.name].url])),
      ...env,
    });
    const logger = createJsonLogger('gateway-test', config.LOG_LEVEL, { write: (line: string) => void this.logLines.push(line) });
    this.gatewayConfig = config;
    this.gateway = await startGateway(config, logger, supergraphSdl);
    return this.gateway;
  }

  async stopGateway(): Promise<void> {
    await this.gateway?.stop();
    this.gateway = undefined;
  }

  async stop(): Promise<void> {
    await this.stopGateway();
    await Promise.all(Object.values(this.subgraphs).map(async (s) => {
      await s.app.close();
      await s.db.drop();
    }));
  }

  /** A token the test gateway accepts. */
  token(identity: Identity, options: { ttlSeconds?: number; now?: number; secret?: string } = {}): Promise<string> {
    return issueLocalToken(identity, { secret: options.secret ?? JWT_SECRET, ttlSeconds: options.ttlSeconds, now: options.now });
  }

  /** An operation through the gateway as `identity` (a token made for it), with a raw token, or with no Authorization at all (null). */
  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, as: Identity | { token: string } | null, headers: Record<string, string> = {}): Promise<GraphqlResponse<T>> {
    if (!this.gateway) throw new Error('the gateway is not started');
    const token = as === null ? undefined : 'token' in as ? as.token : await this.token(as);
    const res = await fetch(this.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: { data?: T | null; errors?: GraphqlResponse['errors'] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`the gateway answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
    }
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
  }

  /** Like graphql, failing the test on any error. */
  async ok<T>(query: string, variables: Record<string, unknown>, as: Identity): Promise<T> {
    const result = await this.graphql<T>(query, variables, as);
    if (result.errors || !result.data) throw new Error(`unexpected GraphQL errors (${result.status}): ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** The SDL a running subgraph serves (what a gateway composing at runtime would see). */
  async subgraphSdl(name: SubgraphName): Promise<string> {
    const res = await fetch(this.subgraphs[name].url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
    const body = (await res.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
    if (!body.data) throw new Error(`${name} did not give its SDL: ${JSON.stringify(body.errors)}`);
    return body.data._service.sdl;
  }
}

/** Each service's module loader: its app module and config loader, by the names its files export. */
const SERVICE_MODULES: Record<SubgraphName, { module: string; moduleExport: string; config: string; configExport: string }> = {
  enterprise: { module: '../../../enterprise/src/app.module', moduleExport: 'EnterpriseAppModule', config: '../../../enterprise/src/enterprise.config', configExport: 'loadEnterpriseConfig' },
  provisioning: { module: '../../../provisioning/src/app.module', moduleExport: 'ProvisioningAppModule', config: '../../../provisioning/src/provisioning.config', configExport: 'loadProvisioningConfig' },
  revenue: { module: '../../../revenue/src/app.module', moduleExport: 'RevenueAppModule', config: '../../../revenue/src/revenue.config', configExport: 'loadRevenueConfig' },
  talent: { module: '../../../talent/src/app.module', moduleExport: 'TalentAppModule', config: '../../../talent/src/talent.config', configExport: 'loadTalentConfig' },
};

/** Starts one service with a module registry of its own (see inOwnModuleRegistry). */
function startIsolated(name: SubgraphName, env: Record<string, string>): Promise<NestExpressApplication> {
  return inOwnModuleRegistry(async () => {
    const spec = SERVICE_MODULES[name];
    /* eslint-disable @typescript-eslint/no-require-imports */
    const platform = require('@valley/platform') as typeof import('@valley/platform');
    const appModule = (require(spec.module) as Record<string, { forRoot(config: unknown, logger: Logger): unknown }>)[spec.moduleExport]!;
    const loadConfig = (require(spec.config) as Record<string, (env: NodeJS.ProcessEnv) => unknown>)[spec.configExport]!;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const logger = platform.createJsonLogger(`${name}-test`, 'warn');
    return platform.startService({ module: appModule.forRoot(loadConfig(env), logger), logger, port: 0 });
  });
}

export const admin: Identity = { subject: 'admin-1', role: 'park-admin' };

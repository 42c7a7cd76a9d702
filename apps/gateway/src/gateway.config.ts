import { Type, type Static } from '@sinclair/typebox';
import { CommonConfigProperties, ConfigError, loadConfig } from '@valley/platform';

/** The subgraphs the supergraph is composed of, with their local addresses (`npm start`). */
export const SUBGRAPHS = [
  { name: 'enterprise', localUrl: 'http://127.0.0.1:4001/graphql' },
  { name: 'provisioning', localUrl: 'http://127.0.0.1:4002/graphql' },
  { name: 'revenue', localUrl: 'http://127.0.0.1:4003/graphql' },
  { name: 'talent', localUrl: 'http://127.0.0.1:4004/graphql' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

const url = (description: string) => Type.String({ pattern: '^https?://', description });

export const GatewayConfigSchema = Type.Object({
  HOST: CommonConfigProperties.HOST,
  LOG_LEVEL: CommonConfigProperties.LOG_LEVEL,
  NODE_ENV: CommonConfigProperties.NODE_ENV,
  KAFKA_BROKERS: CommonConfigProperties.KAFKA_BROKERS,
  KAFKA_SASL_MECHANISM: CommonConfigProperties.KAFKA_SASL_MECHANISM,
  KAFKA_USERNAME: CommonConfigProperties.KAFKA_USERNAME,
  KAFKA_PASSWORD: CommonConfigProperties.KAFKA_PASSWORD,
  VALLEY_IDENTITY_SECRET: CommonConfigProperties.VALLEY_IDENTITY_SECRET,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4000 }),
  SUBGRAPH_ENTERPRISE_URL: url('the enterprise subgraph'),
  SUBGRAPH_PROVISIONING_URL: url('the provisioning subgraph'),
  SUBGRAPH_REVENUE_URL: url('the revenue subgraph'),
  SUBGRAPH_TALENT_URL: url('the talent subgraph'),
  /** HS256 tokens (local use): the shared secret. */
  GATEWAY_JWT_SECRET: Type.Optional(Type.String({ minLength: 32, secret: true, description: 'HS256 key of local tokens (npm run token); 32+ characters' })),
  /** RS256 tokens (production): the identity provider's key set. */
  GATEWAY_JWKS_URL: Type.Optional(url('JWKS of the identity provider: RS256 tokens')),
  GATEWAY_JWT_ISSUER: Type.String({ minLength: 1, default: 'valley-local', description: 'the iss every token must carry' }),
  GATEWAY_JWT_AUDIENCE: Type.String({ minLength: 1, default: 'valley-portal', description: 'the aud every token must carry' }),
  /** Requests per second each identity may keep up, and the burst above it. */
  GATEWAY_RATE_LIMIT_PER_SECOND: Type.Number({ exclusiveMinimum: 0, maximum: 100000, default: 20 }),
  GATEWAY_RATE_LIMIT_BURST: Type.Integer({ minimum: 1, maximum: 1000000, default: 60 }),
  GATEWAY_MAX_DEPTH: Type.Integer({ minimum: 2, maximum: 50, default: 10 }),
  GATEWAY_MAX_COST: Type.Integer({ minimum: 10, maximum: 1000000, default: 5000 }),
  GATEWAY_MAX_ALIASES: Type.Integer({ minimum: 0, maximum: 1000, default: 20 }),
  GATEWAY_BODY_LIMIT: Type.String({ pattern: '^[0-9]+(b|kb|mb)$', default: '1mb' }),
  /** Introspection and the in-browser IDE; on by default except in production. */
  GATEWAY_INTROSPECTION: Type.Optional(Type.Boolean()),
  /** The management portal's built files (vite build); served at /portal/. */
  PORTAL_DIR: Type.String({ minLength: 1, default: 'dist/portal', description: 'the portal build (relative to the working directory, or absolute)' }),
  /** Production sign-in: the park's OIDC provider (authorization code + PKCE in the browser). */
  PORTAL_OIDC_ISSUER: Type.Optional(Type.String({ pattern: '^https?://', description: 'OIDC issuer URL the portal signs in with' })),
  PORTAL_OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, description: 'the portal\'s public client id at the OIDC provider' })),
  PORTAL_OIDC_SCOPE: Type.String({ minLength: 1, default: 'openid profile', description: 'scopes the portal asks for' }),
  /** Extra authorize parameter some providers need to mint an access token for the gateway (aud). */
  PORTAL_OIDC_RESOURCE: Type.Optional(Type.String({ minLength: 1, description: 'sent as `resource`/`audience` on the authorize request' })),
});

export type GatewayConfig = Static<typeof GatewayConfigSchema> & {
  introspection: boolean;
  production: boolean;
  /** The portal's pick-a-role sign-in (tokens under GATEWAY_JWT_SECRET): never in production. */
  localSignIn: boolean;
};

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  // Subgraph addresses default to the local ones (npm start).
  const withDefaults: NodeJS.ProcessEnv = { ...env };
  for (const s of SUBGRAPHS) {
    const key = subgraphUrlVariable(s.name);
    if (!withDefaults[key]) withDefaults[key] = s.localUrl;
  }
  const config = loadConfig(GatewayConfigSchema, withDefaults);
  if (!config.GATEWAY_JWT_SECRET && !config.GATEWAY_JWKS_URL) {
    throw new ConfigError(['GATEWAY_JWT_SECRET (HS256, local) or GATEWAY_JWKS_URL (RS256, production) is required: without either no token could be verified']);
  }
  if (Boolean(config.PORTAL_OIDC_ISSUER) !== Boolean(config.PORTAL_OIDC_CLIENT_ID)) {
    throw new ConfigError(['PORTAL_OIDC_ISSUER and PORTAL_OIDC_CLIENT_ID go together: the portal needs both to sign in with the park\'s OIDC provider']);
  }
  const production = config.NODE_ENV === 'production';
  if (production && config.PORTAL_OIDC_ISSUER && !config.GATEWAY_JWKS_URL) {
    throw new ConfigError(['PORTAL_OIDC_ISSUER needs GATEWAY_JWKS_URL: the gateway could not verify the provider\'s tokens']);
  }
  return { ...config, production, introspection: config.GATEWAY_INTROSPECTION ?? !production, localSignIn: !production && Boolean(config.GATEWAY_JWT_SECRET) };
}

export function subgraphUrlVariable(name: SubgraphName): 'SUBGRAPH_ENTERPRISE_URL' | 'SUBGRAPH_PROVISIONING_URL' | 'SUBGRAPH_REVENUE_URL' | 'SUBGRAPH_TALENT_URL' {
  return `SUBGRAPH_${name.toUpperCase()}_URL` as ReturnType<typeof subgraphUrlVariable>;
}

export function subgraphUrls(config: GatewayConfig): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPHS.map((s) => [s.name, config[subgraphUrlVariable(s.name)]])) as Record<SubgraphName, string>;
}

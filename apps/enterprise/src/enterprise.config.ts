import { Type, type Static } from '@sinclair/typebox';
import { CommonConfigProperties, loadConfig } from '@valley/platform';
import { DEFAULT_INDUSTRIES } from './onboarding/domain/industries';

export const EnterpriseConfigSchema = Type.Object({
  ...CommonConfigProperties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 4001 }),
  /** The partner registry's own Kafka principal (ALTER on the cluster); the service's own when unset. */
  PARTNER_REGISTRY_KAFKA_USERNAME: Type.Optional(Type.String({ minLength: 1, description: "the partner registry's Kafka principal: creates partners' credentials and ACLs" })),
  PARTNER_REGISTRY_KAFKA_PASSWORD: Type.Optional(Type.String({ minLength: 1, secret: true })),
  ENTERPRISE_INDUSTRIES: Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', default: DEFAULT_INDUSTRIES.join(',') }),
});

export type EnterpriseConfig = Static<typeof EnterpriseConfigSchema>;

export function loadEnterpriseConfig(env: NodeJS.ProcessEnv = process.env): EnterpriseConfig {
  return loadConfig(EnterpriseConfigSchema, env);
}

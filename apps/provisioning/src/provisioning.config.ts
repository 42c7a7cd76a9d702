import { Type, type Static } from '@sinclair/typebox';
import { CommonConfigProperties, loadConfig } from '@valley/platform';

export const ProvisioningConfigSchema = Type.Object({
  ...CommonConfigProperties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 4002 }),
  /** Kafka consumer groups are `<prefix>.<stream>`; DO NOT CHANGE in production (offsets live under it). */
  PROVISIONING_CONSUMER_GROUP_PREFIX: Type.String({ pattern: '^[a-z0-9._-]+$', default: 'valley-provisioning' }),
});

export type ProvisioningConfig = Static<typeof ProvisioningConfigSchema>;

export function loadProvisioningConfig(env: NodeJS.ProcessEnv = process.env): ProvisioningConfig {
  return loadConfig(ProvisioningConfigSchema, env);
}

import { Type, type Static } from '@sinclair/typebox';
import { CommonConfigProperties, loadConfig } from '@valley/platform';
import { DEFAULT_INDUSTRIES } from './onboarding/domain/industries';

export const EnterpriseConfigSchema = Type.Object({
  ...CommonConfigProperties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 4001 }),
  ENTERPRISE_INDUSTRIES: Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$', default: DEFAULT_INDUSTRIES.join(',') }),
});

export type EnterpriseConfig = Static<typeof EnterpriseConfigSchema>;

export function loadEnterpriseConfig(env: NodeJS.ProcessEnv = process.env): EnterpriseConfig {
  return loadConfig(EnterpriseConfigSchema, env);
}

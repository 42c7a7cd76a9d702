import { Type } from '@sinclair/typebox';

/** Variables every service reads. Mark secrets with `secret: true`: they are never logged. */
export const CommonConfigProperties = {
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL URL of this service\'s own database' }),
  KAFKA_BROKERS: Type.String({ pattern: '^[^,\\s]+(,[^,\\s]+)*$', description: 'comma-separated host:port list' }),
  VALLEY_IDENTITY_SECRET: Type.String({ minLength: 32, secret: true, description: 'shared with the gateway: signs the identity it forwards to subgraphs' }),
  HOST: Type.String({ default: '127.0.0.1', description: 'address to listen on (0.0.0.0 in a container)' }),
  LOG_LEVEL: Type.Union([Type.Literal('debug'), Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')], { default: 'info' }),
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], { default: 'development' }),
};

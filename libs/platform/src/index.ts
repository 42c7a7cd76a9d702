export * from './config/load-config';
export * from './config/common-config.schema';
export * from './logging/json-logger';
export * from './platform.module';
export * from './platform-options';
export * from './platform.tokens';
export * from './bootstrap';
export * from './graphql/user-error';
export * from './graphql/graphql-error.formatter';
export * from './identity/identity';
export * from './identity/forwarded-identity';
export * from './identity/identity.guard';
export * from './graphql/user-error.filter';
export * from './graphql/subgraph-graphql.module';
export * from './metrics/metrics.controller';
export * from './metrics/http-metrics.middleware';
export * from './correlation/correlation.middleware';
// The request scope itself lives in libs/messaging (the outbox writer reads it); re-exported for HTTP-only users.
export { acceptCorrelationId, currentCorrelationId, isValidCorrelationId, runWithCorrelationId } from '@valley/messaging';

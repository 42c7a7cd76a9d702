export * from './common.schema';
export * from './enterprise-lifecycle.events';
export * from './flow.events';
export * from './revenue.events';
export * from './talent.events';
export * from './partner-registry.events';

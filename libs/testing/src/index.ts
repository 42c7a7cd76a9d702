export * from './test-environment';
export * from './wait-for';
export * from './test-database';
export * from './test-kafka';
export * from './own-registry';

export * from './topics';
export * from './event-catalog';
export * from './cloud-event';
export * from './contract-violation.error';
export * from './contract-validator';
export * from './usage-record';
export * as EventSchemas from './events/schemas';
export * from './park-time';

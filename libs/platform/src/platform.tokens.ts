/** Injection tokens of the platform module. */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const JSON_LOGGER = Symbol('JSON_LOGGER');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');

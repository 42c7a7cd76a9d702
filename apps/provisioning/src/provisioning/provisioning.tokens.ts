/** Prefix of this service's Kafka consumer group ids. */
export const CONSUMER_GROUP_PREFIX = Symbol('CONSUMER_GROUP_PREFIX');

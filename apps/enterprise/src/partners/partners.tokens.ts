/** PartnerKafkaOptions: the brokers and the registry's own principal. */
export const PARTNER_KAFKA = Symbol('PARTNER_KAFKA');

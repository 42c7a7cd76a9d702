import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum PartnerKindGql {
  carrier = 'carrier',
  statistics_bureau = 'statistics_bureau',
  bank = 'bank',
  other = 'other',
}
registerEnumType(PartnerKindGql, { name: 'PartnerKind', description: 'a carrier also writes usage records' });

export enum PartnerStatusGql {
  active = 'active',
  revoked = 'revoked',
}
registerEnumType(PartnerStatusGql, { name: 'PartnerStatus' });

/** A partner system as administrators see it: never its password. */
@ObjectType('Partner')
export class PartnerType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => PartnerKindGql) kind!: PartnerKindGql;
  @Field(() => [String], { description: 'public topics it reads' }) topics!: string[];
  @Field(() => [String], { description: 'topics it writes (a carrier: the usage records)' }) writes!: string[];
  @Field({ description: 'its Kafka SASL/SCRAM-SHA-512 user name' }) username!: string;
  @Field({ description: 'the consumer groups it may use: ids starting with this' }) groupPrefix!: string;
  @Field(() => PartnerStatusGql) status!: PartnerStatusGql;
  @Field() registeredAt!: Date;
  @Field() registeredBy!: string;
  @Field({ nullable: true }) credentialsRotatedAt?: Date;
  @Field({ nullable: true }) revokedAt?: Date;
  @Field({ nullable: true }) revokedReason?: string;
}

@ObjectType('PartnerCredentials', { description: 'Shown once: the password is kept nowhere, so a lost one is rotated, not recovered.' })
export class PartnerCredentialsType {
  @Field(() => PartnerType) partner!: PartnerType;
  @Field() username!: string;
  @Field() password!: string;
  @Field({ description: 'the SASL mechanism to configure in the partner\'s client' }) mechanism!: string;
  @Field({ description: 'false on an open local broker: nothing enforces the ACLs there' }) aclsEnforced!: boolean;
}

@ObjectType('PartnerAuditEntry')
export class PartnerAuditEntryType {
  @Field() action!: string;
  @Field({ description: 'who made the change' }) actorSubject!: string;
  @Field({ description: 'what changed, as JSON' }) details!: string;
  @Field({ nullable: true }) correlationId?: string;
  @Field() at!: Date;
}

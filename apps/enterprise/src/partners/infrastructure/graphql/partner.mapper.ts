import type { IssuedCredentials } from '../../application/partner-registry.service';
import type { Partner } from '../../domain/partner';
import type { PartnerAuditEntity } from '../persistence/partner-audit.entity';
import type { PartnerKafkaAccess } from '../kafka/partner-kafka-access';
import { PartnerAuditEntryType, PartnerCredentialsType, PartnerKindGql, PartnerStatusGql, PartnerType } from './partner.type';

/** The API spells kinds with underscores (GraphQL enum values); the domain and events with hyphens. */
export function fromKindGql(kind: PartnerKindGql): string {
  return kind.replace(/_/g, '-');
}

export function toPartnerType(partner: Partner, kafka: PartnerKafkaAccess): PartnerType {
  const access = kafka.accessOf(partner);
  return {
    id: partner.id,
    name: partner.name,
    kind: partner.kind.replace(/-/g, '_') as PartnerKindGql,
    topics: partner.topics,
    writes: [...access.writes],
    username: partner.username,
    groupPrefix: access.groupPrefix,
    status: partner.status as PartnerStatusGql,
    registeredAt: partner.registeredAt,
    registeredBy: partner.registeredBy,
    ...(partner.credentialsRotatedAt ? { credentialsRotatedAt: partner.credentialsRotatedAt } : {}),
    ...(partner.revokedAt ? { revokedAt: partner.revokedAt } : {}),
    ...(partner.revokedReason ? { revokedReason: partner.revokedReason } : {}),
  };
}

export function toCredentialsType(issued: IssuedCredentials, kafka: PartnerKafkaAccess): PartnerCredentialsType {
  return { partner: toPartnerType(issued.partner, kafka), username: issued.partner.username, password: issued.password, mechanism: 'SCRAM-SHA-512', aclsEnforced: issued.aclsEnforced };
}

export function toAuditEntryType(row: PartnerAuditEntity): PartnerAuditEntryType {
  return { action: row.action, actorSubject: row.actorSubject, details: JSON.stringify(row.details), ...(row.correlationId ? { correlationId: row.correlationId } : {}), at: row.at };
}

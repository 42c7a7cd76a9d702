import type { PartnerKind, Topic } from '@valley/contracts';
import type { Partner, PartnerStatus } from '../../domain/partner';
import type { PartnerEntity } from './partner.entity';

export function toPartner(row: PartnerEntity): Partner {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as PartnerKind,
    topics: row.topics as Topic[],
    username: row.username,
    status: row.status as PartnerStatus,
    registeredAt: row.registeredAt,
    registeredBy: row.registeredBy,
    credentialsRotatedAt: row.credentialsRotatedAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
}

import { PUBLIC_TOPICS, type PartnerKind, type Topic } from '@valley/contracts';
import { PartnerError, PartnerErrorCode } from './partner.error';

export const PARTNER_KINDS: readonly PartnerKind[] = ['carrier', 'statistics-bureau', 'bank', 'other'];

export type PartnerStatus = 'active' | 'revoked';

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  /** Public topics it may read. */
  topics: Topic[];
  /** Its Kafka (SCRAM) user name; the password is never stored. */
  username: string;
  status: PartnerStatus;
  registeredAt: Date;
  registeredBy: string;
  credentialsRotatedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export interface PartnerRegistration {
  name: string;
  kind: PartnerKind;
  topics: Topic[];
}

/** Checks what an administrator typed: a name, a known kind, public topics only (a carrier may read none). */
export function checkRegistration(input: { name: string; kind: string; topics: readonly string[] }): PartnerRegistration {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw new PartnerError(PartnerErrorCode.InvalidInput, 'name: 1 to 200 characters', 'name');
  if (!PARTNER_KINDS.includes(input.kind as PartnerKind)) {
    throw new PartnerError(PartnerErrorCode.InvalidInput, `kind: one of ${PARTNER_KINDS.join(', ')}`, 'kind');
  }
  const topics = [...new Set(input.topics)];
  const notPublic = topics.filter((t) => !(PUBLIC_TOPICS as readonly string[]).includes(t));
  if (notPublic.length > 0) {
    throw new PartnerError(PartnerErrorCode.InvalidInput, `topics: ${notPublic.join(', ')} ${notPublic.length === 1 ? 'is' : 'are'} not a public topic (public: ${PUBLIC_TOPICS.join(', ')})`, 'topics', { notPublic });
  }
  if (topics.length === 0 && input.kind !== 'carrier') throw new PartnerError(PartnerErrorCode.InvalidInput, 'topics: a partner that is not a carrier reads at least one public topic', 'topics');
  return { name, kind: input.kind as PartnerKind, topics: topics as Topic[] };
}

export function checkRevokeReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 500) throw new PartnerError(PartnerErrorCode.InvalidInput, 'reason: 1 to 500 characters', 'reason');
  return trimmed;
}

export function assertActive(partner: Partner, action: string): void {
  if (partner.status === 'revoked') throw new PartnerError(PartnerErrorCode.PartnerRevoked, `partner ${partner.id} was revoked; it cannot ${action}`, 'id');
}

import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { partnerUsername } from '@valley/contracts';
import { currentCorrelationId, OutboxWriter } from '@valley/messaging';
import type { Identity } from '@valley/platform';
import { assertActive, checkRegistration, checkRevokeReason, type Partner } from '../domain/partner';
import { PartnerError, PartnerErrorCode } from '../domain/partner.error';
import { PartnerKafkaAccess } from '../infrastructure/kafka/partner-kafka-access';
import { PartnerAuditEntity } from '../infrastructure/persistence/partner-audit.entity';
import { PartnerEntity } from '../infrastructure/persistence/partner.entity';
import { toPartner } from '../infrastructure/persistence/partner.mapper';

/** What an administrator sees once, right after registering or rotating: the secret is kept nowhere. */
export interface IssuedCredentials {
  partner: Partner;
  password: string;
  /** False on an open broker: nothing enforces the partner's ACLs there. */
  aclsEnforced: boolean;
}

export type PartnerAction = 'registered' | 'credentials-rotated' | 'revoked';

/**
 * The partner registry: each change goes to Kafka (credentials, ACLs) inside
 * the database transaction that records it, audits it and publishes its
 * event — a refusal from Kafka rolls the record back, and every step may be
 * repeated, so an administrator can always retry.
 */
@Injectable()
export class PartnerRegistry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly kafka: PartnerKafkaAccess,
  ) {}

  async register(input: { name: string; kind: string; topics: readonly string[] }, actor: Identity): Promise<IssuedCredentials> {
    assertAdmin(actor);
    const registration = checkRegistration(input);
    const id = randomUUID();
    const partner: Partner = { id, ...registration, username: partnerUsername(id), status: 'active', registeredAt: new Date(), registeredBy: actor.subject, credentialsRotatedAt: null, revokedAt: null, revokedReason: null };
    const password = newPassword();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(PartnerEntity, { ...partner });
      const writesUsageRecords = this.kafka.accessOf(partner).writes.length > 0;
      await this.record(manager, partner, 'registered', actor, { kind: partner.kind, topics: partner.topics, writesUsageRecords });
      await this.outbox.publish(manager, 'valley.partner.registered.v1', {
        partnerId: id, name: partner.name, kind: partner.kind, username: partner.username, topics: partner.topics, writesUsageRecords,
        registeredBy: actor.subject, registeredAt: partner.registeredAt.toISOString(),
      });
      try {
        await this.kafka.grant(partner, password);
      } catch (err) {
        // Nothing half-made stays behind: the rollback drops the record, this drops what Kafka got.
        await this.kafka.revoke(partner.username).catch(() => undefined);
        throw err;
      }
    });
    return { partner, password, aclsEnforced: this.kafka.enforced };
  }

  async rotate(partnerId: string, actor: Identity): Promise<IssuedCredentials> {
    assertAdmin(actor);
    const password = newPassword();
    const partner = await this.dataSource.transaction(async (manager) => {
      const before = await this.lock(manager, partnerId);
      assertActive(before, 'rotate its credentials');
      const after: Partner = { ...before, credentialsRotatedAt: new Date() };
      await manager.update(PartnerEntity, { id: partnerId }, { credentialsRotatedAt: after.credentialsRotatedAt });
      await this.record(manager, after, 'credentials-rotated', actor, {});
      await this.outbox.publish(manager, 'valley.partner.credentials-rotated.v1', { partnerId, username: after.username, rotatedBy: actor.subject, rotatedAt: (after.credentialsRotatedAt as Date).toISOString() });
      await this.kafka.rotate(after.username, password);
      return after;
    });
    return { partner, password, aclsEnforced: this.kafka.enforced };
  }

  async revoke(partnerId: string, reason: string, actor: Identity): Promise<Partner> {
    assertAdmin(actor);
    const why = checkRevokeReason(reason);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lock(manager, partnerId);
      assertActive(before, 'be revoked again');
      const after: Partner = { ...before, status: 'revoked', revokedAt: new Date(), revokedReason: why };
      await manager.update(PartnerEntity, { id: partnerId }, { status: 'revoked', revokedAt: after.revokedAt, revokedReason: why });
      await this.record(manager, after, 'revoked', actor, { reason: why });
      await this.outbox.publish(manager, 'valley.partner.revoked.v1', { partnerId, username: after.username, reason: why, revokedBy: actor.subject, revokedAt: (after.revokedAt as Date).toISOString() });
      await this.kafka.revoke(after.username);
      return after;
    });
  }

  async list(actor: Identity): Promise<Partner[]> {
    assertAdmin(actor);
    const rows = await this.dataSource.getRepository(PartnerEntity).find({ order: { registeredAt: 'DESC', id: 'ASC' } });
    return rows.map(toPartner);
  }

  async byId(partnerId: string, actor: Identity): Promise<Partner> {
    assertAdmin(actor);
    const row = await this.dataSource.getRepository(PartnerEntity).findOneBy({ id: checkId(partnerId) });
    if (!row) throw notFound(partnerId);
    return toPartner(row);
  }

  async audit(partnerId: string, actor: Identity): Promise<PartnerAuditEntity[]> {
    assertAdmin(actor);
    return this.dataSource.getRepository(PartnerAuditEntity).find({ where: { partnerId: checkId(partnerId) }, order: { id: 'ASC' } });
  }

  private async lock(manager: EntityManager, partnerId: string): Promise<Partner> {
    const row = await manager.getRepository(PartnerEntity).findOne({ where: { id: checkId(partnerId) }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound(partnerId);
    return toPartner(row);
  }

  private async record(manager: EntityManager, partner: Partner, action: PartnerAction, actor: Identity, details: Record<string, unknown>): Promise<void> {
    await manager.insert(PartnerAuditEntity, { partnerId: partner.id, action, actorSubject: actor.subject, details: details as never /* TypeORM's deep-partial type refuses a plain record for a jsonb column */, correlationId: currentCorrelationId() ?? null, at: new Date() });
  }
}

function assertAdmin(actor: Identity): void {
  if (actor.role !== 'park-admin') throw new PartnerError(PartnerErrorCode.Forbidden, 'only park administrators manage partners');
}

function checkId(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new PartnerError(PartnerErrorCode.InvalidInput, 'id: must be a UUID', 'id');
  return id.toLowerCase();
}

function notFound(id: string): PartnerError {
  return new PartnerError(PartnerErrorCode.NotFound, `no partner ${id}`, 'id');
}

/** 192 random bits, URL-safe: typed once into the partner's configuration. */
function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

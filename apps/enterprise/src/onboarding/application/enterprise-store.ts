import type { EntityManager } from 'typeorm';
import type { Identity } from '@valley/platform';
import type { Enterprise } from '../domain/enterprise-application';
import type { EnterpriseStatus, LifecycleAction } from '../domain/enterprise-lifecycle';
import { OnboardingError, OnboardingErrorCode } from '../domain/onboarding.error';
import { EnterpriseDecisionEntity } from '../infrastructure/persistence/enterprise-decision.entity';
import { EnterpriseEntity } from '../infrastructure/persistence/enterprise.entity';
import { toDomain, toEntity } from '../infrastructure/persistence/enterprise.mapper';
import { canSee } from './enterprise-access';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Not found and not visible answer alike, so ids of other enterprises cannot be probed. */
export function notFound(id: string): OnboardingError {
  return new OnboardingError(OnboardingErrorCode.NotFound, `no enterprise ${id}`, 'enterpriseId');
}

/** Reads an enterprise for a change, row-locked until the transaction ends, if the caller may see it. */
export async function lockVisible(manager: EntityManager, id: string, identity: Identity): Promise<Enterprise> {
  if (!UUID.test(id)) throw notFound(id);
  const entity = await manager.getRepository(EnterpriseEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!entity) throw notFound(id);
  const enterprise = toDomain(entity);
  if (!canSee(identity, enterprise)) throw notFound(id);
  return enterprise;
}

export async function saveEnterprise(manager: EntityManager, enterprise: Enterprise): Promise<void> {
  const entity = toEntity(enterprise);
  await manager
    .createQueryBuilder()
    .update(EnterpriseEntity)
    .set({ ...entity, version: () => 'version + 1' })
    .where('id = :id', { id: enterprise.id })
    .execute();
}

export async function recordDecision(
  manager: EntityManager,
  decision: { enterpriseId: string; action: LifecycleAction | 'submit' | 'import'; from: EnterpriseStatus | null; to: EnterpriseStatus; actor: Identity; reason?: string; at: Date },
): Promise<void> {
  await manager.insert(EnterpriseDecisionEntity, {
    enterpriseId: decision.enterpriseId,
    action: decision.action,
    fromStatus: decision.from,
    toStatus: decision.to,
    actorSubject: decision.actor.subject,
    actorRole: decision.actor.role,
    reason: decision.reason ?? null,
    decidedAt: decision.at,
  });
}

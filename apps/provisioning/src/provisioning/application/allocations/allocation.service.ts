import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { OutboxWriter, type TraceContext } from '@valley/messaging';
import { nextAllocationStatus, type AllocationAction, type AllocationStatus } from '../../domain/allocation-lifecycle';
import { choosePlan } from '../../domain/plan-selection';
import { AllocationEntity, KnownEnterpriseEntity } from '../../infrastructure/persistence/provisioning.entities';
import { currentPlans } from '../plans/plan-catalog';
import { allocationActivated, allocationRevoked, allocationSuspended } from './allocation-events';
import { lockPoolLoads, roomiestPool } from './pool-capacity';

/**
 * What the enterprise lifecycle does to allocations. Each method runs inside
 * the caller's transaction (the consumer's, with its inbox row), so the change,
 * its event and the consumed record commit together.
 */
@Injectable()
export class AllocationService {
  constructor(private readonly outbox: OutboxWriter) {}

  /** On approval: an allocation on the plan that fits the planned need, active if a pool has room, else pending with the reason. */
  async activateFor(manager: EntityManager, enterprise: KnownEnterpriseEntity, trace: TraceContext = {}): Promise<AllocationEntity | undefined> {
    const live = await this.liveAllocation(manager, enterprise.id);
    if (live) return live;
    const plan = choosePlan(await currentPlans(manager), { bandwidthMbps: enterprise.plannedBandwidthMbps, monthlyTrafficBytes: BigInt(enterprise.plannedMonthlyTrafficBytes) });
    if (!plan) return undefined; // no plan yet: the administrator queue is the enterprises without an allocation
    const at = new Date();
    const allocation = Object.assign(new AllocationEntity(), {
      id: randomUUID(),
      enterpriseId: enterprise.id,
      planId: plan.id,
      planVersion: plan.version,
      bandwidthMbps: plan.bandwidthMbps,
      monthlyIncludedBytes: plan.monthlyIncludedBytes.toString(),
      createdAt: at,
      updatedAt: at,
    });
    const pool = roomiestPool(await lockPoolLoads(manager), plan.bandwidthMbps);
    if (!pool) {
      await manager.insert(AllocationEntity, { ...allocation, poolId: null, status: 'pending', pendingReason: `no pool has ${plan.bandwidthMbps} Mbps free for plan ${plan.name}` });
      return manager.getRepository(AllocationEntity).findOneByOrFail({ id: allocation.id });
    }
    allocation.poolId = pool.pool.id;
    allocation.status = 'active';
    allocation.pendingReason = null;
    await manager.insert(AllocationEntity, allocation);
    await this.outbox.publishAll(manager, [allocationActivated(allocation, at)], trace);
    return allocation;
  }

  async suspendFor(manager: EntityManager, enterpriseId: string, reason: string, trace: TraceContext = {}): Promise<void> {
    await this.apply(manager, enterpriseId, 'suspend', (a, at) => allocationSuspended(a, reason, at), trace);
  }

  async reactivateFor(manager: EntityManager, enterpriseId: string, trace: TraceContext = {}): Promise<void> {
    await this.apply(manager, enterpriseId, 'reactivate', (a, at) => allocationActivated(a, at), trace);
  }

  /** On exit: revoked, and its bandwidth is free again (only active and suspended allocations hold it). */
  async revokeFor(manager: EntityManager, enterpriseId: string, reason: string, trace: TraceContext = {}): Promise<void> {
    await this.apply(manager, enterpriseId, 'revoke', (a, at) => allocationRevoked(a, reason, at), trace);
  }

  private async apply(
    manager: EntityManager,
    enterpriseId: string,
    action: AllocationAction,
    event: (a: AllocationEntity, at: Date) => ReturnType<typeof allocationActivated>,
    trace: TraceContext,
  ): Promise<void> {
    const allocation = await this.liveAllocation(manager, enterpriseId);
    if (!allocation) return; // nothing was allocated (no plan, or already revoked): nothing to change
    const from = allocation.status as AllocationStatus;
    // A pending allocation was never active: suspension leaves it waiting, reinstatement too.
    if (from === 'pending' && action !== 'revoke') return;
    const to = nextAllocationStatus(from, action);
    const at = new Date();
    await manager.update(AllocationEntity, { id: allocation.id }, { status: to, updatedAt: at });
    const published = from === 'pending' ? undefined : event({ ...allocation, status: to }, at);
    if (published) await this.outbox.publishAll(manager, [published], trace);
  }

  private liveAllocation(manager: EntityManager, enterpriseId: string): Promise<AllocationEntity | null> {
    return manager.getRepository(AllocationEntity).findOne({ where: { enterpriseId, status: In(['pending', 'active', 'suspended']) }, lock: { mode: 'pessimistic_write' } });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import { OutboxWriter } from '@valley/messaging';
import { checkCapacity } from '../../domain/capacity';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';
import { AllocationEntity, PlanEntity, PlanVersionEntity } from '../../infrastructure/persistence/provisioning.entities';
import { requireAdmin } from '../pools/pool.service';
import { allocationActivated, allocationChanged } from './allocation-events';
import { lockPoolLoads, roomiestPool } from './pool-capacity';

export interface AllocationFilter {
  enterpriseId?: string;
  statuses?: string[];
  poolId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Administrators' work on allocations, and the reads every caller makes of them. */
@Injectable()
export class AllocationAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** An enterprise user sees only its own enterprise's allocations. */
  async list(filter: AllocationFilter, identity: Identity): Promise<AllocationEntity[]> {
    for (const field of ['enterpriseId', 'poolId'] as const) {
      const value = filter[field];
      if (value !== undefined && !UUID.test(value)) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `${field}: must be a UUID`, field);
    }
    const where: Record<string, unknown> = {};
    if (!isAdmin(identity)) {
      if (!identity.enterpriseId || (filter.enterpriseId && filter.enterpriseId !== identity.enterpriseId)) return [];
      where['enterpriseId'] = identity.enterpriseId;
    } else if (filter.enterpriseId) {
      where['enterpriseId'] = filter.enterpriseId;
    }
    if (filter.statuses?.length) where['status'] = In(filter.statuses);
    if (filter.poolId) where['poolId'] = filter.poolId;
    return this.dataSource.getRepository(AllocationEntity).find({ where, order: { createdAt: 'ASC' }, take: 1000 });
  }

  /** A pending allocation placed in a pool that has room now (after capacity was added or freed). */
  async placePending(allocationId: string, identity: Identity): Promise<AllocationEntity> {
    requireAdmin(identity, 'place allocations');
    return this.dataSource.transaction(async (m) => {
      const allocation = await this.locked(m, allocationId);
      if (allocation.status !== 'pending') throw new ProvisioningError(ProvisioningErrorCode.InvalidTransition, `allocation is ${allocation.status}, not pending`, 'allocationId', { from: allocation.status, to: 'active', action: 'activate' });
      const pool = roomiestPool(await lockPoolLoads(m), allocation.bandwidthMbps);
      if (!pool) throw new ProvisioningError(ProvisioningErrorCode.CapacityExceeded, `no pool has ${allocation.bandwidthMbps} Mbps free`, 'allocationId');
      const at = new Date();
      const placed = { ...allocation, poolId: pool.pool.id, status: 'active', pendingReason: null, updatedAt: at };
      await m.update(AllocationEntity, { id: allocation.id }, { poolId: placed.poolId, status: 'active', pendingReason: null, updatedAt: at });
      await this.outbox.publishAll(m, [allocationActivated(placed, at)]);
      return placed;
    });
  }

  /** Upgrade or downgrade to another plan's current version, within the pool's capacity. */
  async changePlan(allocationId: string, planId: string, identity: Identity): Promise<AllocationEntity> {
    requireAdmin(identity, 'change allocations');
    return this.dataSource.transaction(async (m) => {
      const allocation = await this.locked(m, allocationId);
      if (allocation.status !== 'active' && allocation.status !== 'suspended') {
        throw new ProvisioningError(ProvisioningErrorCode.InvalidTransition, `allocation is ${allocation.status}: only active or suspended allocations change plan`, 'allocationId', { from: allocation.status, to: allocation.status, action: 'change-plan' });
      }
      const plan = UUID.test(planId) ? await m.getRepository(PlanEntity).findOneBy({ id: planId }) : null;
      if (!plan) throw new ProvisioningError(ProvisioningErrorCode.NotFound, `no plan ${planId}`, 'planId');
      const terms = await m.getRepository(PlanVersionEntity).findOneByOrFail({ planId: plan.id, version: plan.currentVersion });
      if (!terms.active) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, `planId: plan ${plan.name} is not offered any more`, 'planId');
      const [load] = await lockPoolLoads(m, [allocation.poolId!]);
      // The allocation's own bandwidth is already counted in the pool: only the difference must fit.
      checkCapacity({ name: load!.pool.name, capacityMbps: load!.pool.capacityMbps, allocatedMbps: load!.allocatedMbps - allocation.bandwidthMbps }, terms.bandwidthMbps);
      const at = new Date();
      const changed = { ...allocation, planId: plan.id, planVersion: terms.version, bandwidthMbps: terms.bandwidthMbps, monthlyIncludedBytes: terms.monthlyIncludedBytes, updatedAt: at };
      await m.update(AllocationEntity, { id: allocation.id }, { planId: changed.planId, planVersion: changed.planVersion, bandwidthMbps: changed.bandwidthMbps, monthlyIncludedBytes: changed.monthlyIncludedBytes, updatedAt: at });
      await this.outbox.publishAll(m, [allocationChanged(changed, { planId: allocation.planId, planVersion: allocation.planVersion }, at)]);
      return changed;
    });
  }

  private async locked(m: import('typeorm').EntityManager, allocationId: string): Promise<AllocationEntity> {
    const allocation = UUID.test(allocationId) ? await m.getRepository(AllocationEntity).findOne({ where: { id: allocationId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!allocation) throw new ProvisioningError(ProvisioningErrorCode.NotFound, `no allocation ${allocationId}`, 'allocationId');
    return allocation;
  }
}

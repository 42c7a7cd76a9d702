import type { EntityManager } from 'typeorm';
import type { PlanOption } from '../../domain/plan-selection';
import { PlanVersionEntity } from '../../infrastructure/persistence/provisioning.entities';

export interface CurrentPlan extends PlanOption {
  version: number;
}

/** Each plan at its current version: what new allocations are made on. */
export async function currentPlans(manager: EntityManager): Promise<CurrentPlan[]> {
  const rows: Array<PlanVersionEntity & { name: string }> = await manager
    .getRepository(PlanVersionEntity)
    .createQueryBuilder('v')
    .innerJoin('plans', 'p', 'p.id = v.plan_id AND p.current_version = v.version')
    .select(['v.plan_id AS "planId"', 'v.version AS version', 'p.name AS name', 'v.bandwidth_mbps AS "bandwidthMbps"', 'v.monthly_included_bytes AS "monthlyIncludedBytes"', 'v.active AS active'])
    .getRawMany();
  return rows.map((r) => ({ id: r.planId, version: Number(r.version), name: r.name, bandwidthMbps: Number(r.bandwidthMbps), monthlyIncludedBytes: BigInt(r.monthlyIncludedBytes), active: r.active }));
}

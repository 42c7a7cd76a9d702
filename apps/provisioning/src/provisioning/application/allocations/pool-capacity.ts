import type { EntityManager } from 'typeorm';
import { PoolEntity } from '../../infrastructure/persistence/provisioning.entities';

export interface PoolLoad {
  pool: PoolEntity;
  allocatedMbps: number;
}

/**
 * Every pool with the bandwidth its active and suspended allocations hold,
 * the pools row-locked until the transaction ends: allocations that could
 * compete for capacity run one after another, so a pool is never overbooked.
 * Locked in id order, so two transactions never deadlock on them.
 */
export async function lockPoolLoads(manager: EntityManager, poolIds?: string[]): Promise<PoolLoad[]> {
  const q = manager.getRepository(PoolEntity).createQueryBuilder('p').setLock('pessimistic_write').orderBy('p.id');
  if (poolIds) q.where('p.id IN (:...ids)', { ids: poolIds });
  const pools = await q.getMany();
  if (pools.length === 0) return [];
  const rows: Array<{ pool_id: string; mbps: string }> = await manager.query(
    `SELECT pool_id, sum(bandwidth_mbps) AS mbps FROM allocations WHERE status IN ('active', 'suspended') AND pool_id = ANY($1) GROUP BY pool_id`,
    [pools.map((p) => p.id)],
  );
  const used = new Map(rows.map((r) => [r.pool_id, Number(r.mbps)]));
  return pools.map((pool) => ({ pool, allocatedMbps: used.get(pool.id) ?? 0 }));
}

/** The pool with the most free bandwidth that still fits `mbps`. */
export function roomiestPool(loads: PoolLoad[], mbps: number): PoolLoad | undefined {
  return loads
    .filter((l) => l.pool.capacityMbps - l.allocatedMbps >= mbps)
    .sort((a, b) => b.pool.capacityMbps - b.allocatedMbps - (a.pool.capacityMbps - a.allocatedMbps))[0];
}

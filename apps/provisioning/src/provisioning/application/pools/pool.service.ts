import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { isAdmin, type Identity } from '@valley/platform';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';
import { parseNonNegativeBigInt } from '../../domain/units';
import { PoolEntity } from '../../infrastructure/persistence/provisioning.entities';
import { lockPoolLoads } from '../allocations/pool-capacity';

export interface NewPool {
  name: string;
  region: string;
  capacityMbps: number;
  monthlyTrafficCapBytes: string;
  costPriceFenPerGb: string;
}

export interface PoolUtilisation {
  pool: PoolEntity;
  allocatedMbps: number;
  /** Allocated share of the capacity, percent with one decimal. */
  utilisationPercent: number;
}

export function requireAdmin(identity: Identity, what: string): void {
  if (!isAdmin(identity)) throw new ProvisioningError(ProvisioningErrorCode.Forbidden, `only park administrators ${what}`);
}

/** Capacity pools: a backbone link or a data centre the park sells from. */
@Injectable()
export class PoolService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: NewPool, identity: Identity): Promise<PoolEntity> {
    requireAdmin(identity, 'manage pools');
    const name = input.name.trim();
    if (name.length < 2 || name.length > 100) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, 'name: must be 2 to 100 characters', 'name');
    if (!Number.isInteger(input.capacityMbps) || input.capacityMbps < 1 || input.capacityMbps > 100_000_000) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, 'capacityMbps: must be a whole number from 1 to 100,000,000', 'capacityMbps');
    const pool = Object.assign(new PoolEntity(), {
      id: randomUUID(),
      name,
      region: input.region.trim(),
      capacityMbps: input.capacityMbps,
      monthlyTrafficCapBytes: parseNonNegativeBigInt('monthlyTrafficCapBytes', input.monthlyTrafficCapBytes).toString(),
      costPriceFenPerGb: parseNonNegativeBigInt('costPriceFenPerGb', input.costPriceFenPerGb).toString(),
      createdAt: new Date(),
    });
    try {
      await this.dataSource.getRepository(PoolEntity).insert(pool);
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') throw new ProvisioningError(ProvisioningErrorCode.Conflict, `name: a pool named ${name} exists`, 'name');
      throw err;
    }
    return pool;
  }

  async utilisation(identity: Identity): Promise<PoolUtilisation[]> {
    requireAdmin(identity, 'see pools');
    // A read-only transaction: the loads are a consistent snapshot (the lock is brief).
    const loads = await this.dataSource.transaction((manager) => lockPoolLoads(manager));
    return loads
      .map(({ pool, allocatedMbps }) => ({ pool, allocatedMbps, utilisationPercent: Math.round((allocatedMbps * 1000) / pool.capacityMbps) / 10 }))
      .sort((a, b) => a.pool.name.localeCompare(b.pool.name));
  }
}

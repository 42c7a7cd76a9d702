import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import type { Identity } from '@valley/platform';
import { parseOveragePolicy } from '../../domain/overage-policy';
import { ProvisioningError, ProvisioningErrorCode } from '../../domain/provisioning.error';
import { parseNonNegativeBigInt } from '../../domain/units';
import { PlanEntity, PlanVersionEntity } from '../../infrastructure/persistence/provisioning.entities';
import { requireAdmin } from '../pools/pool.service';

export interface PlanTerms {
  bandwidthMbps: number;
  monthlyIncludedBytes: string;
  parkPriceFenPerGb: string;
  marketPriceFenPerGb: string;
  overagePolicy: string;
  active?: boolean;
}

export interface PlanWithVersions {
  plan: PlanEntity;
  versions: PlanVersionEntity[];
}

/** Plans are versioned: a price change is a new version, and past charges keep theirs. */
@Injectable()
export class PlanService {
  constructor(private readonly dataSource: DataSource) {}

  async create(name: string, terms: PlanTerms, identity: Identity): Promise<PlanWithVersions> {
    requireAdmin(identity, 'manage plans');
    const trimmed = name.trim();
    if (trimmed.length < 2 || trimmed.length > 100) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, 'name: must be 2 to 100 characters', 'name');
    const plan = Object.assign(new PlanEntity(), { id: randomUUID(), name: trimmed, currentVersion: 1, createdAt: new Date() });
    const version = this.version(plan.id, 1, terms);
    try {
      await this.dataSource.transaction(async (m) => {
        await m.insert(PlanEntity, plan);
        await m.insert(PlanVersionEntity, version);
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { code?: string }).code === '23505') throw new ProvisioningError(ProvisioningErrorCode.Conflict, `name: a plan named ${trimmed} exists`, 'name');
      throw err;
    }
    return { plan, versions: [version] };
  }

  /** New terms from now on; allocations and charges made on earlier versions keep them. */
  async revise(planId: string, terms: PlanTerms, identity: Identity): Promise<PlanWithVersions> {
    requireAdmin(identity, 'manage plans');
    return this.dataSource.transaction(async (m) => {
      const plan = /^[0-9a-f-]{36}$/i.test(planId) ? await m.getRepository(PlanEntity).findOne({ where: { id: planId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!plan) throw new ProvisioningError(ProvisioningErrorCode.NotFound, `no plan ${planId}`, 'planId');
      const version = this.version(plan.id, plan.currentVersion + 1, terms);
      await m.insert(PlanVersionEntity, version);
      await m.update(PlanEntity, { id: plan.id }, { currentVersion: version.version });
      const versions = await m.getRepository(PlanVersionEntity).find({ where: { planId: plan.id }, order: { version: 'ASC' } });
      return { plan: { ...plan, currentVersion: version.version }, versions };
    });
  }

  async list(): Promise<PlanWithVersions[]> {
    const plans = await this.dataSource.getRepository(PlanEntity).find({ order: { name: 'ASC' } });
    const versions = await this.dataSource.getRepository(PlanVersionEntity).find({ order: { version: 'ASC' } });
    return plans.map((plan) => ({ plan, versions: versions.filter((v) => v.planId === plan.id) }));
  }

  private version(planId: string, version: number, terms: PlanTerms): PlanVersionEntity {
    if (!Number.isInteger(terms.bandwidthMbps) || terms.bandwidthMbps < 1 || terms.bandwidthMbps > 1_000_000) throw new ProvisioningError(ProvisioningErrorCode.InvalidInput, 'bandwidthMbps: must be a whole number from 1 to 1,000,000', 'bandwidthMbps');
    return Object.assign(new PlanVersionEntity(), {
      planId,
      version,
      bandwidthMbps: terms.bandwidthMbps,
      monthlyIncludedBytes: parseNonNegativeBigInt('monthlyIncludedBytes', terms.monthlyIncludedBytes).toString(),
      parkPriceFenPerGb: parseNonNegativeBigInt('parkPriceFenPerGb', terms.parkPriceFenPerGb).toString(),
      marketPriceFenPerGb: parseNonNegativeBigInt('marketPriceFenPerGb', terms.marketPriceFenPerGb).toString(),
      overagePolicy: parseOveragePolicy(terms.overagePolicy),
      active: terms.active ?? true,
      createdAt: new Date(),
    });
  }
}

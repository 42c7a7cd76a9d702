import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Rows of the provisioning database. Bytes and fen are numeric/bigint columns read as strings. */

@Entity({ name: 'pools' })
export class PoolEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') region!: string;
  @Column('integer', { name: 'capacity_mbps' }) capacityMbps!: number;
  @Column('numeric', { name: 'monthly_traffic_cap_bytes', precision: 30, scale: 0 }) monthlyTrafficCapBytes!: string;
  @Column('bigint', { name: 'cost_price_fen_per_gb' }) costPriceFenPerGb!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'plans' })
export class PlanEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('integer', { name: 'current_version' }) currentVersion!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'plan_versions' })
export class PlanVersionEntity {
  @PrimaryColumn('uuid', { name: 'plan_id' }) planId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('integer', { name: 'bandwidth_mbps' }) bandwidthMbps!: number;
  @Column('numeric', { name: 'monthly_included_bytes', precision: 30, scale: 0 }) monthlyIncludedBytes!: string;
  @Column('bigint', { name: 'park_price_fen_per_gb' }) parkPriceFenPerGb!: string;
  @Column('bigint', { name: 'market_price_fen_per_gb' }) marketPriceFenPerGb!: string;
  @Column('text', { name: 'overage_policy' }) overagePolicy!: string;
  @Column('boolean') active!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'known_enterprises' })
export class KnownEnterpriseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') industry!: string;
  @Column('text') status!: string;
  @Column('integer', { name: 'planned_bandwidth_mbps' }) plannedBandwidthMbps!: number;
  @Column('numeric', { name: 'planned_monthly_traffic_bytes', precision: 30, scale: 0 }) plannedMonthlyTrafficBytes!: string;
  @Column('text', { name: 'admitted_month', nullable: true }) admittedMonth!: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'allocations' })
export class AllocationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'enterprise_id' }) enterpriseId!: string;
  @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Column('integer', { name: 'plan_version' }) planVersion!: number;
  @Column('uuid', { name: 'pool_id', nullable: true }) poolId!: string | null;
  @Column('integer', { name: 'bandwidth_mbps' }) bandwidthMbps!: number;
  @Column('numeric', { name: 'monthly_included_bytes', precision: 30, scale: 0 }) monthlyIncludedBytes!: string;
  @Column('text') status!: string;
  @Column('text', { name: 'pending_reason', nullable: true }) pendingReason!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

export const provisioningEntities = [PoolEntity, PlanEntity, PlanVersionEntity, KnownEnterpriseEntity, AllocationEntity];

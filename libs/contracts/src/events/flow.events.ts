import { Type } from '@sinclair/typebox';
import { Bytes, Fen, Instant, Month, PositiveInt, Reason, SignedFen, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;

const AllocationTerms = {
  allocationId: Uuid,
  enterpriseId: Uuid,
  planId: Uuid,
  planVersion: PositiveInt,
  poolId: Uuid,
  bandwidthMbps: PositiveInt,
  monthlyIncludedBytes: Bytes,
};

export const AllocationActivatedV1 = Type.Object({ ...AllocationTerms, activatedAt: Instant }, strict);

export const AllocationChangedV1 = Type.Object(
  { ...AllocationTerms, previousPlanId: Uuid, previousPlanVersion: PositiveInt, changedAt: Instant },
  strict,
);

export const AllocationSuspendedV1 = Type.Object({ allocationId: Uuid, enterpriseId: Uuid, reason: Reason, suspendedAt: Instant }, strict);

export const AllocationRevokedV1 = Type.Object({ allocationId: Uuid, enterpriseId: Uuid, reason: Reason, revokedAt: Instant }, strict);

export const OveragePolicy = Type.Union([Type.Literal('block'), Type.Literal('throttle'), Type.Literal('bill')]);

export const QuotaThresholdReachedV1 = Type.Object(
  {
    allocationId: Uuid,
    enterpriseId: Uuid,
    month: Month,
    thresholdPercent: Type.Union([Type.Literal(80), Type.Literal(100)]),
    usedBytes: Bytes,
    includedBytes: Bytes,
    overagePolicy: OveragePolicy,
    reachedAt: Instant,
  },
  strict,
);

const ChargeLine = Type.Object(
  {
    allocationId: Uuid,
    planId: Uuid,
    planVersion: PositiveInt,
    billableBytes: Bytes,
    overageBytes: Bytes,
    chargeFen: Fen,
    marketValueFen: Fen,
  },
  strict,
);

/** The data-element input of one enterprise for one month; a recompute publishes revision n+1. */
export const MonthlyChargesComputedV1 = Type.Object(
  {
    enterpriseId: Uuid,
    month: Month,
    revision: PositiveInt,
    billableBytes: Bytes,
    chargeFen: Fen,
    marketValueFen: Fen,
    savingFen: SignedFen,
    lines: Type.Array(ChargeLine),
    computedAt: Instant,
  },
  strict,
);

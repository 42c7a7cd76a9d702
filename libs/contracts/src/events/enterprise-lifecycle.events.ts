import { Type } from '@sinclair/typebox';
import { Bytes, Fen, Instant, LocalDate, Month, NonNegativeInt, PositiveInt, Reason, Uscc, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;

/** No personal data here: the legal representative and contacts stay in the enterprise service. */
export const ApplicationSubmittedV1 = Type.Object(
  {
    enterpriseId: Uuid,
    uscc: Uscc,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    industry: Type.String({ minLength: 1, maxLength: 64 }),
    registeredCapitalFen: Fen,
    plannedBandwidthMbps: PositiveInt,
    plannedMonthlyTrafficBytes: Bytes,
    headcount: NonNegativeInt,
    submittedAt: Instant,
  },
  strict,
);

export const ApprovedV1 = Type.Object(
  {
    enterpriseId: Uuid,
    uscc: Uscc,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    industry: Type.String({ minLength: 1, maxLength: 64 }),
    plannedBandwidthMbps: PositiveInt,
    plannedMonthlyTrafficBytes: Bytes,
    /** The first month the enterprise is a resident; revenue reports start here. */
    admittedMonth: Month,
    approvedAt: Instant,
  },
  strict,
);

export const RejectedV1 = Type.Object({ enterpriseId: Uuid, reason: Reason, rejectedAt: Instant }, strict);

export const SuspendedV1 = Type.Object({ enterpriseId: Uuid, reason: Reason, suspendedAt: Instant }, strict);

export const ReinstatedV1 = Type.Object({ enterpriseId: Uuid, reinstatedAt: Instant }, strict);

export const ExitedV1 = Type.Object({ enterpriseId: Uuid, exitDate: LocalDate, reason: Reason, exitedAt: Instant }, strict);

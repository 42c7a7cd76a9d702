import { Type } from '@sinclair/typebox';
import { Instant, LocalDate, PositiveInt, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;

/** Trainees appear only by a pseudonymous id: never a name or national id number. */
const TraineeRef = Type.String({ pattern: '^trn_[0-9a-f]{32}$', description: 'pseudonymous trainee id' });

export const ProgramPublishedV1 = Type.Object(
  {
    programId: Uuid,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    track: Type.String({ minLength: 1, maxLength: 64 }),
    capacity: PositiveInt,
    startsOn: LocalDate,
    endsOn: LocalDate,
    sponsorEnterpriseIds: Type.Array(Uuid),
    publishedAt: Instant,
  },
  strict,
);

export const TraineeEnrolledV1 = Type.Object({ programId: Uuid, enrollmentId: Uuid, traineeRef: TraineeRef, enrolledAt: Instant }, strict);

export const TraineeCompletedV1 = Type.Object(
  {
    programId: Uuid,
    enrollmentId: Uuid,
    traineeRef: TraineeRef,
    score: Type.Integer({ minimum: 0, maximum: 100 }),
    certificateNo: Type.String({ minLength: 1, maxLength: 64 }),
    completedAt: Instant,
  },
  strict,
);

export const TraineePlacedV1 = Type.Object(
  {
    programId: Uuid,
    placementId: Uuid,
    traineeRef: TraineeRef,
    enterpriseId: Uuid,
    role: Type.String({ minLength: 1, maxLength: 100 }),
    startDate: LocalDate,
    placedAt: Instant,
  },
  strict,
);

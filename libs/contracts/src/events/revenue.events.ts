import { Type } from '@sinclair/typebox';
import { Fen, Instant, LocalDate, Month, NonNegativeInt, PositiveInt, Reason, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;

const ReportFigures = {
  reportId: Uuid,
  enterpriseId: Uuid,
  month: Month,
  version: PositiveInt,
  revenueFen: Fen,
  taxFen: Fen,
  employees: NonNegativeInt,
  localHires: NonNegativeInt,
  lines: Type.Array(Type.Object({ line: Type.String({ minLength: 1, maxLength: 64 }), amountFen: Fen }, strict)),
};

export const ReportSubmittedV1 = Type.Object({ ...ReportFigures, submittedAt: Instant }, strict);

export const ReportAmendedV1 = Type.Object({ ...ReportFigures, previousVersion: PositiveInt, reason: Reason, amendedAt: Instant }, strict);

/** An administrator accepted a version: from now on the park's figures use it. */
export const ReportAcceptedV1 = Type.Object({ reportId: Uuid, enterpriseId: Uuid, month: Month, version: PositiveInt, acceptedAt: Instant }, strict);

/** An administrator returned a version for correction (the comment stays in the platform: free text may name people). */
export const ReportReturnedV1 = Type.Object({ reportId: Uuid, enterpriseId: Uuid, month: Month, version: PositiveInt, returnedAt: Instant }, strict);

export const ReportOverdueV1 = Type.Object({ enterpriseId: Uuid, month: Month, deadline: LocalDate, detectedAt: Instant }, strict);

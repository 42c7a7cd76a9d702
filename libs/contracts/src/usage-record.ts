import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './events/common.schema';

/** Byte counts: non-negative integers, as JSON numbers or decimal strings. */
const ByteCount = Type.Union([
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  Type.String({ pattern: '^(0|[1-9][0-9]{0,24})$' }),
]);

/**
 * A raw usage record as partner carriers produce it on
 * `valley.flow.usage-records.v1` (flat JSON, not a CloudEvent).
 * `recordId` is unique per carrier; the same record twice counts once.
 */
export const UsageRecordV1 = Type.Object(
  {
    recordId: Type.String({ minLength: 1, maxLength: 128 }),
    carrierId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }),
    enterpriseId: Uuid,
    windowStart: Type.String({ format: 'date-time' }),
    windowEnd: Type.String({ format: 'date-time' }),
    bytesIn: ByteCount,
    bytesOut: ByteCount,
  },
  { additionalProperties: false },
);

export type UsageRecordV1 = Static<typeof UsageRecordV1>;

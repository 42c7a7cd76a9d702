import { Type } from '@sinclair/typebox';

/** Building blocks shared by the event schemas; each is plain JSON Schema. */

export const Uuid = Type.String({ format: 'uuid' });

/** Money: integer fen (1 yuan = 100 fen) carried as a decimal string, never a float. */
export const Fen = Type.String({ pattern: '^(0|[1-9][0-9]{0,20})$', description: 'integer fen as a decimal string' });

/** A signed amount of fen, for differences such as savings that could be negative. */
export const SignedFen = Type.String({ pattern: '^(0|-?[1-9][0-9]{0,20})$', description: 'signed integer fen as a decimal string' });

/** Data volume: integer bytes as a decimal string (park totals exceed 2^53). */
export const Bytes = Type.String({ pattern: '^(0|[1-9][0-9]{0,24})$', description: 'integer bytes as a decimal string' });

/** A calendar month in Asia/Shanghai. */
export const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, Asia/Shanghai' });

/** An instant, UTC on the wire. */
export const Instant = Type.String({ format: 'date-time', pattern: 'Z$', description: 'ISO-8601 UTC instant' });

export const LocalDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, Asia/Shanghai' });

export const Uscc = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: 'unified social credit code (GB 32100-2015)' });

export const Reason = Type.String({ minLength: 1, maxLength: 2000 });

export const PositiveInt = Type.Integer({ minimum: 1 });
export const NonNegativeInt = Type.Integer({ minimum: 0 });

import { UserError } from '@valley/platform';

/** Every error a user can cause in talent programs has a code; the code is part of the API contract. */
export enum TalentErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  InvalidNationalId = 'INVALID_NATIONAL_ID',
  InvalidTransition = 'INVALID_TRANSITION',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  NotResident = 'NOT_RESIDENT',
  AlreadyEnrolled = 'ALREADY_ENROLLED',
  DuplicateTrainee = 'DUPLICATE_TRAINEE',
  NotCompleted = 'NOT_COMPLETED',
}

/**
 * Messages and details never carry a trainee's name, contact or national id
 * number: errors are logged (refusals at warn) and shown to callers.
 */
export class TalentError extends UserError {
  constructor(code: TalentErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(code, message, field, details);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids arrive as GraphQL IDs (any text): a malformed one is the caller's mistake, named, not a database error. */
export function checkUuid(field: string, value: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new TalentError(TalentErrorCode.InvalidInput, `${field}: must be a UUID`, field);
  return value.toLowerCase();
}

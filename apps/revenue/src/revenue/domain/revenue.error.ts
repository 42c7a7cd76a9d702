import { UserError } from '@valley/platform';

/** Every error a user can cause in revenue reporting has a code; the code is part of the API contract. */
export enum RevenueErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  InvalidTransition = 'INVALID_TRANSITION',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  NotResident = 'NOT_RESIDENT',
  FutureMonth = 'FUTURE_MONTH',
  BeforeAdmission = 'BEFORE_ADMISSION',
}

export class RevenueError extends UserError {
  constructor(code: RevenueErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(code, message, field, details);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive as GraphQL IDs (any text): a malformed one is the caller's mistake, named, not a database error. */
export function checkUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw new RevenueError(RevenueErrorCode.InvalidInput, `${field}: must be a UUID`, field);
  return value;
}

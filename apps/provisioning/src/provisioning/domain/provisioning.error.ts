import { UserError } from '@valley/platform';

/** Every error a user can cause in provisioning has a code; the code is part of the API contract. */
export enum ProvisioningErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  CapacityExceeded = 'CAPACITY_EXCEEDED',
  InvalidTransition = 'INVALID_TRANSITION',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
}

export class ProvisioningError extends UserError {
  constructor(code: ProvisioningErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(code, message, field, details);
  }
}

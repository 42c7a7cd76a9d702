import { UserError } from '@valley/platform';

/** Every error a user can cause in onboarding has a code; the code is part of the API contract. */
export enum OnboardingErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  InvalidUscc = 'INVALID_USCC',
  DuplicateUscc = 'DUPLICATE_USCC',
  InvalidTransition = 'INVALID_TRANSITION',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
}

export class OnboardingError extends UserError {
  constructor(code: OnboardingErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(code, message, field, details);
  }
}

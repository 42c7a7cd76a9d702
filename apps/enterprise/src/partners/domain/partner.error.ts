import { UserError } from '@valley/platform';

/** Every error an administrator can cause in the partner registry has a code; the code is part of the API. */
export enum PartnerErrorCode {
  InvalidInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  /** Rotating or revoking a partner that is already revoked. */
  PartnerRevoked = 'PARTNER_REVOKED',
  /** Kafka refused or did not answer: nothing was changed. */
  KafkaUnavailable = 'KAFKA_UNAVAILABLE',
}

export class PartnerError extends UserError {
  constructor(code: PartnerErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(code, message, field, details);
  }
}

/** Thrown when an event does not match its contract; never retried: it would fail again. */
export class ContractViolationError extends Error {
  readonly code = 'CONTRACT_VIOLATION';
  constructor(reason: string) {
    super(reason);
    this.name = 'ContractViolationError';
  }
}

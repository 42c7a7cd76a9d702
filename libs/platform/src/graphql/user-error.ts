/**
 * An error the user caused and can fix: it reaches the client with its code,
 * the field it concerns and details; never a stack trace. Each bounded context
 * subclasses it with its own code enum.
 */
export abstract class UserError extends Error {
  protected constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the unit of work in progress: an HTTP request, or one
 * consumed record. It lives here, beside the `correlation-id` Kafka header it
 * ends up in, because the outbox writer reads it and libs/messaging must not
 * depend on libs/platform (platform depends on messaging). The platform's HTTP
 * middleware and log mixin use this one store.
 */
const store = new AsyncLocalStorage<string>();

/** What a correlation id may look like when it comes from outside: short, printable, no spaces. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && CORRELATION_ID.test(value);
}

/** The caller's id when it is well formed; otherwise a fresh one, so nothing arbitrary reaches logs and headers. */
export function acceptCorrelationId(value: unknown): string {
  return isValidCorrelationId(value) ? value : randomUUID();
}

/** The correlation id of the current request or record, if any. */
export function currentCorrelationId(): string | undefined {
  return store.getStore();
}

/** Runs `fn` with `id` as the current correlation id, for everything it awaits or schedules. */
export function runWithCorrelationId<R>(id: string, fn: () => R): R {
  return store.run(id, fn);
}

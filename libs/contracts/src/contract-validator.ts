import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { CloudEventEnvelopeSchema, type CloudEvent } from './cloud-event';
import { EventCatalog, isEventType, type EventData, type EventType } from './event-catalog';
import { UsageRecordV1 } from './usage-record';
import { ContractViolationError } from './contract-violation.error';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
addFormats(ajv);

const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: TSchema): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(key, fn);
  }
  return fn;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''}`)
    .join('; ');
}

/** Checks `data` against the schema of `type`. */
export function validateEventData<T extends EventType>(type: T, data: unknown): ValidationResult<EventData<T>> {
  const fn = validatorFor(type, EventCatalog[type].schema);
  if (fn(data)) return { ok: true, value: data as EventData<T> };
  return { ok: false, reason: `${type} data: ${describe(fn.errors)}` };
}

/** Checks a whole CloudEvent: the envelope, a known type, and the data against its schema. */
export function validateCloudEvent(value: unknown): ValidationResult<CloudEvent> {
  const envelope = validatorFor('cloudevent-envelope', CloudEventEnvelopeSchema);
  if (!envelope(value)) return { ok: false, reason: `envelope: ${describe(envelope.errors)}` };
  const event = value as CloudEvent;
  if (!isEventType(event.type)) return { ok: false, reason: `unknown event type ${event.type}` };
  const definition = EventCatalog[event.type];
  if (event.source !== definition.source) return { ok: false, reason: `source ${event.source} does not produce ${event.type}` };
  const data = validateEventData(event.type, event.data);
  return data.ok ? { ok: true, value: event } : data;
}

/** Throws ContractViolationError unless the event is valid: producers call this before publishing. */
export function assertValidCloudEvent(value: unknown): CloudEvent {
  const result = validateCloudEvent(value);
  if (!result.ok) throw new ContractViolationError(result.reason);
  return result.value;
}

export function validateUsageRecord(value: unknown): ValidationResult<UsageRecordV1> {
  const fn = validatorFor('usage-record.v1', UsageRecordV1);
  if (fn(value)) return { ok: true, value: value as UsageRecordV1 };
  return { ok: false, reason: `usage record: ${describe(fn.errors)}` };
}

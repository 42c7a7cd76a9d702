import { Type } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { ContractViolationError } from './contract-violation.error';
import { dataSchemaUri, EventCatalog, isEventType, type EventData, type EventSource, type EventType } from './event-catalog';
import { Instant, Uuid } from './events/common.schema';

/** Kafka header that marks a structured-mode CloudEvent. */
export const CLOUD_EVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/** A CloudEvents 1.0 document in structured mode, typed by its event type. */
export interface CloudEvent<T extends EventType = EventType> {
  specversion: '1.0';
  id: string;
  source: EventSource;
  type: T;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  data: EventData<T>;
}

/** The envelope's own JSON Schema; `data` is checked against the type's schema separately. */
export const CloudEventEnvelopeSchema = Type.Object(
  {
    specversion: Type.Literal('1.0'),
    id: Uuid,
    source: Type.String({ pattern: '^/valley/[a-z][a-z-]*$' }),
    type: Type.String({ pattern: '^valley\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+$' }),
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    time: Instant,
    datacontenttype: Type.Literal('application/json'),
    dataschema: Type.String({ minLength: 1 }),
    data: Type.Object({}),
  },
  { additionalProperties: false },
);

export interface CloudEventOptions {
  id?: string;
  time?: Date;
}

/**
 * Wraps `data` in its envelope. The subject and key come from the catalog, so
 * a caller cannot put an event under another aggregate by mistake.
 * Validation is the caller's: see `assertValidEvent`.
 */
export function buildCloudEvent<T extends EventType>(type: T, data: EventData<T>, options: CloudEventOptions = {}): CloudEvent<T> {
  if (!isEventType(type)) throw new ContractViolationError(`unknown event type ${String(type)}: it has no schema in libs/contracts`);
  const definition = EventCatalog[type];
  return {
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    source: definition.source,
    type,
    subject: String((data as Record<string, unknown>)[definition.subjectField]),
    time: (options.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(type),
    data,
  };
}

/** The Kafka key of an event: the topic's key field (enterprise or program). */
export function partitionKeyOf(event: CloudEvent): string {
  const definition = EventCatalog[event.type];
  return String((event.data as Record<string, unknown>)[definition.keyField]);
}

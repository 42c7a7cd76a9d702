import { Type } from '@sinclair/typebox';
import { CLOUD_EVENTS_CONTENT_TYPE } from '../cloud-event';

/**
 * The Kafka headers partners see, as JSON Schemas for the AsyncAPI document.
 * The names are those of libs/messaging's MessageHeaders (which depends on this
 * library, not the other way round); the spec checks the two agree. The DLQ
 * headers are left out: dead-letter topics are internal.
 */
export const HeaderNames = {
  ContentType: 'content-type',
  CorrelationId: 'correlation-id',
  TraceParent: 'traceparent',
} as const;

const CorrelationId = Type.String({
  pattern: '^[A-Za-z0-9._:-]{1,128}$',
  description: 'The id of the request (or consumed record) that caused the event, as given in x-correlation-id; quote it when asking about an event.',
});

const TraceParent = Type.String({
  pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
  description: 'W3C Trace Context of the request that caused the event, when it was traced.',
});

/** Headers of every CloudEvent record a Valley service publishes. */
export const CloudEventHeadersSchema = Type.Object({
  [HeaderNames.ContentType]: Type.Literal(CLOUD_EVENTS_CONTENT_TYPE, { description: 'Structured-mode CloudEvent: the record value is the whole envelope as JSON.' }),
  [HeaderNames.CorrelationId]: Type.Optional(CorrelationId),
  [HeaderNames.TraceParent]: Type.Optional(TraceParent),
});

/** Headers a carrier may set on a usage record; none is required, the value alone is the record. */
export const UsageRecordHeadersSchema = Type.Object({
  [HeaderNames.ContentType]: Type.Optional(Type.Literal('application/json', { description: 'The record value is one flat JSON usage record.' })),
  [HeaderNames.CorrelationId]: Type.Optional(CorrelationId),
  [HeaderNames.TraceParent]: Type.Optional(TraceParent),
});

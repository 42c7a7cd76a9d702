import type { IHeaders } from 'kafkajs';

/** Kafka header names the platform reads and writes. DO NOT RENAME: partners see them. */
export const MessageHeaders = {
  ContentType: 'content-type',
  CorrelationId: 'correlation-id',
  TraceParent: 'traceparent',
  EventType: 'ce_type',
  DlqReason: 'dlq-reason',
  DlqOriginTopic: 'dlq-origin-topic',
  DlqOriginPartition: 'dlq-origin-partition',
  DlqOriginOffset: 'dlq-origin-offset',
  DlqConsumerGroup: 'dlq-consumer-group',
  DlqAttempts: 'dlq-attempts',
  DlqFailedAt: 'dlq-failed-at',
} as const;

/** Reads one header as text (kafkajs gives Buffers, arrays or undefined). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

/** Trace context carried from the request that caused an event to the events it causes. */
export interface TraceContext {
  correlationId?: string;
  traceparent?: string;
}

export function traceHeaders(trace: TraceContext): Record<string, string> {
  const headers: Record<string, string> = {};
  if (trace.correlationId) headers[MessageHeaders.CorrelationId] = trace.correlationId;
  if (trace.traceparent) headers[MessageHeaders.TraceParent] = trace.traceparent;
  return headers;
}

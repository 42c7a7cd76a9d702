import type { EntityManager } from 'typeorm';
import {
  assertValidCloudEvent,
  buildCloudEvent,
  CLOUD_EVENTS_CONTENT_TYPE,
  EventCatalog,
  partitionKeyOf,
  type CloudEvent,
  type EventData,
  type EventType,
} from '@valley/contracts';
import { currentCorrelationId } from '../correlation/correlation-context';
import { MessageHeaders, traceHeaders, type TraceContext } from '../kafka/message-headers';

export interface PendingEvent<T extends EventType = EventType> {
  type: T;
  data: EventData<T>;
}

/**
 * Writes events into the transactional outbox, inside the caller's transaction,
 * so the state change and its events commit or roll back together.
 *
 * Write the outbox row after the aggregate row: the aggregate's row lock then
 * orders the outbox ids of one aggregate as its commits are ordered.
 *
 * The events carry the correlation id the caller passes, or else the one of
 * the request or consumed record in progress (see correlation-context), so a
 * handler need not thread it through.
 */
export class OutboxWriter {
  async publish<T extends EventType>(manager: EntityManager, type: T, data: EventData<T>, trace: TraceContext = {}): Promise<CloudEvent<T>> {
    const [event] = await this.publishAll(manager, [{ type, data }], trace);
    return event as CloudEvent<T>;
  }

  async publishAll(manager: EntityManager, pending: PendingEvent[], trace: TraceContext = {}): Promise<CloudEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.publish must run inside a database transaction (use dataSource.transaction)');
    }
    if (pending.length === 0) return [];
    // Refused at publish: a type without a schema or data that fails it never reaches the outbox.
    const events = pending.map((p) => assertValidCloudEvent(buildCloudEvent(p.type, p.data)));
    const headers = JSON.stringify({
      [MessageHeaders.ContentType]: CLOUD_EVENTS_CONTENT_TYPE,
      ...traceHeaders({ ...trace, correlationId: trace.correlationId ?? currentCorrelationId() }),
    });
    await manager.query(
      `INSERT INTO messaging_outbox (event_id, topic, message_key, event_type, payload, headers)
       SELECT e.event_id, e.topic, e.message_key, e.event_type, e.payload, $6::jsonb
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::json[]) WITH ORDINALITY
            AS e(event_id, topic, message_key, event_type, payload, ord)
       ORDER BY e.ord`,
      [
        events.map((e) => e.id),
        events.map((e) => EventCatalog[e.type].topic),
        events.map((e) => partitionKeyOf(e)),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e)),
        headers,
      ],
    );
    return events;
  }
}

import { EventExamples } from './asyncapi/examples';
import { validateEventData } from './contract-validator';
import { EVENT_TYPES, EventCatalog, PUBLIC_EVENT_TYPES } from './event-catalog';
import { CARRIER_TOPIC, partnerKafkaAccess, partnerUsername, PUBLIC_TOPICS, SERVICE_KAFKA_ACCESS } from './kafka-access';
import { deadLetterTopic, Topics, TopicSpecs } from './topics';

describe('Kafka access table', () => {
  it('lets each service write the topics of the events it publishes, and no other service write them', () => {
    for (const type of EVENT_TYPES) {
      const service = EventCatalog[type].source.replace('/valley/', '') as keyof typeof SERVICE_KAFKA_ACCESS;
      const writers = Object.entries(SERVICE_KAFKA_ACCESS).filter(([, access]) => access.writes.includes(EventCatalog[type].topic)).map(([name]) => name);
      expect([type, writers]).toEqual([type, [service]]);
    }
  });

  it('lets a consumer dead-letter only what it reads', () => {
    for (const access of Object.values(SERVICE_KAFKA_ACCESS)) {
      const dlqs = access.writes.filter((t) => t.endsWith('.dlq'));
      expect(dlqs.sort()).toEqual(access.reads.filter(() => access.username !== 'valley-gateway').map(deadLetterTopic).sort());
    }
    expect(SERVICE_KAFKA_ACCESS.gateway.writes).toEqual([]);
  });

  it('offers partners every CloudEvents topic of the contract, never the carriers\' raw usage records', () => {
    expect([...PUBLIC_TOPICS].sort()).toEqual(TopicSpecs.map((s) => s.name).filter((t) => t !== Topics.FlowUsageRecords).sort());
  });

  it('gives a partner its granted topics under its own group prefix, and a carrier the usage records to write', () => {
    const id = '5d0a3b7c-9e1f-4a2b-8c3d-4e5f6a7b8c9d';
    expect(partnerUsername(id)).toBe('partner-5d0a3b7c9e1f');
    expect(partnerKafkaAccess(id, 'bank', [Topics.FlowCharges])).toEqual({ username: 'partner-5d0a3b7c9e1f', reads: [Topics.FlowCharges], writes: [], groupPrefix: 'partner-5d0a3b7c9e1f.' });
    expect(partnerKafkaAccess(id, 'carrier', []).writes).toEqual([CARRIER_TOPIC]);
    expect(() => partnerKafkaAccess(id, 'bank', [Topics.FlowUsageRecords])).toThrow(/not public/);
  });
});

describe('internal event types', () => {
  it('have valid examples too, though the partners\' document leaves them out', () => {
    const internal = EVENT_TYPES.filter((t) => !PUBLIC_EVENT_TYPES.includes(t));
    expect(internal).toEqual(['valley.partner.registered.v1', 'valley.partner.credentials-rotated.v1', 'valley.partner.revoked.v1']);
    for (const type of internal) expect(validateEventData(type, EventExamples[type].data)).toMatchObject({ ok: true });
  });
});

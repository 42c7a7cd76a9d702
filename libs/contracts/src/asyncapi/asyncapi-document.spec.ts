import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { MessageHeaders } from '@valley/messaging';
import { partitionKeyOf, type CloudEvent } from '../cloud-event';
import { validateCloudEvent, validateUsageRecord } from '../contract-validator';
import { PUBLIC_EVENT_TYPES, EventCatalog, type EventType } from '../event-catalog';
import { PUBLIC_TOPICS } from '../kafka-access';
import { Topics, TopicSpecs } from '../topics';
import { buildAsyncApiDocument, channelId, USAGE_RECORD_MESSAGE_ID } from './asyncapi-document';
import type { AsyncApiDocument, AsyncApiMessage, JsonSchema } from './asyncapi.types';
import { HeaderNames } from './kafka-headers.schema';

/** A second, independent reading of the document's schemas: the payload as a partner would compile it. */
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

function check(schema: JsonSchema, value: unknown): string[] {
  const validate = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/**
 * What is undocumented, walking the contracts (not the document), so a new
 * event type or topic without documentation shows up here.
 */
function documentationGaps(doc: AsyncApiDocument): string[] {
  const gaps: string[] = [];
  for (const type of PUBLIC_EVENT_TYPES) {
    const message = doc.components.messages[type];
    if (!message) {
      gaps.push(`${type}: no message`);
      continue;
    }
    if (message.name !== type) gaps.push(`${type}: message named ${message.name}`);
    if (!message.description?.trim()) gaps.push(`${type}: no description`);
    if (!message.summary?.trim()) gaps.push(`${type}: no summary`);
    if (message.examples?.length !== 1) gaps.push(`${type}: ${message.examples?.length ?? 0} examples, expected exactly one`);
    const channel = doc.channels[channelId(EventCatalog[type].topic)];
    if (!channel?.messages[type]) gaps.push(`${type}: not on the channel of ${EventCatalog[type].topic}`);
  }
  for (const spec of TopicSpecs) {
    const channel = doc.channels[channelId(spec.name)];
    if (channel?.address !== spec.name) gaps.push(`${spec.name}: no channel`);
    else if (!channel.description.trim()) gaps.push(`${spec.name}: no description`);
  }
  return gaps;
}

function messageOf(doc: AsyncApiDocument, id: string): AsyncApiMessage {
  const message = doc.components.messages[id];
  if (!message) throw new Error(`no message ${id}`);
  return message;
}

type Editable = { channels: Record<string, { messages: Record<string, unknown> }>; components: { messages: Record<string, Record<string, unknown>> } };

describe(buildAsyncApiDocument.name, () => {
  const sut = buildAsyncApiDocument();

  it('documents every event type of the catalog and every topic', () => {
    expect(documentationGaps(sut)).toEqual([]);
    expect(Object.keys(sut.components.messages).sort()).toEqual([...PUBLIC_EVENT_TYPES, USAGE_RECORD_MESSAGE_ID].sort());
  });

  it('reports an event type without a message, a description or an example', () => {
    const doc = JSON.parse(JSON.stringify(sut)) as Editable;
    const [missing, blank, exampleless] = PUBLIC_EVENT_TYPES as [EventType, EventType, EventType];
    delete doc.components.messages[missing];
    doc.components.messages[blank]!['description'] = ' ';
    doc.components.messages[exampleless]!['examples'] = [];
    delete doc.channels[channelId(Topics.TalentPrograms)];

    expect(documentationGaps(doc as unknown as AsyncApiDocument)).toEqual(
      expect.arrayContaining([
        `${missing}: no message`,
        `${blank}: no description`,
        `${exampleless}: 0 examples, expected exactly one`,
        `${Topics.TalentPrograms}: no channel`,
      ]),
    );
  });

  describe.each(PUBLIC_EVENT_TYPES)('the example of %s', (type) => {
    const message = messageOf(sut, type);
    const example = message.examples[0]!;

    it('is a valid event for the contract', () => {
      expect(validateCloudEvent(example.payload)).toEqual({ ok: true, value: example.payload });
      expect((example.payload as CloudEvent).type).toBe(type);
    });

    it('is valid against the message payload, header and key schemas of the document', () => {
      expect(check(message.payload, example.payload)).toEqual([]);
      expect(check(message.headers, example.headers)).toEqual([]);
      expect(check(message.bindings.kafka.key, partitionKeyOf(example.payload as CloudEvent))).toEqual([]);
    });

    it('carries the data schema of the catalog and the fixed envelope fields of its type', () => {
      const definition = EventCatalog[type];
      const properties = message.payload['properties'] as Record<string, JsonSchema>;
      expect(properties['data']).toMatchObject(JSON.parse(JSON.stringify(definition.schema)) as JsonSchema);
      expect(properties['type']).toMatchObject({ const: type });
      expect(properties['source']).toMatchObject({ const: definition.source });
      expect(message.contentType).toBe('application/cloudevents+json');
      expect(message.bindings.kafka.key).toMatchObject({ type: 'string', format: 'uuid' });
    });

    it('refuses what the contract refuses', () => {
      const event = JSON.parse(JSON.stringify(example.payload)) as { data: Record<string, unknown> };
      event.data['nationalId'] = '14010119900101123X';
      expect(check(message.payload, event)).not.toEqual([]);
      expect(validateCloudEvent(event).ok).toBe(false);
    });
  });

  it('documents the carriers\' flat usage record with a valid example', () => {
    const message = messageOf(sut, USAGE_RECORD_MESSAGE_ID);
    const example = message.examples[0]!;
    expect(message.examples).toHaveLength(1);
    expect(message.contentType).toBe('application/json');
    expect(validateUsageRecord(example.payload).ok).toBe(true);
    expect(check(message.payload, example.payload)).toEqual([]);
    expect(check(message.headers, example.headers)).toEqual([]);
    expect(check(message.payload, { ...(example.payload as object), bytesIn: -1 })).not.toEqual([]);
    expect(sut.channels[channelId(Topics.FlowUsageRecords)]?.messages).toEqual({ [USAGE_RECORD_MESSAGE_ID]: { $ref: `#/components/messages/${USAGE_RECORD_MESSAGE_ID}` } });
  });

  it.each(TopicSpecs.map((spec) => [spec.name, spec] as const))('describes %s as a channel with its key, partitions and retention', (_name, spec) => {
    const channel = sut.channels[channelId(spec.name)]!;
    expect(channel.address).toBe(spec.name);
    expect(channel.bindings.kafka).toMatchObject({ topic: spec.name, partitions: spec.partitions, topicConfiguration: { 'retention.ms': spec.retentionMs } });
    expect(channel.bindings.kafka['x-key'].field).toBe(spec.key);
    expect(channel['x-senders'].length).toBeGreaterThan(0);
    for (const id of Object.keys(channel.messages)) expect(messageOf(sut, id).bindings.kafka.key).toEqual(channel.bindings.kafka['x-key'].schema);
    for (const type of PUBLIC_EVENT_TYPES.filter((t) => EventCatalog[t].topic === spec.name)) expect(EventCatalog[type].keyField).toBe(spec.key);
  });

  it('lets partners receive from every public topic and carriers send usage records, nothing else', () => {
    const operations = Object.values(sut.operations).map((op) => `${op.action} ${op.channel.$ref}`);
    expect(operations.sort()).toEqual(
      [...PUBLIC_TOPICS.map((topic) => `receive #/channels/${channelId(topic)}`), `send #/channels/${channelId(Topics.FlowUsageRecords)}`].sort(),
    );
  });

  it('tells partners how to connect: SASL/SCRAM-SHA-512 with registered credentials, their own group prefix', () => {
    for (const server of Object.values(sut.servers)) expect(server.security).toEqual([{ $ref: '#/components/securitySchemes/partnerScram' }]);
    expect(sut.components.securitySchemes['partnerScram']).toMatchObject({ type: 'scramSha512', description: expect.stringContaining('<your user name>.') });
  });

  it('leaves dead-letter topics out of the contract', () => {
    expect(Object.values(sut.channels).filter((c) => c.address.endsWith('.dlq'))).toEqual([]);
  });

  it('takes the broker address and version from the options', () => {
    expect(buildAsyncApiDocument({ serverUrl: 'kafka://broker-1:9092,broker-2:9092', version: '2.3.0' })).toMatchObject({
      info: { version: '2.3.0' },
      servers: { kafka: { host: 'broker-1:9092', protocol: 'kafka' }, 'kafka-2': { host: 'broker-2:9092', protocol: 'kafka' } },
    });
    expect(sut.servers).toEqual({ kafka: expect.objectContaining({ host: '127.0.0.1:9092', protocol: 'kafka' }) });
  });

  it('is the same on every build, and a caller cannot change the next one', () => {
    const first = buildAsyncApiDocument() as unknown as Editable;
    expect(buildAsyncApiDocument()).toEqual(first);
    (first.components.messages['valley.enterprise.approved.v1']!['examples'] as Array<{ payload: { data: Record<string, unknown> } }>)[0]!.payload.data['name'] = 'changed';
    expect(buildAsyncApiDocument()).toEqual(sut);
  });

  it('names the Kafka headers as libs/messaging writes them', () => {
    expect(HeaderNames).toEqual({ ContentType: MessageHeaders.ContentType, CorrelationId: MessageHeaders.CorrelationId, TraceParent: MessageHeaders.TraceParent });
  });
});

import { createHash } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { buildCloudEvent, CLOUD_EVENTS_CONTENT_TYPE, CloudEventEnvelopeSchema } from '../cloud-event';
import { dataSchemaUri, EventCatalog, PUBLIC_EVENT_TYPES, type EventType } from '../event-catalog';
import { Uuid } from '../events/common.schema';
import { Topics, TopicSpecs, type TopicSpec } from '../topics';
import { UsageRecordV1 } from '../usage-record';
import type {
  AsyncApiChannel,
  AsyncApiDocument,
  AsyncApiMessage,
  AsyncApiOperation,
  AsyncApiSecurityScheme,
  AsyncApiServer,
  JsonSchema,
} from './asyncapi.types';
import { EventExamples, ExampleTrace, UsageRecordExample, type EventExample } from './examples';
import { CloudEventHeadersSchema, HeaderNames, UsageRecordHeadersSchema } from './kafka-headers.schema';

export interface AsyncApiDocumentOptions {
  /** Kafka bootstrap address(es), `host:port[,host:port…]`; a `kafka://` prefix is dropped. */
  serverUrl?: string;
  /** The document's `info.version` (the gateway passes its release). */
  version?: string;
}

export const ASYNCAPI_DEFAULT_SERVER = '127.0.0.1:9092';
export const ASYNCAPI_DEFAULT_VERSION = '1.0.0';

/** The message id of the carriers' flat usage record (not a CloudEvent, so not in the EventCatalog). */
export const USAGE_RECORD_MESSAGE_ID = 'UsageRecordV1';

const KAFKA_BINDING_VERSION = '0.5.0';

const CONTRACT_DESCRIPTION = [
  'The public event contract of the Data Flow Valley park, generated from libs/contracts: the same topics and JSON Schemas every Valley service checks an event against when it produces and when it consumes it.',
  '**Envelope.** Every event is a CloudEvents 1.0 document in structured mode: the Kafka record value is the JSON envelope (`specversion`, `id`, `source`, `type`, `subject`, `time`, `datacontenttype`, `dataschema`, `data`) and the header `content-type` is `application/cloudevents+json`. `subject` is the aggregate\'s id; `data` follows the JSON Schema of the event `type`. Carriers\' usage records are the one exception: a flat JSON record, see `valley.flow.usage-records.v1`.',
  '**Keys and order.** The Kafka key is the topic\'s key field: `enterpriseId`, or `programId` on talent topics. The events of one key stay on one partition, in the order they happened; there is no order across keys.',
  '**Headers.** `content-type` always; `correlation-id` (1 to 128 characters of `A-Za-z0-9._:-`) and `traceparent` (W3C Trace Context) when the event was caused by a request. Quote the correlation id when asking about an event.',
  '**Delivery.** At least once: an event can arrive more than once (a producer failover, a consumer restart). Consumers must be idempotent and drop duplicates by the CloudEvents `id` (a usage record by `carrierId` and `recordId`).',
  '**Values.** Money is integer fen (1 yuan = 100 fen) as a decimal string, never a float; data volumes are integer bytes as decimal strings; months are `YYYY-MM` in Asia/Shanghai; instants are UTC. Public events carry no personal data: trainees appear only by a pseudonymous `traineeRef`.',
  '**Versioning.** Topic and type names end in `.vN` and are never renamed. Schemas are closed (no additional properties), so any change to one, a new field included, is a new `.vN` type on a new `.vN` topic, published beside the old one until the old one is retired.',
  '**Retention and replay.** Event topics keep every event (`retention.ms` -1): a partner can rebuild its state by consuming from the earliest offset. Raw usage records are kept 90 days. Each channel gives its own retention and partition count.',
  '**Dead letters.** `<topic>.dlq` topics hold the records a Valley consumer could not process, with the reason in headers. They are internal and not part of this contract.',
].join('\n\n');

/**
 * The AsyncAPI 3.0.0 document of the park's event stream: one channel per
 * topic, one message per event type (the envelope with that type's data
 * schema, and a valid example built with `buildCloudEvent`), a `receive`
 * operation per topic and a `send` operation for the carriers' usage records.
 * Deterministic: the same contracts give the same document.
 */
export function buildAsyncApiDocument(options: AsyncApiDocumentOptions = {}): AsyncApiDocument {
  const document: AsyncApiDocument = {
    asyncapi: '3.0.0',
    id: 'urn:valley:park-event-stream',
    info: { title: 'Valley park event stream', version: options.version ?? ASYNCAPI_DEFAULT_VERSION, description: CONTRACT_DESCRIPTION },
    defaultContentType: CLOUD_EVENTS_CONTENT_TYPE,
    servers: servers(options.serverUrl ?? ASYNCAPI_DEFAULT_SERVER),
    channels: Object.fromEntries(TopicSpecs.map((spec) => [channelId(spec.name), channel(spec)])),
    operations: Object.fromEntries(TopicSpecs.flatMap((spec) => operations(spec))),
    components: {
      securitySchemes: { partnerScram: PARTNER_SECURITY },
      messages: {
        ...Object.fromEntries(PUBLIC_EVENT_TYPES.map((type) => [type, eventMessage(type)])),
        [USAGE_RECORD_MESSAGE_ID]: usageRecordMessage(),
      },
    },
  };
  // A copy in plain JSON: the examples share objects with EventExamples, which a caller must not be able to change.
  return JSON.parse(JSON.stringify(document)) as AsyncApiDocument;
}

/** `-1` is forever; otherwise whole days (or milliseconds, if not whole days). */
export function describeRetention(retentionMs: number): string {
  if (retentionMs < 0) return 'forever';
  const day = 24 * 3600 * 1000;
  return retentionMs % day === 0 ? `${retentionMs / day} days` : `${retentionMs} ms`;
}

/** `valley.flow.usage-records.v1` → `flowUsageRecordsV1`. */
export function channelId(topic: string): string {
  const words = topic.replace(/^valley\./, '').split(/[.-]/);
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** TypeBox schemas are JSON Schema plus symbol keys; a JSON round trip leaves the plain schema. */
function plain(schema: TSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

/** How a partner connects: the credentials the park's administrators register for it. */
const PARTNER_SECURITY: AsyncApiSecurityScheme = {
  type: 'scramSha512',
  description: [
    'SASL/SCRAM-SHA-512 with the user name and password the park\'s administrators issue when they register your system (the password is shown to them once; ask for a rotation if it is lost).',
    'You may read the public topics you were granted, with consumer group ids that start with `<your user name>.`; a carrier may also write `valley.flow.usage-records.v1`. Everything else is refused.',
  ].join(' '),
};

function servers(serverUrl: string): Record<string, AsyncApiServer> {
  const hosts = serverUrl.split(',').map((h) => h.trim().replace(/^[a-z+]+:\/\//i, '')).filter((h) => h.length > 0);
  return Object.fromEntries(
    hosts.map((host, i) => [
      i === 0 ? 'kafka' : `kafka-${i + 1}`,
      { host, protocol: 'kafka' as const, title: 'Valley Kafka', description: 'A bootstrap broker of the park\'s Kafka cluster (KRaft).', security: [{ $ref: '#/components/securitySchemes/partnerScram' }] },
    ]),
  );
}

function messageIdsOf(topic: string): string[] {
  const events: string[] = PUBLIC_EVENT_TYPES.filter((type) => EventCatalog[type].topic === topic);
  return topic === Topics.FlowUsageRecords ? [...events, USAGE_RECORD_MESSAGE_ID] : events;
}

/** Who writes to a topic: the CloudEvents sources of its types, and carriers on the usage-records topic. */
function sendersOf(topic: string): string[] {
  const sources = new Set<string>(PUBLIC_EVENT_TYPES.filter((type) => EventCatalog[type].topic === topic).map((type) => EventCatalog[type].source));
  if (topic === Topics.FlowUsageRecords) sources.add('partner carriers').add('/valley/provisioning (manual uploads)');
  return [...sources];
}

function keySchema(field: string): JsonSchema {
  return { ...plain(Uuid), description: `The ${field}: all records of one ${field} are on one partition, in order.` };
}

function channel(spec: TopicSpec): AsyncApiChannel {
  return {
    address: spec.name,
    title: spec.name,
    description: `${spec.description} Key: \`${spec.key}\`. ${spec.partitions} partitions (at most that many consumers of one group get work). Kept ${describeRetention(spec.retentionMs)}.`,
    messages: Object.fromEntries(messageIdsOf(spec.name).map((m) => [m, { $ref: `#/components/messages/${m}` }])),
    bindings: {
      kafka: {
        topic: spec.name,
        partitions: spec.partitions,
        topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': spec.retentionMs },
        'x-key': { field: spec.key, schema: keySchema(spec.key) },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    'x-senders': sendersOf(spec.name),
  };
}

function operations(spec: TopicSpec): Array<[string, AsyncApiOperation]> {
  const id = channelId(spec.name);
  const pascal = id.charAt(0).toUpperCase() + id.slice(1);
  const ref = { $ref: `#/channels/${id}` };
  const messages = messageIdsOf(spec.name).map((m) => ({ $ref: `#/channels/${id}/messages/${m}` }));
  const dedupe = spec.name === Topics.FlowUsageRecords ? '(`carrierId`, `recordId`)' : 'the event `id`';
  const replay = spec.retentionMs < 0 ? 'Events are kept forever: start from the earliest offset to rebuild your state.' : `Records are kept ${describeRetention(spec.retentionMs)}.`;
  const receive: AsyncApiOperation = {
    action: 'receive',
    channel: ref,
    title: `Consume ${spec.name}`,
    summary: spec.description,
    description: `Subscribe with your own consumer group. Records of one \`${spec.key}\` arrive in order; the same record can arrive twice, so deduplicate by ${dedupe}. ${replay}`,
    messages,
  };
  if (spec.name !== Topics.FlowUsageRecords) return [[`receive${pascal}`, receive]];
  const send: AsyncApiOperation = {
    action: 'send',
    channel: ref,
    title: `Produce ${spec.name}`,
    summary: 'Partner carriers produce raw usage records.',
    description: [
      'One flat JSON usage record per Kafka record (not a CloudEvent), keyed by its `enterpriseId`.',
      '`recordId` is unique per carrier: the same (`carrierId`, `recordId`) delivered twice counts once, so a carrier may safely resend after a timeout.',
      'Windows are ISO-8601 date-times with a zone, the end after the start, at most 31 days long and not in the future; byte counts are non-negative integers (JSON numbers or decimal strings).',
      'An invalid record goes to the internal dead-letter topic with its reason; the stream keeps flowing.',
    'Only carriers may write here, and no partner may read it: usage reaches partners as the monthly charges.',
    ].join(' '),
    messages: [{ $ref: `#/channels/${id}/messages/${USAGE_RECORD_MESSAGE_ID}` }],
  };
  // Partners never read the raw usage records (other carriers' business): carriers only send them.
  return [[`send${pascal}`, send]];
}

/** `valley.flow.quota-threshold-reached.v1` → `Flow: quota threshold reached`. */
function titleOf(type: EventType): string {
  const [, domain = '', name = ''] = type.split('.');
  return `${domain.charAt(0).toUpperCase()}${domain.slice(1)}: ${name.replace(/-/g, ' ')}`;
}

const ENVELOPE_FIELD_DOCS: Record<string, string> = {
  specversion: 'CloudEvents version.',
  id: 'Unique per event: deduplicate by it.',
  source: 'The Valley service that published the event.',
  type: 'The event type; its data schema is below.',
  time: 'When the fact happened (UTC).',
  datacontenttype: 'The data is JSON.',
  dataschema: 'Names the data schema (an identifier, not a URL to fetch).',
};

/** The envelope's JSON Schema with this type's data schema in `data` and its fixed fields as constants. */
function eventPayload(type: EventType): JsonSchema {
  const definition = EventCatalog[type];
  const envelope = plain(CloudEventEnvelopeSchema);
  const fields = envelope['properties'] as Record<string, JsonSchema>;
  const fixed: Record<string, JsonSchema> = {
    source: { const: definition.source },
    type: { const: type },
    subject: { description: `The aggregate's id: data.${definition.subjectField}.` },
    dataschema: { const: dataSchemaUri(type) },
  };
  const properties = Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => {
      if (name === 'data') return [name, { ...plain(definition.schema), description: definition.description }];
      const doc = ENVELOPE_FIELD_DOCS[name];
      return [name, { ...schema, ...(doc ? { description: doc } : {}), ...fixed[name] }];
    }),
  );
  return { ...envelope, title: type, properties };
}

/** A stable uuid per event type (name-based, version 5 layout), so the document does not change between builds. */
function exampleEventId(type: EventType): string {
  const h = createHash('sha1').update(`valley.asyncapi.example:${type}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function exampleTraceHeaders(): Record<string, string> {
  return { [HeaderNames.CorrelationId]: ExampleTrace.correlationId, [HeaderNames.TraceParent]: ExampleTrace.traceparent };
}

function eventMessage<T extends EventType>(type: T): AsyncApiMessage {
  const definition = EventCatalog[type];
  const example = EventExamples[type] as EventExample<T> | undefined;
  // The type system already asks for one; this says where when only jest runs.
  if (!example) throw new Error(`${type} has no example: add one to libs/contracts/src/asyncapi/examples.ts`);
  return {
    name: type,
    title: titleOf(type),
    summary: definition.description,
    description: `${definition.description}\n\nPublished by \`${definition.source}\` on \`${definition.topic}\`. Kafka key: \`data.${definition.keyField}\`; subject: \`data.${definition.subjectField}\`. Deduplicate by the envelope \`id\`.`,
    contentType: CLOUD_EVENTS_CONTENT_TYPE,
    headers: plain(CloudEventHeadersSchema),
    payload: eventPayload(type),
    correlationId: { description: 'The correlation-id header, when the event was caused by a request.', location: `$message.header#/${HeaderNames.CorrelationId}` },
    tags: [{ name: type.split('.')[1] ?? 'valley' }],
    bindings: { kafka: { key: keySchema(definition.keyField), bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [
      {
        name: type,
        summary: example.summary,
        headers: { [HeaderNames.ContentType]: CLOUD_EVENTS_CONTENT_TYPE, ...exampleTraceHeaders() },
        payload: buildCloudEvent(type, example.data, { id: exampleEventId(type), time: new Date(example.time) }),
      },
    ],
  };
}

function usageRecordMessage(): AsyncApiMessage {
  return {
    name: USAGE_RECORD_MESSAGE_ID,
    title: 'Flow: carrier usage record',
    summary: 'A raw usage record as a partner carrier produces it (flat JSON, not a CloudEvent).',
    description:
      'One metering window of one enterprise\'s traffic, measured by a carrier. `recordId` is unique per carrier: the same (`carrierId`, `recordId`) counts once however often it is delivered. Windows are ISO-8601 with a zone; a window counts in the Asia/Shanghai month (and day) it starts in. Byte counts are non-negative integers, as JSON numbers or decimal strings. Kafka key: `enterpriseId`. An invalid record goes to the internal dead-letter topic with its reason.',
    contentType: 'application/json',
    headers: plain(UsageRecordHeadersSchema),
    payload: { ...plain(UsageRecordV1), title: USAGE_RECORD_MESSAGE_ID },
    correlationId: { description: 'The correlation-id header, if the carrier sets one.', location: `$message.header#/${HeaderNames.CorrelationId}` },
    tags: [{ name: 'flow' }],
    bindings: { kafka: { key: keySchema('enterpriseId'), bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [
      {
        name: USAGE_RECORD_MESSAGE_ID,
        summary: UsageRecordExample.summary,
        headers: { [HeaderNames.ContentType]: 'application/json', [HeaderNames.CorrelationId]: ExampleTrace.correlationId },
        payload: UsageRecordExample.record,
      },
    ],
  };
}

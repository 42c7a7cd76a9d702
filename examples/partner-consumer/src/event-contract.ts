import { readFile } from 'node:fs/promises';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ParkEvent } from './park-events';

/** The header and content type of a structured-mode CloudEvent, as the document's contract section says. */
export const CLOUD_EVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/** A Kafka record as it comes off the wire, before anything is trusted. */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | string | null;
  headers: Record<string, Buffer | string | Array<Buffer | string> | undefined>;
  value: Buffer | string | null;
}

export type Verdict = { ok: true; event: ParkEvent } | { ok: false; reason: string };

/** One public topic the document lets a partner receive. */
export interface PublicTopic {
  name: string;
  /** The data field whose value is the Kafka key (the channel's `x-key`). */
  keyField: string;
  /** The CloudEvents `type`s documented on the channel. */
  eventTypes: string[];
}

type Json = Record<string, unknown>;

interface MessageValidator {
  payload: ValidateFunction;
  headers: ValidateFunction | undefined;
}

/** The CloudEvents 1.0 attributes the contract requires on every event, checked before the type's schema. */
const ENVELOPE_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data'] as const;

/**
 * What a partner takes from the park's AsyncAPI 3.0 document: the topics it may
 * receive (the channels of the `receive` operations, and only those: a channel
 * partners only `send` to, like the carriers' usage records, is not read), and
 * per message the JSON Schema of its payload and headers, compiled with ajv.
 * Every message a partner receives is a CloudEvent; a document that offers
 * anything else to receive is refused when loaded, not half-understood.
 * `check` decides whether a record is a valid event of its topic; it never
 * throws on a record.
 */
export class EventContract {
  private constructor(
    readonly title: string,
    readonly version: string,
    readonly topics: readonly PublicTopic[],
    private readonly validators: ReadonlyMap<string, ReadonlyMap<string, MessageValidator>>,
  ) {}

  /** From a URL (http/https) or a file path. */
  static async load(source: string): Promise<EventContract> {
    return EventContract.fromDocument(await loadDocument(source));
  }

  static fromDocument(document: unknown): EventContract {
    const doc = asObject(document, 'the AsyncAPI document');
    if (typeof doc['asyncapi'] !== 'string' || !doc['asyncapi'].startsWith('3.')) throw new Error(`not an AsyncAPI 3 document (asyncapi: ${String(doc['asyncapi'])})`);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const topics: PublicTopic[] = [];
    const validators = new Map<string, Map<string, MessageValidator>>();
    const operations = Object.values(asObject(doc['operations'] ?? {}, 'operations')).map((op) => asObject(op, 'operation'));
    for (const operation of operations.filter((op) => op['action'] === 'receive')) {
      const channel = asObject(resolve(doc, operation['channel']), 'channel');
      const name = String(channel['address']);
      if (validators.has(name)) continue;
      const kafka = asObject(asObject(channel['bindings'] ?? {}, 'bindings')['kafka'] ?? {}, 'kafka binding');
      const keyField = String(asObject(kafka['x-key'] ?? {}, 'x-key')['field'] ?? '');
      const byId = new Map<string, MessageValidator>();
      const topic: PublicTopic = { name, keyField, eventTypes: [] };
      for (const [id, ref] of Object.entries(asObject(channel['messages'] ?? {}, 'messages'))) {
        const message = asObject(resolve(doc, ref), `message ${id}`);
        const payload = asObject(message['payload'], `payload of ${id}`);
        const contentType = String(message['contentType'] ?? doc['defaultContentType'] ?? 'application/json');
        if (contentType !== CLOUD_EVENTS_CONTENT_TYPE) throw new Error(`${name} offers message ${id} (${contentType}) to receive: this consumer reads CloudEvents (${CLOUD_EVENTS_CONTENT_TYPE}) only`);
        // The message's name is its CloudEvents type; the payload pins it as a constant too.
        const type = String(asObject(asObject(payload['properties'] ?? {}, 'properties')['type'] ?? {}, 'type')['const'] ?? message['name'] ?? id);
        byId.set(type, { payload: ajv.compile(payload), headers: message['headers'] ? ajv.compile(asObject(message['headers'], `headers of ${id}`)) : undefined });
        topic.eventTypes.push(type);
      }
      validators.set(name, byId);
      topics.push(topic);
    }
    if (topics.length === 0) throw new Error('the document has no receive operation: no topic to consume');
    const info = asObject(doc['info'] ?? {}, 'info');
    return new EventContract(String(info['title'] ?? ''), String(info['version'] ?? ''), topics, validators);
  }

  /** Whether `record` is a valid event of its topic; the reason when it is not. */
  check(record: RawRecord): Verdict {
    const messages = this.validators.get(record.topic);
    const topic = this.topics.find((t) => t.name === record.topic);
    if (!messages || !topic) return { ok: false, reason: `topic ${record.topic} is not in the document` };
    const value = parseJson(record.value);
    if (value === undefined) return { ok: false, reason: 'the value is not a JSON object' };
    const verdict = this.checkCloudEvent(topic, messages, value, headerStrings(record.headers));
    if (!verdict.ok) return verdict;
    return this.checkKey(topic, record.key, verdict);
  }

  private checkCloudEvent(topic: PublicTopic, messages: ReadonlyMap<string, MessageValidator>, value: Json, headers: Record<string, string>): Verdict {
    const missing = ENVELOPE_ATTRIBUTES.filter((a) => !(a in value));
    if (missing.length > 0) return { ok: false, reason: `not a CloudEvent: missing ${missing.join(', ')}` };
    if (value['specversion'] !== '1.0') return { ok: false, reason: `CloudEvents specversion ${JSON.stringify(value['specversion'])}, expected "1.0"` };
    const type = String(value['type']);
    const validator = messages.get(type);
    if (!validator) return { ok: false, reason: `type ${type} is not documented on ${topic.name}` };
    if (validator.headers && !validator.headers(headers)) return { ok: false, reason: `headers: ${errorsOf(validator.headers)}` };
    if (!validator.payload(value)) return { ok: false, reason: `${type}: ${errorsOf(validator.payload)}` };
    return { ok: true, event: { kind: 'cloudevent', id: String(value['id']), source: String(value['source']), type, subject: String(value['subject']), time: String(value['time']), data: value['data'] as Json } };
  }

  /** The Kafka key is the topic's key field: a record whose key says otherwise is not what the contract promises. */
  private checkKey(topic: PublicTopic, key: RawRecord['key'], verdict: Extract<Verdict, { ok: true }>): Verdict {
    if (!topic.keyField) return verdict;
    const expected = verdict.event.data[topic.keyField];
    const actual = key === null ? null : key.toString();
    if (expected !== undefined && actual !== String(expected)) return { ok: false, reason: `Kafka key ${JSON.stringify(actual)} is not ${topic.keyField} ${JSON.stringify(expected)}` };
    return verdict;
  }
}

async function loadDocument(source: string): Promise<unknown> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`GET ${source}: ${res.status} ${res.statusText}`);
    return res.json();
  }
  return JSON.parse(await readFile(source, 'utf8')) as unknown;
}

/** A local `$ref` (`#/components/messages/…`, JSON Pointer escaping) or the object itself. */
function resolve(doc: Json, node: unknown): unknown {
  const ref = typeof node === 'object' && node !== null ? (node as Json)['$ref'] : undefined;
  if (typeof ref !== 'string') return node;
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are followed, not ${ref}`);
  let at: unknown = doc;
  for (const part of ref.slice(2).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    at = typeof at === 'object' && at !== null ? (at as Json)[part] : undefined;
    if (at === undefined) throw new Error(`$ref ${ref} does not resolve`);
  }
  return resolve(doc, at);
}

function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what}: expected an object`);
  return value as Json;
}

function parseJson(value: RawRecord['value']): Json | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString());
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

function headerStrings(headers: RawRecord['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name.toLowerCase()] = first.toString();
  }
  return out;
}

function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`).join('; ');
}

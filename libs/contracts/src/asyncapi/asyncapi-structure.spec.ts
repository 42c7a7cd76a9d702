import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildAsyncApiDocument } from './asyncapi-document';
import type { AsyncApiDocument } from './asyncapi.types';

/**
 * The structural rules of AsyncAPI 3.0.0 the document relies on, checked here
 * because @asyncapi/parser is not a dependency: the fixed fields of each
 * object (anything else must be an `x-` extension), the required ones, the id
 * patterns, every `$ref` resolving inside the document, and each operation's
 * messages belonging to its channel.
 */
type Json = Record<string, unknown>;

const ID = /^[\w.-]+$/;
const EXTENSION = /^x-[\w.-]+$/;
const CORRELATION_LOCATION = /^\$message\.(header|payload)#(\/(([^/~])|(~[01]))*)*$/;

const FIELDS = {
  document: ['asyncapi', 'id', 'info', 'servers', 'defaultContentType', 'channels', 'operations', 'components'],
  info: ['title', 'version', 'description', 'termsOfService', 'contact', 'license', 'tags', 'externalDocs'],
  server: ['host', 'protocol', 'protocolVersion', 'pathname', 'description', 'title', 'summary', 'variables', 'security', 'tags', 'externalDocs', 'bindings'],
  channel: ['address', 'messages', 'title', 'summary', 'description', 'servers', 'parameters', 'tags', 'externalDocs', 'bindings'],
  operation: ['action', 'channel', 'title', 'summary', 'description', 'security', 'tags', 'externalDocs', 'bindings', 'traits', 'messages', 'reply'],
  message: ['headers', 'payload', 'correlationId', 'contentType', 'name', 'title', 'summary', 'description', 'tags', 'externalDocs', 'bindings', 'examples', 'traits'],
  example: ['headers', 'payload', 'name', 'summary'],
  tag: ['name', 'description', 'externalDocs'],
  correlationId: ['description', 'location'],
  kafkaChannel: ['topic', 'partitions', 'replicas', 'topicConfiguration', 'bindingVersion'],
  kafkaMessage: ['key', 'schemaIdLocation', 'schemaIdPayloadEncoding', 'schemaLookupStrategy', 'bindingVersion'],
  components: ['schemas', 'servers', 'channels', 'operations', 'messages', 'securitySchemes', 'serverVariables', 'parameters', 'correlationIds', 'replies', 'replyAddresses', 'externalDocs', 'tags', 'operationTraits', 'messageTraits', 'serverBindings', 'channelBindings', 'operationBindings', 'messageBindings'],
} as const;

function asJson(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** Resolves a local JSON pointer (`#/a/b~1c`), or undefined. */
function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

function refsIn(value: unknown, path = '#'): Array<{ path: string; ref: string }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, `${path}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ path, ref: v }] : refsIn(v, `${path}/${k}`)));
}

/** Every violation of the rules above, as `path: problem`. */
function structuralProblems(document: AsyncApiDocument): string[] {
  const doc = document as unknown as Json;
  const problems: string[] = [];
  const fields = (path: string, object: unknown, allowed: readonly string[], required: readonly string[] = []): void => {
    const json = asJson(object);
    for (const key of Object.keys(json)) if (!allowed.includes(key) && !EXTENSION.test(key)) problems.push(`${path}: unknown field ${key}`);
    for (const key of required) if (json[key] === undefined || json[key] === '') problems.push(`${path}: missing ${key}`);
  };
  const ids = (path: string, map: unknown): Array<[string, Json]> =>
    Object.entries(asJson(map)).map(([id, v]) => {
      if (!ID.test(id)) problems.push(`${path}: id ${id} does not match ${ID}`);
      return [id, asJson(v)];
    });
  const tags = (path: string, list: unknown): void => {
    const names = (Array.isArray(list) ? list : []).map((t, i) => (fields(`${path}/${i}`, t, FIELDS.tag, ['name']), asJson(t)['name']));
    if (new Set(names).size !== names.length) problems.push(`${path}: duplicate tag names`);
  };

  if (doc['asyncapi'] !== '3.0.0') problems.push(`asyncapi is ${String(doc['asyncapi'])}, expected 3.0.0`);
  fields('#', doc, FIELDS.document, ['asyncapi', 'info']);
  fields('#/info', doc['info'], FIELDS.info, ['title', 'version']);
  tags('#/info/tags', asJson(doc['info'])['tags']);
  for (const [id, server] of ids('#/servers', doc['servers'])) fields(`#/servers/${id}`, server, FIELDS.server, ['host', 'protocol']);
  fields('#/components', doc['components'], FIELDS.components);

  const addresses = new Set<string>();
  for (const [id, channel] of ids('#/channels', doc['channels'])) {
    fields(`#/channels/${id}`, channel, FIELDS.channel);
    const address = channel['address'];
    if (typeof address === 'string' && addresses.has(address)) problems.push(`#/channels/${id}: address ${address} used twice`);
    if (typeof address === 'string') addresses.add(address);
    for (const [messageId, ref] of ids(`#/channels/${id}/messages`, channel['messages'])) {
      if (typeof ref['$ref'] !== 'string' || !ref['$ref'].startsWith('#/components/messages/')) problems.push(`#/channels/${id}/messages/${messageId}: not a reference to a component message`);
    }
    const kafka = asJson(asJson(channel['bindings'])['kafka']);
    fields(`#/channels/${id}/bindings/kafka`, kafka, FIELDS.kafkaChannel);
    if (typeof kafka['partitions'] !== 'number' || kafka['partitions'] < 1) problems.push(`#/channels/${id}/bindings/kafka: partitions must be positive`);
  }

  for (const [id, operation] of ids('#/operations', doc['operations'])) {
    const path = `#/operations/${id}`;
    fields(path, operation, FIELDS.operation, ['action', 'channel']);
    if (operation['action'] !== 'send' && operation['action'] !== 'receive') problems.push(`${path}: action ${String(operation['action'])}`);
    const channelRef = asJson(operation['channel'])['$ref'];
    if (typeof channelRef !== 'string' || !/^#\/channels\/[^/]+$/.test(channelRef)) {
      problems.push(`${path}: channel is not a reference to a channel`);
      continue;
    }
    const messages = Array.isArray(operation['messages']) ? operation['messages'] : [];
    for (const [i, m] of messages.entries()) {
      const ref = asJson(m)['$ref'];
      if (typeof ref !== 'string' || !ref.startsWith(`${channelRef}/messages/`)) problems.push(`${path}/messages/${i}: ${String(ref)} is not a message of ${channelRef}`);
    }
  }

  const used = new Set(Object.values(asJson(doc['channels'])).flatMap((c) => Object.values(asJson(asJson(c)['messages'])).map((r) => asJson(r)['$ref'])));
  for (const [id, message] of ids('#/components/messages', asJson(doc['components'])['messages'])) {
    const path = `#/components/messages/${id}`;
    fields(path, message, FIELDS.message, ['payload']);
    tags(`${path}/tags`, message['tags']);
    fields(`${path}/correlationId`, message['correlationId'], FIELDS.correlationId, ['location']);
    const location = asJson(message['correlationId'])['location'];
    if (location !== undefined && (typeof location !== 'string' || !CORRELATION_LOCATION.test(location))) problems.push(`${path}/correlationId: bad location ${String(location)}`);
    fields(`${path}/bindings/kafka`, asJson(message['bindings'])['kafka'], FIELDS.kafkaMessage);
    for (const [i, example] of (Array.isArray(message['examples']) ? message['examples'] : []).entries()) {
      fields(`${path}/examples/${i}`, example, FIELDS.example);
      if (asJson(example)['payload'] === undefined && asJson(example)['headers'] === undefined) problems.push(`${path}/examples/${i}: neither payload nor headers`);
    }
    if (!used.has(`#/components/messages/${id}`)) problems.push(`${path}: on no channel`);
  }

  for (const { path, ref } of refsIn(doc)) if (resolve(doc, ref) === undefined) problems.push(`${path}: $ref ${ref} does not resolve`);
  return problems;
}

describe('the AsyncAPI document structure', () => {
  const sut = buildAsyncApiDocument();

  it('follows the AsyncAPI 3.0.0 rules', () => {
    expect(structuralProblems(sut)).toEqual([]);
  });

  it('has payload and header schemas that compile', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    for (const message of Object.values(sut.components.messages)) {
      expect(() => ajv.compile(message.payload)).not.toThrow();
      expect(() => ajv.compile(message.headers)).not.toThrow();
    }
  });

  it('catches a dangling reference, a foreign message in an operation and an unknown field', () => {
    const doc = JSON.parse(JSON.stringify(sut)) as {
      channels: Record<string, { messages: Record<string, { $ref: string }> }>;
      operations: Record<string, { messages: Array<{ $ref: string }> }>;
      components: { messages: Record<string, Record<string, unknown>> };
    };
    const [firstChannel, secondChannel] = Object.keys(doc.channels) as [string, string];
    const [firstMessage] = Object.keys(doc.channels[firstChannel]!.messages) as [string];
    doc.channels[firstChannel]!.messages[firstMessage] = { $ref: '#/components/messages/valley.nowhere.v1' };
    const receiveSecond = Object.values(doc.operations).find((op) => op.messages[0]?.$ref.startsWith(`#/channels/${secondChannel}/`))!;
    receiveSecond.messages.push({ $ref: `#/channels/${firstChannel}/messages/${firstMessage}` });
    doc.components.messages[firstMessage]!['example'] = {};

    const problems = structuralProblems(doc as unknown as AsyncApiDocument);
    expect(problems).toEqual(
      expect.arrayContaining([
        `#/channels/${firstChannel}/messages/${firstMessage}: $ref #/components/messages/valley.nowhere.v1 does not resolve`,
        expect.stringMatching(new RegExp(`is not a message of #/channels/${secondChannel}$`)),
        `#/components/messages/${firstMessage}: unknown field example`,
      ]),
    );
  });
});

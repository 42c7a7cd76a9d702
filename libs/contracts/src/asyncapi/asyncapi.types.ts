/**
 * The part of the AsyncAPI 3.0.0 object model the Valley document uses: plain
 * JSON, so it can be served as is. Field names are the specification's; `x-`
 * fields are specification extensions.
 */

/** A JSON Schema (draft-07 subset, which AsyncAPI's default schema format is a superset of). */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface AsyncApiReference {
  readonly $ref: string;
}

export interface AsyncApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly tags?: readonly AsyncApiTag[];
}

export interface AsyncApiTag {
  readonly name: string;
  readonly description?: string;
}

export interface AsyncApiServer {
  readonly host: string;
  readonly protocol: 'kafka';
  readonly title?: string;
  readonly description?: string;
  readonly security?: ReadonlyArray<{ readonly $ref: string }>;
}

export interface AsyncApiSecurityScheme {
  readonly type: 'scramSha512' | 'scramSha256' | 'plain';
  readonly description?: string;
}

/** Kafka channel binding 0.5.0. */
export interface KafkaChannelBinding {
  readonly topic: string;
  readonly partitions: number;
  readonly topicConfiguration: {
    readonly 'cleanup.policy': readonly ('delete' | 'compact')[];
    /** -1: kept forever. */
    readonly 'retention.ms': number;
  };
  /** The record key: which data field it is, and its schema (the binding has no key field of its own). */
  readonly 'x-key': { readonly field: string; readonly schema: JsonSchema };
  readonly bindingVersion: '0.5.0';
}

export interface AsyncApiChannel {
  readonly address: string;
  readonly title: string;
  readonly description: string;
  readonly messages: { readonly [messageId: string]: AsyncApiReference };
  readonly bindings: { readonly kafka: KafkaChannelBinding };
  /** Who may write to the topic: a Valley service (its CloudEvents `source`) or partner carriers. */
  readonly 'x-senders': readonly string[];
}

export interface AsyncApiOperation {
  readonly action: 'send' | 'receive';
  readonly channel: AsyncApiReference;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  /** References into the operation's own channel (`#/channels/<id>/messages/<id>`). */
  readonly messages: readonly AsyncApiReference[];
}

/** Kafka message binding 0.5.0. */
export interface KafkaMessageBinding {
  readonly key: JsonSchema;
  readonly bindingVersion: '0.5.0';
}

export interface AsyncApiMessageExample {
  readonly name: string;
  readonly summary: string;
  readonly headers: { readonly [header: string]: string };
  readonly payload: unknown;
}

export interface AsyncApiMessage {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly contentType: string;
  readonly headers: JsonSchema;
  readonly payload: JsonSchema;
  readonly correlationId?: { readonly description: string; readonly location: string };
  readonly tags: readonly AsyncApiTag[];
  readonly bindings: { readonly kafka: KafkaMessageBinding };
  readonly examples: readonly AsyncApiMessageExample[];
}

export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly id: string;
  readonly info: AsyncApiInfo;
  readonly defaultContentType: string;
  readonly servers: { readonly [serverId: string]: AsyncApiServer };
  readonly channels: { readonly [channelId: string]: AsyncApiChannel };
  readonly operations: { readonly [operationId: string]: AsyncApiOperation };
  readonly components: { readonly securitySchemes: { readonly [schemeId: string]: AsyncApiSecurityScheme }; readonly messages: { readonly [messageId: string]: AsyncApiMessage } };
}

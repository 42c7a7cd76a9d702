import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { logLevel, type SASLOptions } from 'kafkajs';
import type { KafkaSasl } from './kafka-client.factory';

/*
 * SCRAM credentials through the Kafka admin API (AlterUserScramCredentials,
 * API key 51, KIP-554): kafkajs has no admin call for it, and it is the only
 * way to create a principal on a KRaft cluster without the broker's CLI (a
 * JVM in every image). kafkajs's own connection, authentication and encoder
 * carry the request; this file encodes its body. kafkajs 2.2 is the final
 * release, so the internals used here (src/cluster, the Encoder and Decoder)
 * no longer move.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Cluster = require('kafkajs/src/cluster') as new (options: Record<string, unknown>) => KafkajsCluster;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLogger } = require('kafkajs/src/loggers') as { createLogger: (o: { level: number; logCreator: () => () => void }) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const socketFactory = require('kafkajs/src/network/socketFactory') as () => unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Encoder = require('kafkajs/src/protocol/encoder') as new () => KafkajsEncoder;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => KafkajsDecoder;

interface KafkajsEncoder {
  writeInt8(v: number): KafkajsEncoder;
  writeInt32(v: number): KafkajsEncoder;
  writeUVarInt(v: number): KafkajsEncoder;
  writeUVarIntString(v: string): KafkajsEncoder;
  writeUVarIntBytes(v: Buffer): KafkajsEncoder;
  writeEncoder(e: KafkajsEncoder): KafkajsEncoder;
}
interface KafkajsDecoder {
  readInt16(): number;
  readInt32(): number;
  readUVarInt(): number;
  readUVarIntString(): string | null;
  readTaggedFields(): unknown;
}
interface KafkajsBroker {
  connectionPool: { send(request: unknown): Promise<unknown> };
}
interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  findControllerBroker(): Promise<KafkajsBroker>;
}

const API_KEY = 51;
const MECHANISMS = { 'scram-sha-256': { code: 1, digest: 'sha256', length: 32 }, 'scram-sha-512': { code: 2, digest: 'sha512', length: 64 } } as const;
export type ScramMechanism = keyof typeof MECHANISMS;
/** Kafka refuses fewer than 4096 iterations (and more than 16384). */
const ITERATIONS = 8192;

export interface ScramUpsertion {
  username: string;
  password: string;
  mechanism?: ScramMechanism;
}

/** One user's outcome; `error` is Kafka's code name and message when the broker refused it. */
export interface ScramResult {
  username: string;
  errorCode: number;
  error?: string;
}

export class ScramCredentialError extends Error {
  constructor(readonly results: ScramResult[]) {
    super(`Kafka refused SCRAM credential changes: ${results.map((r) => `${r.username}: ${r.error ?? `error ${r.errorCode}`}`).join('; ')}`);
    this.name = 'ScramCredentialError';
  }
}

export interface ScramAdminOptions {
  brokers: string[];
  /** An admin principal's credentials: Kafka authorises the change as ALTER on the cluster. */
  sasl?: KafkaSasl;
  clientId?: string;
}

/**
 * Creates or replaces SCRAM credentials in one request to the controller.
 * Throws ScramCredentialError naming each user Kafka refused.
 *
 * There is deliberately no deletion: see revokeScramCredentials.
 */
export async function alterScramCredentials(options: ScramAdminOptions, change: { upsert: ScramUpsertion[] }): Promise<void> {
  const upsertions = change.upsert.map(saltUpsertion);
  if (upsertions.length === 0) return;
  const cluster = new Cluster({
    logger: createLogger({ level: logLevel.NOTHING, logCreator: () => () => undefined }),
    retry: { retries: 5, initialRetryTime: 200 },
    offsets: new Map(),
    socketFactory: socketFactory(),
    brokers: options.brokers,
    sasl: options.sasl as SASLOptions | undefined,
    clientId: options.clientId ?? 'valley-scram-admin',
    connectionTimeout: 3000,
    requestTimeout: 15000,
    enforceRequestTimeout: true,
  });
  await cluster.connect();
  try {
    await cluster.refreshMetadata();
    const controller = await cluster.findControllerBroker();
    const results = (await controller.connectionPool.send({ request: request(upsertions), response, requestTimeout: 15000 })) as ScramResult[];
    const refused = results.filter((r) => r.errorCode !== 0);
    if (refused.length > 0) throw new ScramCredentialError(refused);
  } finally {
    await cluster.disconnect();
  }
}

/**
 * Takes away the users' SCRAM logins by replacing each password with 32
 * random bytes that are thrown away at once: nobody can log in as them again.
 *
 * Why not Kafka's own deletion: Kafka 4.1.2 (ScramDelta is unchanged in
 * 4.2.1 and 4.3.1) loses every SCRAM credential of a mechanism when a broker
 * replays a deletion record onto a metadata image that holds no credential
 * of that mechanism yet. ScramDelta.apply() drops the mechanism's map once a
 * deletion leaves it empty, and the upserts that its HashMap visits after
 * the deletion land in the dropped map. A broker that restarts without a
 * metadata snapshot replays its log from an empty image, so one deleted
 * partner can lock out the admin and every service, depending only on how
 * the user names hash. Replacing the password never writes a deletion
 * record, so a restart cannot trigger it. Revoking a user that had no
 * credentials gives it one that nobody holds, which is as good as none.
 */
export async function revokeScramCredentials(options: ScramAdminOptions, usernames: string[], mechanism: ScramMechanism = 'scram-sha-512'): Promise<void> {
  await alterScramCredentials(options, { upsert: usernames.map((username) => ({ username, mechanism, password: randomBytes(32).toString('base64') })) });
}

interface SaltedUpsertion {
  username: string;
  mechanism: number;
  salt: Buffer;
  saltedPassword: Buffer;
}

/** RFC 5802 Hi(): PBKDF2 with the mechanism's HMAC, as the broker would compute it from the clear password. */
function saltUpsertion(u: ScramUpsertion): SaltedUpsertion {
  const m = MECHANISMS[u.mechanism ?? 'scram-sha-512'];
  const salt = randomBytes(32);
  return { username: u.username, mechanism: m.code, salt, saltedPassword: pbkdf2Sync(u.password, salt, ITERATIONS, m.length, m.digest) };
}

/** AlterUserScramCredentials v0: a flexible version, so compact arrays and strings, tagged fields after each struct. */
function request(upsertions: SaltedUpsertion[]) {
  return {
    apiKey: API_KEY,
    apiVersion: 0,
    apiName: 'AlterUserScramCredentials',
    encode: async () => {
      // kafkajs writes request header v1; a flexible request's header v2 adds empty tagged fields after the client id.
      const body = new Encoder().writeUVarInt(0);
      body.writeUVarInt(1); // no deletions (compact array of length 0)
      body.writeUVarInt(upsertions.length + 1);
      for (const u of upsertions) {
        body.writeUVarIntString(u.username).writeInt8(u.mechanism).writeInt32(ITERATIONS).writeUVarIntBytes(u.salt).writeUVarIntBytes(u.saltedPassword).writeUVarInt(0);
      }
      return body.writeUVarInt(0);
    },
  };
}

const ERROR_NAMES: Record<number, string> = {
  31: 'CLUSTER_AUTHORIZATION_FAILED',
  41: 'NOT_CONTROLLER',
  42: 'INVALID_REQUEST',
  58: 'SASL_AUTHENTICATION_FAILED',
  91: 'RESOURCE_NOT_FOUND',
  92: 'DUPLICATE_RESOURCE',
  93: 'UNACCEPTABLE_CREDENTIAL',
  95: 'UNSUPPORTED_SASL_MECHANISM',
};

const response = {
  decode: async (raw: Buffer) => {
    const decoder = new Decoder(raw);
    decoder.readTaggedFields(); // response header v1
    decoder.readInt32(); // throttle time
    const count = decoder.readUVarInt() - 1;
    const results: ScramResult[] = [];
    for (let i = 0; i < count; i++) {
      const username = decoder.readUVarIntString() ?? '';
      const errorCode = decoder.readInt16();
      const message = decoder.readUVarIntString();
      decoder.readTaggedFields();
      results.push({ username, errorCode, ...(errorCode !== 0 ? { error: `${ERROR_NAMES[errorCode] ?? `error ${errorCode}`}${message ? `: ${message}` : ''}` } : {}) });
    }
    return results;
  },
  parse: async (results: ScramResult[]) => results,
};

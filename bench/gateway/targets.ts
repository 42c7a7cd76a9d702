import { IDENTITY_HEADER, signIdentity, type Identity } from '@valley/platform';
import { issueLocalToken } from '../../apps/gateway/src/auth/local-token';
import { answerProblem, type HttpClient, type Send } from './load';
import type { BenchQuery, SubgraphName } from './queries';

/** Who sends a request, and with which variables: the load rotates over them. */
export interface Caller {
  identity: Identity;
  variables: Record<string, unknown>;
}

export interface Fetched {
  problem?: string;
  /** The answer's data under the query's root field (the entity). */
  entity?: Record<string, unknown>;
}

/** The query through the gateway, each caller with a token of its own (HS256, as the portal's). */
export class GatewayTarget {
  private bodies: string[] = [];
  private headers: Array<Record<string, string>> = [];

  private constructor(private readonly client: HttpClient, private readonly url: URL, private readonly q: BenchQuery) {}

  static async create(client: HttpClient, gatewayUrl: string, q: BenchQuery, callers: readonly Caller[], jwtSecret: string): Promise<GatewayTarget> {
    const t = new GatewayTarget(client, new URL(gatewayUrl), q);
    t.bodies = callers.map((c) => JSON.stringify({ query: q.gateway, variables: c.variables }));
    t.headers = await Promise.all(callers.map(async (c) => ({ authorization: `Bearer ${await issueLocalToken(c.identity, { secret: jwtSecret, ttlSeconds: 4 * 3600 })}` })));
    return t;
  }

  readonly send: Send = async (seq) => answerProblem(await this.client.post(this.url, this.headers[seq % this.headers.length]!, this.bodies[seq % this.bodies.length]!));

  async fetch(seq: number): Promise<Fetched> {
    const answer = await this.client.post(this.url, this.headers[seq % this.headers.length]!, this.bodies[seq % this.bodies.length]!);
    const problem = answerProblem(answer);
    if (problem) return { problem };
    return { entity: (JSON.parse(answer.text) as { data: Record<string, Record<string, unknown>> }).data[this.q.rootField] };
  }
}

/**
 * The same data straight from the subgraphs, as an ideal client of them
 * would fetch it (what the gateway's query plan does): the entry subgraph,
 * then the other three's `_entities` in parallel with the entity's
 * representation, the answers merged. The identity header is signed once per
 * caller and renewed before it expires (the gateway signs per request).
 */
export class DirectTarget {
  private readonly signed: Array<{ header: string; at: number }> = [];
  private readonly entryBodies: string[];

  constructor(
    private readonly client: HttpClient,
    private readonly urls: Record<SubgraphName, URL>,
    private readonly q: BenchQuery,
    private readonly callers: readonly Caller[],
    private readonly identitySecret: string,
  ) {
    this.entryBodies = callers.map((c) => JSON.stringify({ query: q.entry.query, variables: c.variables }));
  }

  readonly send: Send = async (seq) => (await this.fetch(seq)).problem;

  async fetch(seq: number): Promise<Fetched> {
    const i = seq % this.callers.length;
    const headers = { [IDENTITY_HEADER]: this.identity(i) };
    const entryAnswer = await this.client.post(this.urls[this.q.entry.subgraph], headers, this.entryBodies[i]!);
    const entryProblem = answerProblem(entryAnswer);
    if (entryProblem) return { problem: `${this.q.entry.subgraph}: ${entryProblem}` };
    const entity = (JSON.parse(entryAnswer.text) as { data: Record<string, Record<string, unknown>> }).data[this.q.rootField]!;
    const variables = { representations: [{ __typename: this.q.entityType, id: entity['id'] }] };
    const answers = await Promise.all(this.q.entities.map((f) => this.client.post(this.urls[f.subgraph], headers, JSON.stringify({ query: f.query, variables }))));
    const merged: Record<string, unknown> = { ...entity };
    for (const [k, answer] of answers.entries()) {
      const problem = answerProblem(answer);
      if (problem) return { problem: `${this.q.entities[k]!.subgraph}: ${problem}` };
      const part = (JSON.parse(answer.text) as { data: { _entities: Array<Record<string, unknown> | null> } }).data._entities[0];
      if (!part) return { problem: `${this.q.entities[k]!.subgraph}: no entity` };
      Object.assign(merged, part);
    }
    delete merged['__typename'];
    return { entity: merged };
  }

  private identity(i: number): string {
    const t = Date.now();
    const cached = this.signed[i];
    // Signed for 60 s: renewed after 20.
    if (cached && t - cached.at < 20_000) return cached.header;
    const header = signIdentity(this.callers[i]!.identity, this.identitySecret, 60, t);
    this.signed[i] = { header, at: t };
    return header;
  }
}

/** JSON with object keys sorted: the gateway and the direct fan-out may order fields differently. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

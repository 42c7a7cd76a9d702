import type { Identity } from '@valley/platform';
import { issueLocalToken } from '../../gateway/src/auth/local-token';

export class GraphqlError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: number) {
    super(message);
  }
}

/**
 * GraphQL through the gateway, as whoever the simulation plays: tokens are minted locally
 * with the gateway's HS256 secret and cached per identity. A 429 waits for Retry-After and
 * tries again; anything else with errors throws a GraphqlError carrying the first code.
 */
export class GatewayClient {
  private readonly tokens = new Map<string, { token: string; until: number }>();
  requests = 0;

  constructor(private readonly url: string, private readonly jwtSecret: string) {}

  async ok<T>(query: string, variables: Record<string, unknown>, as: Identity): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(as)}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(120_000),
      }).catch((error: unknown) => {
        if (attempt < 5) return undefined;
        throw error;
      });
      this.requests += 1;
      if (!res) {
        await sleep(500 * (attempt + 1));
        continue;
      }
      if (res.status === 429 || res.status === 503) {
        await sleep(Math.max(100, Number(res.headers.get('retry-after') ?? '1') * 1000));
        continue;
      }
      const text = await res.text();
      let body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new GraphqlError(`the gateway answered ${res.status}: ${text.slice(0, 200)}`, undefined, res.status);
      }
      const first = body.errors?.[0];
      if (first?.extensions?.code === 'SERVICE_UNAVAILABLE' && attempt < 10) {
        await sleep(1000);
        continue;
      }
      if (first || !body.data) throw new GraphqlError(`${query.replace(/\s+/g, ' ').slice(0, 60)}…: ${first?.message ?? `no data (${res.status})`}`, first?.extensions?.code, res.status);
      return body.data;
    }
  }

  private async token(as: Identity): Promise<string> {
    const key = `${as.role}|${as.subject}|${as.enterpriseId ?? ''}`;
    const cached = this.tokens.get(key);
    if (cached && cached.until > Date.now()) return cached.token;
    const token = await issueLocalToken(as, { secret: this.jwtSecret, ttlSeconds: 3600 });
    this.tokens.set(key, { token, until: Date.now() + 3000_000 });
    return token;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

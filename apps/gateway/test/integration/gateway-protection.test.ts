import { randomUUID } from 'node:crypto';
import { EVENT_TYPES, PUBLIC_EVENT_TYPES, TopicSpecs } from '@valley/contracts';
import { IDENTITY_HEADER, signIdentity } from '@valley/platform';
import { admin, IDENTITY_SECRET, Park } from '../support/park';

const INDUSTRIES = '{ industries }';

describe('the gateway protects the graph', () => {
  let park: Park;

  beforeAll(async () => {
    park = await Park.start();
    await park.startGateway();
  });

  afterAll(async () => {
    await park?.stop();
  });

  describe('authentication', () => {
    it('answers an administrator with data from a subgraph, echoing the correlation id', async () => {
      const result = await park.graphql<{ industries: string[] }>(INDUSTRIES, {}, admin, { 'x-correlation-id': 'portal-req-42' });
      expect(result.status).toBe(200);
      expect(result.errors).toBeUndefined();
      expect(result.data?.industries.length).toBeGreaterThan(0);
      expect(result.headers.get('x-correlation-id')).toBe('portal-req-42');
    });

    it('replaces a malformed correlation id with a fresh one', async () => {
      const result = await park.graphql(INDUSTRIES, {}, admin, { 'x-correlation-id': 'has spaces; and <script>' });
      expect(result.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a request without a token: 401 UNAUTHENTICATED, before any subgraph is asked', async () => {
      const result = await park.graphql(INDUSTRIES, {}, null);
      expect(result.status).toBe(401);
      expect(result.headers.get('www-authenticate')).toContain('Bearer');
      expect(result.errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
      expect(result.data).toBeUndefined();
    });

    it('refuses an expired token, saying so', async () => {
      const token = await park.token(admin, { now: Math.floor(Date.now() / 1000) - 7200, ttlSeconds: 3600 });
      const result = await park.graphql(INDUSTRIES, {}, { token });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.message).toMatch(/expired/);
    });

    it('refuses a token signed with another key, and one that is not a JWT', async () => {
      const forged = await park.token(admin, { secret: 'an-attacker-secret-that-is-long-enough-000' });
      expect((await park.graphql(INDUSTRIES, {}, { token: forged })).errors?.[0]?.message).toMatch(/signature/);
      const garbage = await park.graphql(INDUSTRIES, {}, { token: 'not-a-jwt' });
      expect(garbage.status).toBe(401);
      expect(garbage.errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    });

    it('refuses a token with an unknown role', async () => {
      const result = await park.graphql(INDUSTRIES, {}, { subject: 'x', role: 'superuser' as never });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.message).toMatch(/role/);
    });

    it('passes the subgraph\'s FORBIDDEN through when the role is wrong', async () => {
      const enterpriseUser = { subject: 'user-1', role: 'enterprise' as const, enterpriseId: randomUUID() };
      const result = await park.graphql('mutation A($id: ID!) { approveEnterprise(enterpriseId: $id) { id } }', { id: randomUUID() }, enterpriseUser);
      expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
      expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|serviceName|at .*\.ts/);
    });

    it('passes a service\'s NOT_FOUND and BAD_USER_INPUT through with their codes', async () => {
      const missing = await park.graphql('query E($id: ID!) { enterprise(id: $id) { id } }', { id: randomUUID() }, admin);
      expect(missing.errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
      const bad = await park.graphql('{ enterprises(first: -1) { totalCount } }', {}, admin);
      expect(bad.errors?.[0]?.extensions['code']).toBe('BAD_USER_INPUT');
    });
  });

  describe('calling a subgraph directly', () => {
    const direct = async (headers: Record<string, string>): Promise<{ errors?: Array<{ extensions: Record<string, unknown> }> }> => {
      const res = await fetch(park.subgraphs.enterprise.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: INDUSTRIES }) });
      return (await res.json()) as { errors?: Array<{ extensions: Record<string, unknown> }> };
    };

    it('does not bypass authorisation: no identity, a forged one, or the user\'s own JWT are all refused', async () => {
      expect((await direct({})).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
      const forged = signIdentity(admin, 'an-attacker-secret-that-is-long-enough-000');
      expect((await direct({ [IDENTITY_HEADER]: forged })).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
      const tampered = signIdentity({ subject: 'u', role: 'enterprise' }, IDENTITY_SECRET).replace(/^[^.]+/, Buffer.from(JSON.stringify({ sub: 'u', role: 'park-admin', exp: 9999999999 })).toString('base64url'));
      expect((await direct({ [IDENTITY_HEADER]: tampered })).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
      expect((await direct({ authorization: `Bearer ${await park.token(admin)}` })).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    });

    it('answers the identity the gateway signs', async () => {
      const res = await direct({ [IDENTITY_HEADER]: signIdentity(admin, IDENTITY_SECRET) });
      expect(res.errors).toBeUndefined();
    });
  });

  describe('limits', () => {
    it('refuses an over-deep query before asking any subgraph', async () => {
      const deep = `{ enterprises { items { history { ... on EnterpriseDecision { actorRole } } } } }`;
      const shallow = await park.graphql(deep, {}, admin);
      expect(shallow.errors).toBeUndefined();
      await park.stopGateway();
      await park.startGateway({ GATEWAY_MAX_DEPTH: '3' });
      try {
        const result = await park.graphql(deep, {}, admin);
        expect(result.status).toBe(400);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 4, limit: 3 });
      } finally {
        await park.stopGateway();
        await park.startGateway();
      }
    });

    it('refuses an over-costly query: lists multiply what sits inside them', async () => {
      const costly = `{ enterprises(first: 100) { items { id name history { action fromStatus toStatus actorRole decidedAt } } } }`;
      const result = await park.graphql(costly, {}, admin);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions['code']).toBe('QUERY_TOO_COSTLY');
      expect(result.errors?.[0]?.extensions['cost']).toBeGreaterThan(5000);
      const modest = await park.graphql(`{ enterprises(first: 10) { items { id name history { actorRole } } } }`, {}, admin);
      expect(modest.errors).toBeUndefined();
    });

    it('refuses too many aliases', async () => {
      const aliases = Array.from({ length: 21 }, (_, i) => `i${i}: industries`).join(' ');
      const result = await park.graphql(`{ ${aliases} }`, {}, admin);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', aliases: 21, limit: 20 });
    });

    it('refuses a batch (an array of operations)', async () => {
      const res = await fetch(park.gateway!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await park.token(admin)}` },
        body: JSON.stringify([{ query: INDUSTRIES }, { query: INDUSTRIES }]),
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/batch/i);
    });

    it('refuses a body over the size limit with 413, not a crash', async () => {
      const res = await fetch(park.gateway!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await park.token(admin)}` },
        body: JSON.stringify({ query: INDUSTRIES, variables: { padding: 'x'.repeat(1_100_000) } }),
      });
      expect(res.status).toBe(413);
      expect((await park.graphql(INDUSTRIES, {}, admin)).status).toBe(200);
    });

    it('limits each identity\'s rate: 429 RATE_LIMITED with Retry-After, other callers unaffected', async () => {
      await park.stopGateway();
      await park.startGateway({ GATEWAY_RATE_LIMIT_PER_SECOND: '1', GATEWAY_RATE_LIMIT_BURST: '3' });
      try {
        const greedy = { subject: 'greedy', role: 'park-admin' as const };
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await park.graphql(INDUSTRIES, {}, greedy)).status);
        expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
        expect(statuses.slice(3)).toContain(429);
        const limited = await park.graphql(INDUSTRIES, {}, greedy);
        expect(limited.errors?.[0]?.extensions['code']).toBe('RATE_LIMITED');
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect((await park.graphql(INDUSTRIES, {}, admin)).status).toBe(200);
      } finally {
        await park.stopGateway();
        await park.startGateway();
      }
    });
  });

  describe('introspection and the IDE', () => {
    const INTROSPECT = '{ __schema { queryType { name } } }';

    it('are on for local use: the IDE page and its assets come from the gateway itself', async () => {
      expect((await park.graphql<{ __schema: { queryType: { name: string } } }>(INTROSPECT, {}, admin)).data?.__schema.queryType.name).toBe('Query');
      const base = park.gateway!.url.replace(/\/graphql$/, '');
      const page = await fetch(`${base}/ide`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).not.toMatch(/https?:\/\//);
      for (const src of html.match(/\/ide\/assets\/[a-z.-]+/g) ?? []) {
        const asset = await fetch(`${base}${src}`);
        expect(asset.status).toBe(200);
        expect((await asset.text()).length).toBeGreaterThan(1000);
      }
    });

    it('are off in production, and errors carry no internals', async () => {
      await park.stopGateway();
      await park.startGateway({ NODE_ENV: 'production' });
      try {
        const result = await park.graphql(INTROSPECT, {}, admin);
        expect(result.status).toBe(400);
        expect(result.errors?.[0]?.message).toMatch(/introspection/i);
        expect((await fetch(park.gateway!.url.replace(/\/graphql$/, '/ide'))).status).toBe(404);
        expect((await park.graphql(INDUSTRIES, {}, admin)).status).toBe(200);
      } finally {
        await park.stopGateway();
        await park.startGateway();
      }
    });
  });

  describe('operations', () => {
    it('reports each subgraph in its readiness, and serves metrics', async () => {
      const base = park.gateway!.url.replace(/\/graphql$/, '');
      await park.ok(INDUSTRIES, {}, admin);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'up', subgraphs: { enterprise: { status: 'up' }, provisioning: { status: 'up' }, revenue: { status: 'up' }, talent: { status: 'up' } } });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/valley_http_request_duration_seconds_count\{[^}]*route="\/graphql"/);
      expect(metrics).toMatch(/^valley_live_feed_connections 0$/m);
      expect(metrics).toMatch(/^valley_live_feed_subscriptions 0$/m);
    });

    it('serves the partners\' AsyncAPI document and its page, generated from the contracts', async () => {
      const base = park.gateway!.url.replace(/\/graphql$/, '');
      const json = await fetch(`${base}/asyncapi.json`);
      expect(json.status).toBe(200);
      const doc = (await json.json()) as { asyncapi: string; components: { messages: Record<string, unknown> }; channels: Record<string, { address: string }> };
      expect(doc.asyncapi).toBe('3.0.0');
      expect(Object.keys(doc.components.messages)).toEqual(expect.arrayContaining(PUBLIC_EVENT_TYPES as unknown as string[]));
      expect(Object.keys(doc.components.messages).filter((m) => !(PUBLIC_EVENT_TYPES as string[]).includes(m) && (EVENT_TYPES as string[]).includes(m))).toEqual([]);
      expect(Object.values(doc.channels).map((c) => c.address).sort()).toEqual(TopicSpecs.map((t) => t.name).sort());
      const page = await fetch(`${base}/asyncapi`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('valley.flow.usage-records.v1');
    });

    it('says which subgraph is down, in readiness and as SERVICE_UNAVAILABLE', async () => {
      await park.stopGateway();
      await park.startGateway({ SUBGRAPH_TALENT_URL: 'http://127.0.0.1:9/graphql' });
      try {
        const ready = await fetch(park.gateway!.url.replace(/\/graphql$/, '/health/ready'));
        expect(ready.status).toBe(503);
        expect(((await ready.json()) as { subgraphs: Record<string, { status: string }> }).subgraphs['talent']?.status).toBe('down');
        const result = await park.graphql('{ programs { id } }', {}, admin);
        expect(result.errors?.[0]?.extensions['code']).toBe('SERVICE_UNAVAILABLE');
        expect(JSON.stringify(result.errors)).not.toContain('127.0.0.1');
      } finally {
        await park.stopGateway();
        await park.startGateway();
      }
    });
  });
});

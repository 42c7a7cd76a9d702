import { randomUUID } from 'node:crypto';
import { Topics } from '@valley/contracts';
import { headerText, MessageHeaders } from '@valley/messaging';
import { CORRELATION_ID_HEADER, IDENTITY_HEADER, signIdentity, type Identity } from '@valley/platform';
import { createTestKafka, readTopic } from '@valley/testing';
import { admin, applicant, applicationInput, ENTERPRISE_FIELDS, EnterpriseApp, IDENTITY_SECRET, SUBMIT } from '../support/enterprise-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Sent {
  correlationId: string | null;
  data: Record<string, { id: string; status: string } | null> | undefined;
}

/**
 * The id a caller names its request by reaches the Kafka headers of the events
 * the request causes: HTTP middleware → GraphQL resolver → command handler →
 * outbox, with nothing passed by hand.
 */
describe('correlation id from HTTP to Kafka', () => {
  let sut: EnterpriseApp;

  beforeAll(async () => {
    sut = await EnterpriseApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  async function send(query: string, variables: Record<string, unknown>, who: Identity, correlationId?: string): Promise<Sent> {
    const headers: Record<string, string> = { 'content-type': 'application/json', [IDENTITY_HEADER]: signIdentity(who, IDENTITY_SECRET) };
    if (correlationId !== undefined) headers[CORRELATION_ID_HEADER] = correlationId;
    const res = await fetch(sut.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Sent['data']; errors?: unknown };
    if (body.errors) throw new Error(`graphql errors: ${JSON.stringify(body.errors)}`);
    return { correlationId: res.headers.get(CORRELATION_ID_HEADER), data: body.data };
  }

  const submit = async (correlationId?: string): Promise<{ id: string; echoed: string | null }> => {
    const sent = await send(SUBMIT, { input: applicationInput() }, applicant(), correlationId);
    return { id: sent.data!['submitEnterpriseApplication']!.id, echoed: sent.correlationId };
  };

  const step = (mutation: string, id: string, correlationId: string): Promise<Sent> =>
    send(`mutation Step($id: ID!) { ${mutation}(enterpriseId: $id) { ${ENTERPRISE_FIELDS} } }`, { id }, admin, correlationId);

  /** The correlation-id header of each lifecycle event of `enterpriseIds`, by type, in order. */
  async function lifecycleHeaders(enterpriseIds: string[], count: number): Promise<Array<{ key: string; type: string; correlationId: string | undefined }>> {
    const ours = (key: string | undefined): boolean => key !== undefined && enterpriseIds.includes(key);
    const messages = await readTopic(createTestKafka(), Topics.EnterpriseLifecycle, (ms) => ms.filter((m) => ours(m.key?.toString())).length >= count);
    return messages
      .filter((m) => ours(m.key?.toString()))
      .map((m) => ({ key: m.key!.toString(), type: (JSON.parse(m.value!.toString()) as { type: string }).type, correlationId: headerText(m.headers, MessageHeaders.CorrelationId) }));
  }

  it('echoes the id sent and puts it on the events of each mutation: submission and approval', async () => {
    const { id, echoed } = await submit('portal-req:0001');
    expect(echoed).toBe('portal-req:0001');
    await step('takeApplicationIntoReview', id, 'portal-req:0002');
    const approval = `approve-${randomUUID()}`;
    const approved = await step('approveEnterprise', id, approval);
    expect(approved.correlationId).toBe(approval);
    expect(approved.data?.['approveEnterprise']?.status).toBe('approved');

    const events = await lifecycleHeaders([id], 2);
    expect(events.map((e) => [e.type, e.correlationId])).toEqual([
      ['valley.enterprise.application-submitted.v1', 'portal-req:0001'],
      ['valley.enterprise.approved.v1', approval],
    ]);
  });

  it('replaces a malformed or missing id by a generated UUID, echoed and carried by the event', async () => {
    const cases = await Promise.all(['has spaces in it', 'x'.repeat(129), 'semi;colon', undefined].map((header) => submit(header)));
    for (const { echoed } of cases) expect(echoed).toMatch(UUID);
    expect(new Set(cases.map((c) => c.echoed)).size).toBe(cases.length);

    const events = await lifecycleHeaders(cases.map((c) => c.id), cases.length);
    for (const { id, echoed } of cases) expect(events.find((e) => e.key === id)?.correlationId).toBe(echoed);
  });

  it('keeps concurrent requests\' ids apart through the resolvers', async () => {
    const wanted = Array.from({ length: 8 }, (_, n) => `concurrent-${n}-${randomUUID()}`);
    const cases = await Promise.all(wanted.map((c) => submit(c)));
    expect(cases.map((c) => c.echoed)).toEqual(wanted);

    const events = await lifecycleHeaders(cases.map((c) => c.id), cases.length);
    for (const [n, { id }] of cases.entries()) expect(events.find((e) => e.key === id)?.correlationId).toBe(wanted[n]);
  });

  it('echoes the id on plain HTTP endpoints too', async () => {
    const res = await fetch(sut.url.replace('/graphql', '/health/live'), { headers: { [CORRELATION_ID_HEADER]: 'probe-1' } });
    expect(res.headers.get(CORRELATION_ID_HEADER)).toBe('probe-1');
  });
});

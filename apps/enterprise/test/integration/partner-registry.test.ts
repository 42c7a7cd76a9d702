import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { deadLetterTopic, InternalTopics, Topics } from '@valley/contracts';
import { createKafka } from '@valley/messaging';
import { createTestKafka, readTopic, testKafkaBrokers, testKafkaSasl, waitFor } from '@valley/testing';
import { admin, applicant, EnterpriseApp, submitted } from '../support/enterprise-app';

const PARTNER_FIELDS = 'id name kind topics writes username groupPrefix status credentialsRotatedAt revokedAt revokedReason audit { action actorSubject details at }';
const REGISTER = `mutation Register($input: RegisterPartnerInput!) { registerPartner(input: $input) { username password mechanism aclsEnforced partner { ${PARTNER_FIELDS} } } }`;
const ROTATE = `mutation Rotate($id: ID!) { rotatePartnerCredentials(id: $id) { username password partner { ${PARTNER_FIELDS} } } }`;
const REVOKE = `mutation Revoke($id: ID!, $reason: String!) { revokePartner(id: $id, reason: $reason) { ${PARTNER_FIELDS} } }`;

interface Issued {
  username: string;
  password: string;
  mechanism: string;
  aclsEnforced: boolean;
  partner: { id: string; kind: string; topics: string[]; writes: string[]; groupPrefix: string; status: string; audit: Array<{ action: string; actorSubject: string; details: string }> };
}

/** A Kafka client logged in as the partner, as its own software would be. */
function partnerKafka(issued: { username: string; password: string }): Kafka {
  return createKafka({ brokers: testKafkaBrokers(), sasl: { mechanism: 'scram-sha-512', username: issued.username, password: issued.password }, clientId: `test-${issued.username}` });
}

/** The error Kafka's authorizer (or authentication) gave, with the errors kafkajs wrapped it in; a failure when the call went through. */
async function refusal(call: () => Promise<unknown>, what = 'the call'): Promise<string> {
  try {
    await call();
  } catch (err) {
    const messages: string[] = [];
    for (let e: unknown = err; e instanceof Error && messages.length < 5; e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause) {
      messages.push(`${e.name}: ${e.message}${(e as { type?: string }).type ? ` (${(e as { type?: string }).type})` : ''}`);
    }
    return messages.join(' <- ');
  }
  throw new Error(`expected Kafka to refuse ${what}, but it allowed it`);
}

const NOT_AUTHORIZED = /not authorized|authorization failed/i;

describe('PartnerRegistry (real Kafka with SASL/SCRAM and ACLs)', () => {
  let sut: EnterpriseApp;
  let kafka: Kafka;
  const open: Array<{ disconnect(): Promise<void> }> = [];

  beforeAll(async () => {
    if (testKafkaSasl() === undefined) throw new Error('these tests need the secured broker: run them through jest, whose global setup starts it (or give KAFKA_SASL_* for KAFKA_BROKERS)');
    sut = await EnterpriseApp.start();
    kafka = createTestKafka('partner-registry-test');
  });

  afterAll(async () => {
    await Promise.all(open.map((c) => c.disconnect().catch(() => undefined)));
    await sut.stop();
  });

  async function register(input: { name: string; kind: string; topics: string[] }): Promise<Issued> {
    const result = await sut.graphql<{ registerPartner: Issued }>(REGISTER, { input }, admin);
    if (!result.data?.registerPartner) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
    return result.data.registerPartner;
  }

  async function connectedAdmin(client: Kafka): Promise<Admin> {
    const a = client.admin();
    await a.connect();
    open.push(a);
    return a;
  }

  async function connectedProducer(client: Kafka): Promise<Producer> {
    const p = client.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await p.connect();
    open.push(p);
    return p;
  }

  /** Runs a consumer on `topic` until Kafka refuses its fetch; the refusal's message. */
  async function readRefusal(client: Kafka, groupId: string, topic: string): Promise<string> {
    const consumer = client.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 0 } });
    open.push(consumer);
    const crashed = new Promise<string>((resolve) => consumer.on(consumer.events.CRASH, (e) => resolve(`${e.payload.error.name}: ${e.payload.error.message}`)));
    await consumer.connect();
    const subscribed = await consumer.subscribe({ topic, fromBeginning: true }).then(() => undefined, (err: Error) => `${err.name}: ${err.message}`);
    if (subscribed !== undefined) return subscribed;
    await consumer.run({ eachMessage: async () => undefined });
    return Promise.race([crashed, new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`Kafka let ${groupId} read ${topic} for 20 s`)), 20_000))]);
  }

  it('registers a bank that reads its public topics from offset 0 under its own group prefix; the password is in that answer only', async () => {
    const enterpriseId = await submitted(sut, applicant());
    const bank = await register({ name: 'Valley test bank', kind: 'bank', topics: [Topics.EnterpriseLifecycle, Topics.FlowCharges] });

    expect(bank).toMatchObject({ mechanism: 'SCRAM-SHA-512', aclsEnforced: true, username: expect.stringMatching(/^partner-[0-9a-f]{12}$/) });
    expect(bank.password.length).toBeGreaterThanOrEqual(32);
    expect(bank.partner).toMatchObject({ kind: 'bank', status: 'active', writes: [], groupPrefix: `${bank.username}.`, topics: [Topics.EnterpriseLifecycle, Topics.FlowCharges] });
    expect(bank.partner.audit).toEqual([expect.objectContaining({ action: 'registered', actorSubject: admin.subject })]);

    const consumer = partnerKafka(bank).consumer({ groupId: `${bank.username}.replay`, maxWaitTimeInMs: 100 });
    open.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.EnterpriseLifecycle, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.key?.toString() ?? '') });
    await waitFor('the application submitted event, read as the partner', () => seen.includes(enterpriseId), { timeoutMs: 30_000 });

    const listed = await sut.graphql<{ partners: Array<Record<string, unknown>> }>('{ partners { id username status } }', {}, admin);
    expect(listed.data?.partners).toContainEqual({ id: bank.partner.id, username: bank.username, status: 'active' });
    expect(JSON.stringify(listed)).not.toContain(bank.password);
  });

  it('refuses a partner on topics it was not granted, on internal topics, on other groups and on every write', async () => {
    const bureau = await register({ name: 'Statistics bureau', kind: 'statistics_bureau', topics: [Topics.RevenueReports] });
    const client = partnerKafka(bureau);
    const bureauAdmin = await connectedAdmin(client);

    expect(await bureauAdmin.fetchTopicOffsets(Topics.RevenueReports)).not.toHaveLength(0);
    for (const topic of [Topics.FlowCharges, Topics.FlowUsageRecords, deadLetterTopic(Topics.RevenueReports), InternalTopics.PartnerRegistry]) {
      expect(await refusal(() => bureauAdmin.fetchTopicOffsets(topic))).toMatch(NOT_AUTHORIZED);
    }
    // Its own groups answer; a group outside its prefix (a service's, another partner's) does not. kafkajs
    // reports the coordinator lookup's GROUP_AUTHORIZATION_FAILED as "Failed to find group coordinator".
    await expect(bureauAdmin.fetchOffsets({ groupId: `${bureau.username}.view`, topics: [Topics.RevenueReports] })).resolves.toHaveLength(1);
    for (const groupId of ['valley-revenue.projections', 'partner-000000000000.view']) {
      expect(await refusal(() => bureauAdmin.fetchOffsets({ groupId, topics: [Topics.RevenueReports] }), `group ${groupId}`)).toMatch(/GROUP_AUTHORIZATION_FAILED|not authorized|find group coordinator/i);
    }
    const producer = await connectedProducer(client);
    for (const topic of [Topics.RevenueReports, Topics.EnterpriseLifecycle, Topics.FlowUsageRecords]) {
      expect(await refusal(() => producer.send({ topic, messages: [{ key: randomUUID(), value: '{}' }] }))).toMatch(NOT_AUTHORIZED);
    }
  });

  it('lets a carrier write usage records and nothing else', async () => {
    const carrier = await register({ name: 'Example carrier', kind: 'carrier', topics: [] });
    expect(carrier.partner.writes).toEqual([Topics.FlowUsageRecords]);
    const client = partnerKafka(carrier);
    const producer = await connectedProducer(client);
    const recordId = `carrier-test-${randomUUID()}`;
    const enterpriseId = randomUUID();
    const record = { recordId, carrierId: carrier.username, enterpriseId, windowStart: '2026-11-01T00:00:00Z', windowEnd: '2026-11-01T00:05:00Z', bytesIn: '1', bytesOut: '1' };
    await producer.send({ topic: Topics.FlowUsageRecords, messages: [{ key: enterpriseId, value: JSON.stringify(record) }] });
    const written = await readTopic(kafka, Topics.FlowUsageRecords, (ms) => ms.some((m) => m.value?.toString().includes(recordId)), 30_000);
    expect(written.some((m) => m.key?.toString() === enterpriseId)).toBe(true);

    for (const topic of [Topics.EnterpriseLifecycle, Topics.FlowCharges, deadLetterTopic(Topics.FlowUsageRecords)]) {
      expect(await refusal(() => producer.send({ topic, messages: [{ key: enterpriseId, value: '{}' }] }), `a write to ${topic}`)).toMatch(NOT_AUTHORIZED);
    }
    // WRITE implies DESCRIBE, not READ: fetching its own records back is refused.
    expect(await readRefusal(client, `${carrier.username}.read`, Topics.FlowUsageRecords)).toMatch(NOT_AUTHORIZED);
  });

  it('rotates one partner\'s password: the old one stops logging in, the new one works, another partner is not interrupted', async () => {
    const a = await register({ name: 'Bank A', kind: 'bank', topics: [Topics.FlowCharges] });
    const b = await register({ name: 'Bank B', kind: 'bank', topics: [Topics.FlowCharges] });
    const bAdmin = await connectedAdmin(partnerKafka(b));
    let bFailures = 0;
    let bCalls = 0;
    let polling = true;
    // B keeps reading offsets on its open connection all through A's rotation.
    const bLoop = (async () => {
      while (polling) {
        bCalls++;
        await bAdmin.fetchTopicOffsets(Topics.FlowCharges).catch(() => void bFailures++);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    await waitFor('partner B to be reading', () => bCalls >= 2, { timeoutMs: 10_000 });
    const rotated = await sut.graphql<{ rotatePartnerCredentials: Issued }>(ROTATE, { id: a.partner.id }, admin);
    const issued = rotated.data?.rotatePartnerCredentials;
    expect(issued?.username).toBe(a.username);
    expect(issued?.password).not.toBe(a.password);
    expect(await refusal(() => connectedAdmin(partnerKafka(a)))).toMatch(/authentication failed/i);
    const fresh = await connectedAdmin(partnerKafka(issued as Issued));
    expect(await fresh.fetchTopicOffsets(Topics.FlowCharges)).not.toHaveLength(0);

    // B read before and during the rotation; it must also go on reading after it, on the same connection.
    const afterRotation = bCalls;
    await waitFor('partner B to keep reading after the rotation', () => bCalls >= afterRotation + 3, { timeoutMs: 10_000 });
    polling = false;
    await bLoop;
    expect(bFailures).toBe(0);
    expect((issued as Issued).partner.audit.map((e) => e.action)).toEqual(['registered', 'credentials-rotated']);
  });

  it('revokes a partner: its open connection is refused within seconds, it cannot log in again, and every change was audited and published', async () => {
    const partner = await register({ name: 'Leaving bank', kind: 'bank', topics: [Topics.EnterpriseLifecycle] });
    const partnerAdmin = await connectedAdmin(partnerKafka(partner));
    expect(await partnerAdmin.fetchTopicOffsets(Topics.EnterpriseLifecycle)).not.toHaveLength(0);

    const started = Date.now();
    const revoked = await sut.graphql<{ revokePartner: { status: string; revokedReason: string; audit: Array<{ action: string }> } }>(REVOKE, { id: partner.partner.id, reason: 'contract ended' }, admin);
    expect(revoked.data?.revokePartner).toMatchObject({ status: 'revoked', revokedReason: 'contract ended' });
    let refusedAfterMs = -1;
    await waitFor('the revoked partner\'s open connection to be refused', async () => {
      const refused = await partnerAdmin.fetchTopicOffsets(Topics.EnterpriseLifecycle).then(() => false, () => true);
      if (refused) refusedAfterMs = Date.now() - started;
      return refused;
    }, { timeoutMs: 10_000, intervalMs: 100 });
    expect(refusedAfterMs).toBeLessThan(10_000);
    expect(await refusal(() => connectedAdmin(partnerKafka(partner)))).toMatch(/authentication failed/i);

    const again = await sut.graphql(REVOKE, { id: partner.partner.id, reason: 'twice' }, admin);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'PARTNER_REVOKED', field: 'id' });
    expect(revoked.data?.revokePartner.audit.map((e) => e.action)).toEqual(['registered', 'revoked']);

    const events = await readTopic(kafka, InternalTopics.PartnerRegistry, (ms) => ms.filter((m) => m.key?.toString() === partner.partner.id).length >= 2, 30_000);
    const mine = events.filter((m) => m.key?.toString() === partner.partner.id).map((m) => JSON.parse(m.value?.toString() ?? '{}') as { type: string; data: Record<string, unknown> });
    expect(mine.map((e) => e.type)).toEqual(['valley.partner.registered.v1', 'valley.partner.revoked.v1']);
    expect(mine[1]?.data).toMatchObject({ username: partner.username, reason: 'contract ended', revokedBy: admin.subject });
    expect(JSON.stringify(mine)).not.toContain(partner.password);
  });

  it('answers mistakes with codes and fields, and refuses enterprises', async () => {
    const notPublic = await sut.graphql(REGISTER, { input: { name: 'x', kind: 'bank', topics: [Topics.FlowUsageRecords] } }, admin);
    expect(notPublic.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topics' });
    const unknown = await sut.graphql(ROTATE, { id: randomUUID() }, admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const notUuid = await sut.graphql(ROTATE, { id: 'nope' }, admin);
    expect(notUuid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const resident = { subject: 'resident-1', role: 'enterprise' as const, enterpriseId: randomUUID() };
    for (const [query, variables] of [['{ partners { id } }', {}], [REGISTER, { input: { name: 'x', kind: 'bank', topics: [Topics.FlowCharges] } }]] as const) {
      const refused = await sut.graphql(query, variables, resident);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Topics, validateCloudEvent } from '@valley/contracts';
import { headerText, MessageHeaders } from '@valley/messaging';
import { createJsonLogger, startService } from '@valley/platform';
import { createTestDatabase, createTestKafka, readTopic, testKafkaBrokers, waitFor, type TestDatabase } from '@valley/testing';
import { EnterpriseAppModule } from '../../src/app.module';
import { loadEnterpriseConfig } from '../../src/enterprise.config';
import { checkCharacter } from '../../src/onboarding/domain/uscc';

/** A valid USCC that no other test run used: random organisation code, computed check character. */
function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const org = Array.from({ length: 9 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
  const first17 = `91140100${org}`;
  return first17 + checkCharacter(first17);
}

/** The first vertical slice: a GraphQL command, its row and its event through the outbox to Kafka. */
describe('enterprise service: submitting an application', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let url: string;

  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-correlation-id': 'slice-test' }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, { id: string; status: string; uscc: string }> | null; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
  };
  const submit = (input: Record<string, unknown>) =>
    graphql('mutation Submit($input: SubmitApplicationInput!) { submitEnterpriseApplication(input: $input) { id status uscc } }', { input });
  const application = (uscc: string) => ({
    name: '太原云数直播电商有限公司',
    uscc,
    legalRepresentative: '王五',
    contactPhone: '13912345678',
    contactEmail: 'ops@example.cn',
    industry: 'live-commerce',
    registeredCapitalFen: '500000000',
    plannedBandwidthMbps: 200,
    plannedMonthlyTrafficBytes: '5497558138880',
    headcount: 40,
  });

  beforeAll(async () => {
    // The service runs its own migrations at boot; the test database starts empty of them.
    db = await createTestDatabase('enterprise', []);
    const config = loadEnterpriseConfig({ DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), PORT: '1', NODE_ENV: 'test', LOG_LEVEL: 'warn' });
    const logger = createJsonLogger('enterprise-test', 'warn');
    app = await startService({ module: EnterpriseAppModule.forRoot(config, logger), logger, port: 0 });
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('stores the application and publishes application-submitted on the lifecycle topic, in contract', async () => {
    const uscc = freshUscc();
    const { body } = await submit(application(uscc.toLowerCase()));
    const created = body.data!['submitEnterpriseApplication']!;
    expect(created).toMatchObject({ status: 'submitted', uscc });

    const messages = await readTopic(createTestKafka(), Topics.EnterpriseLifecycle, (ms) => ms.some((m) => m.key?.toString() === created.id));
    const message = messages.find((m) => m.key?.toString() === created.id)!;
    const event = validateCloudEvent(JSON.parse(message.value!.toString()));
    expect(event.ok).toBe(true);
    expect(event.ok && event.value).toMatchObject({
      type: 'valley.enterprise.application-submitted.v1',
      source: '/valley/enterprise',
      subject: created.id,
      data: { enterpriseId: created.id, uscc, industry: 'live-commerce', registeredCapitalFen: '500000000', plannedMonthlyTrafficBytes: '5497558138880' },
    });
    // Personal data stays in the service: not the legal representative, phone or email.
    expect(message.value!.toString()).not.toMatch(/王五|13912345678|ops@example\.cn/);
    expect(headerText(message.headers, MessageHeaders.ContentType)).toBe('application/cloudevents+json');
  });

  it('refuses a second live application with the same USCC, naming the existing record, and publishes nothing for it', async () => {
    const uscc = freshUscc();
    const first = await submit(application(uscc));
    const second = await submit(application(uscc));
    const firstId = first.body.data!['submitEnterpriseApplication']!.id;
    expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: 'DUPLICATE_USCC', field: 'uscc', existingEnterpriseId: firstId });
    const rows = await db.dataSource.query('SELECT count(*)::int AS n FROM enterprises WHERE uscc = $1', [uscc]);
    expect(rows[0].n).toBe(1);
    await waitFor('the outbox to drain', async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox'))[0].n === 0);
  });

  it.each([
    ['a wrong check character', { uscc: '91350100M000100Y44' }, 'INVALID_USCC', 'uscc'],
    ['a forbidden letter', { uscc: '91350100O000100Y43' }, 'INVALID_USCC', 'uscc'],
    ['fractional fen', { registeredCapitalFen: '12.5' }, 'BAD_USER_INPUT', 'registeredCapitalFen'],
    ['an unknown industry', { industry: 'tourism' }, 'BAD_USER_INPUT', 'industry'],
    ['a bad email', { contactEmail: 'nobody' }, 'BAD_USER_INPUT', 'contactEmail'],
  ])('refuses %s with a coded error and no stack trace', async (_label, patch, code, field) => {
    const { status, body } = await submit({ ...application(freshUscc()), ...patch });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code, field }));
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});

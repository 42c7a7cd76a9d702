import { Topics, validateCloudEvent } from '@valley/contracts';
import { headerText, MessageHeaders } from '@valley/messaging';
import { createTestKafka, readTopic, waitFor } from '@valley/testing';
import { applicant, applicationInput, EnterpriseApp, freshUscc, SUBMIT } from '../support/enterprise-app';

type Submitted = { submitEnterpriseApplication: { id: string; status: string; uscc: string } };

/** The front door: an application, its row and its event through the outbox to Kafka. */
describe('enterprise service: submitting an application', () => {
  let sut: EnterpriseApp;

  beforeAll(async () => {
    sut = await EnterpriseApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('stores the application and publishes application-submitted on the lifecycle topic, in contract', async () => {
    const uscc = freshUscc();
    const { data } = await sut.graphql<Submitted>(SUBMIT, { input: applicationInput({ uscc: uscc.toLowerCase() }) }, applicant());
    const created = data!.submitEnterpriseApplication;
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

  it('refuses a second live application with the same USCC, naming the existing record, and stores nothing for it', async () => {
    const uscc = freshUscc();
    const first = await sut.graphql<Submitted>(SUBMIT, { input: applicationInput({ uscc }) }, applicant());
    const second = await sut.graphql<Submitted>(SUBMIT, { input: applicationInput({ uscc }) }, applicant());
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'DUPLICATE_USCC', field: 'uscc', existingEnterpriseId: first.data!.submitEnterpriseApplication.id });
    const rows = await sut.db.dataSource.query('SELECT count(*)::int AS n FROM enterprises WHERE uscc = $1', [uscc]);
    expect(rows[0].n).toBe(1);
  });

  it('lets exactly one of two concurrent applications with one USCC win', async () => {
    const uscc = freshUscc();
    const results = await Promise.all(Array.from({ length: 6 }, () => sut.graphql<Submitted>(SUBMIT, { input: applicationInput({ uscc }) }, applicant())));
    expect(results.filter((r) => r.data?.submitEnterpriseApplication).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions['code'] === 'DUPLICATE_USCC').length).toBe(5);
    await waitFor('the outbox to drain', async () => (await sut.db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox'))[0].n === 0);
    const events = await sut.db.dataSource.query(`SELECT count(*)::int AS n FROM enterprise_decisions d JOIN enterprises e ON e.id = d.enterprise_id WHERE e.uscc = $1`, [uscc]);
    expect(events[0].n).toBe(1);
  });

  it.each([
    ['a wrong check character', { uscc: '91350100M000100Y44' }, 'INVALID_USCC', 'uscc'],
    ['a wrong length', { uscc: '91350100M000100Y4' }, 'INVALID_USCC', 'uscc'],
    ['a forbidden letter', { uscc: '91350100O000100Y43' }, 'INVALID_USCC', 'uscc'],
    ['fractional fen', { registeredCapitalFen: '12.5' }, 'BAD_USER_INPUT', 'registeredCapitalFen'],
    ['an unknown industry', { industry: 'tourism' }, 'BAD_USER_INPUT', 'industry'],
    ['a bad email', { contactEmail: 'nobody' }, 'BAD_USER_INPUT', 'contactEmail'],
    ['a bad phone', { contactPhone: '12345' }, 'BAD_USER_INPUT', 'contactPhone'],
  ])('refuses %s with a coded error and no stack trace', async (_label, patch, code, field) => {
    const { status, errors } = await sut.graphql(SUBMIT, { input: applicationInput(patch) }, applicant());
    expect(status).toBe(200);
    expect(errors?.[0]?.extensions).toEqual(expect.objectContaining({ code, field }));
    expect(JSON.stringify(errors)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});

import { parkDateOf, parkMonthOf, Topics, validateCloudEvent, type CloudEvent } from '@valley/contracts';
import { createTestKafka, readTopic, waitFor } from '@valley/testing';
import { admin, applicant, applicationInput, EnterpriseApp, step, submitted } from '../support/enterprise-app';

const HISTORY = `query H($id: ID!) { enterprise(id: $id) { status history { action fromStatus toStatus actorSubject actorRole reason } } }`;

describe('enterprise service: the review workflow and the resident lifecycle', () => {
  let sut: EnterpriseApp;

  beforeAll(async () => {
    sut = await EnterpriseApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  const eventsOf = async (id: string, count: number): Promise<CloudEvent[]> => {
    await waitFor('the outbox to drain', async () => (await sut.db.dataSource.query('SELECT count(*)::int AS n FROM messaging_outbox'))[0].n === 0);
    const messages = await readTopic(createTestKafka(), Topics.EnterpriseLifecycle, (ms) => ms.filter((m) => m.key?.toString() === id).length >= count);
    // Give a wrongly published extra event the chance to show up.
    await new Promise((r) => setTimeout(r, 500));
    return messages.filter((m) => m.key?.toString() === id).map((m) => {
      const result = validateCloudEvent(JSON.parse(m.value!.toString()));
      if (!result.ok) throw new Error(result.reason);
      return result.value;
    });
  };

  it('takes an application from submission through a request for information to resident, suspension and exit, keeping every decision and publishing each change once', async () => {
    const who = applicant();
    const id = await submitted(sut, who);
    expect((await step(sut, 'takeApplicationIntoReview', id)).data?.['takeApplicationIntoReview']).toMatchObject({ status: 'under_review', reviewerSubject: admin.subject });
    expect((await step(sut, 'requestApplicationInformation', id, { comment: 'please attach the planned traffic by month' })).data?.['requestApplicationInformation']).toMatchObject({ status: 'information_requested' });

    const amended = await sut.graphql<{ resubmitEnterpriseApplication: { status: string } }>(
      'mutation R($id: ID!, $input: SubmitApplicationInput!) { resubmitEnterpriseApplication(enterpriseId: $id, input: $input) { status } }',
      { id, input: applicationInput({ uscc: (await sut.db.dataSource.query('SELECT uscc FROM enterprises WHERE id = $1', [id]))[0].uscc, plannedBandwidthMbps: 400 }) },
      who,
    );
    expect(amended.data?.resubmitEnterpriseApplication.status).toBe('submitted');
    await step(sut, 'takeApplicationIntoReview', id);
    const approved = (await step(sut, 'approveEnterprise', id)).data?.['approveEnterprise'];
    expect(approved).toMatchObject({ status: 'approved', admittedMonth: parkMonthOf(new Date()) });
    expect((await step(sut, 'suspendEnterprise', id, { reason: 'unpaid data charges' })).data?.['suspendEnterprise']).toMatchObject({ status: 'suspended' });
    expect((await step(sut, 'reinstateEnterprise', id)).data?.['reinstateEnterprise']).toMatchObject({ status: 'approved' });
    const today = parkDateOf(new Date());
    expect((await step(sut, 'exitEnterprise', id, { exitDate: today, reason: 'moved to another park' })).data?.['exitEnterprise']).toMatchObject({ status: 'exited', exitDate: today });

    const history = await sut.graphql<{ enterprise: { history: Array<Record<string, unknown>> } }>(HISTORY, { id }, admin);
    expect(history.data?.enterprise.history.map((d) => [d['action'], d['fromStatus'] ?? null, d['toStatus']])).toEqual([
      ['submit', null, 'submitted'],
      ['take-into-review', 'submitted', 'under_review'],
      ['request-information', 'under_review', 'information_requested'],
      ['resubmit', 'information_requested', 'submitted'],
      ['take-into-review', 'submitted', 'under_review'],
      ['approve', 'under_review', 'approved'],
      ['suspend', 'approved', 'suspended'],
      ['reinstate', 'suspended', 'approved'],
      ['exit', 'approved', 'exited'],
    ]);
    expect(history.data?.enterprise.history[2]).toMatchObject({ actorSubject: admin.subject, actorRole: 'park-admin', reason: 'please attach the planned traffic by month' });
    expect(history.data?.enterprise.history[3]).toMatchObject({ actorSubject: who.subject, actorRole: 'enterprise' });

    const events = await eventsOf(id, 6);
    expect(events.map((e) => e.type)).toEqual([
      'valley.enterprise.application-submitted.v1',
      'valley.enterprise.application-submitted.v1',
      'valley.enterprise.approved.v1',
      'valley.enterprise.suspended.v1',
      'valley.enterprise.reinstated.v1',
      'valley.enterprise.exited.v1',
    ]);
    expect(events[1]!.data).toMatchObject({ plannedBandwidthMbps: 400 });
    expect(events[2]!.data).toMatchObject({ enterpriseId: id, admittedMonth: parkMonthOf(new Date()), plannedBandwidthMbps: 400 });
    expect(events[5]!.data).toMatchObject({ exitDate: today, reason: 'moved to another park' });
  });

  it('rejects with a reason and publishes rejected', async () => {
    const id = await submitted(sut, applicant());
    await step(sut, 'takeApplicationIntoReview', id);
    expect((await step(sut, 'rejectEnterprise', id, { reason: 'not a digital-economy business' })).data?.['rejectEnterprise']).toMatchObject({ status: 'rejected' });
    const events = await eventsOf(id, 2);
    expect(events.map((e) => e.type)).toEqual(['valley.enterprise.application-submitted.v1', 'valley.enterprise.rejected.v1']);
    expect(events[1]!.data).toMatchObject({ reason: 'not a digital-economy business' });
  });

  it.each([
    ['approve a submitted application', 'approveEnterprise', {}, 'submitted', 'approved'],
    ['suspend an applicant', 'suspendEnterprise', { reason: 'x' }, 'submitted', 'suspended'],
    ['reinstate an applicant', 'reinstateEnterprise', {}, 'submitted', 'approved'],
    ['exit an applicant', 'exitEnterprise', { reason: 'x', exitDate: '2026-12-01' }, 'submitted', 'exited'],
  ])('refuses to %s with INVALID_TRANSITION naming from and to, changing and publishing nothing', async (_label, mutation, args, from, to) => {
    const id = await submitted(sut, applicant());
    const result = await step(sut, mutation, id, args as Record<string, string>);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from, to });
    expect((await sut.graphql<{ enterprise: { status: string; history: unknown[] } }>(HISTORY, { id }, admin)).data?.enterprise).toMatchObject({ status: 'submitted', history: [expect.anything()] });
    expect((await eventsOf(id, 1)).map((e) => e.type)).toEqual(['valley.enterprise.application-submitted.v1']);
  });

  it('needs reasons where the lifecycle says, and a real exit date', async () => {
    const id = await submitted(sut, applicant());
    await step(sut, 'takeApplicationIntoReview', id);
    expect((await step(sut, 'rejectEnterprise', id, { reason: '   ' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    await step(sut, 'approveEnterprise', id);
    expect((await step(sut, 'exitEnterprise', id, { reason: 'x', exitDate: '2026-02-30' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitDate' });
    expect((await step(sut, 'exitEnterprise', id, { reason: 'x', exitDate: '2099-01-01' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitDate' });
    expect((await step(sut, 'exitEnterprise', id, { reason: 'x', exitDate: '2001-01-01' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitDate' });
  });
});

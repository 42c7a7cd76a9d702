import { signIdentity } from '@valley/platform';
import { admin, applicant, applicationInput, EnterpriseApp, ENTERPRISE_FIELDS, IDENTITY_SECRET, step, SUBMIT, submitted } from '../support/enterprise-app';

const ENTERPRISE = `query E($id: ID!) { enterprise(id: $id) { ${ENTERPRISE_FIELDS} contactPhone } }`;
const LIST = `query L { enterprises(first: 100) { totalCount items { id } } }`;

describe('enterprise service: authorisation in the subgraph', () => {
  let sut: EnterpriseApp;
  const alice = applicant();
  const bob = applicant();
  let aliceId: string;
  let bobId: string;

  beforeAll(async () => {
    sut = await EnterpriseApp.start();
    aliceId = await submitted(sut, alice);
    bobId = await submitted(sut, bob);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('refuses a call without a forwarded identity, with a forged one, and with an expired one', async () => {
    expect((await sut.graphql(ENTERPRISE, { id: aliceId })).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    const forged = signIdentity(admin, 'not-the-shared-secret-but-just-as-long!!');
    expect((await sut.graphql(ENTERPRISE, { id: aliceId }, undefined, forged)).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    const expired = signIdentity(admin, IDENTITY_SECRET, 60, Date.now() - 3_600_000);
    expect((await sut.graphql(ENTERPRISE, { id: aliceId }, undefined, expired)).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    expect((await sut.graphql(SUBMIT, { input: applicationInput() })).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
  });

  it('lets an enterprise user read its own application and not another\'s', async () => {
    expect((await sut.graphql<{ enterprise: { id: string } }>(ENTERPRISE, { id: aliceId }, alice)).data?.enterprise.id).toBe(aliceId);
    const other = await sut.graphql(ENTERPRISE, { id: bobId }, alice);
    expect(other.errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
    expect(other.data).toBeNull();
    const resident = { subject: 'someone-else', role: 'enterprise' as const, enterpriseId: bobId };
    expect((await sut.graphql<{ enterprise: { id: string } }>(ENTERPRISE, { id: bobId }, resident)).data?.enterprise.id).toBe(bobId);
  });

  it('lists only the caller\'s own enterprises for an enterprise user, all for an administrator', async () => {
    const mine = await sut.graphql<{ enterprises: { totalCount: number; items: Array<{ id: string }> } }>(LIST, {}, alice);
    expect(mine.data?.enterprises).toEqual({ totalCount: 1, items: [{ id: aliceId }] });
    const all = await sut.graphql<{ enterprises: { totalCount: number } }>(LIST, {}, admin);
    expect(all.data?.enterprises.totalCount).toBeGreaterThanOrEqual(2);
  });

  it('does not let an enterprise user change another\'s application', async () => {
    const result = await sut.graphql(
      'mutation R($id: ID!, $input: SubmitApplicationInput!) { resubmitEnterpriseApplication(enterpriseId: $id, input: $input) { status } }',
      { id: bobId, input: applicationInput() },
      alice,
    );
    expect(result.errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
  });

  it('does not let an enterprise review or approve anything, not even itself', async () => {
    for (const mutation of ['takeApplicationIntoReview', 'approveEnterprise', 'reinstateEnterprise']) {
      const result = await step(sut, mutation, aliceId, {}, alice);
      expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    }
    const queue = await sut.graphql('query { reviewQueue(first: 5) { totalCount } }', {}, alice);
    expect(queue.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    const status = await sut.db.dataSource.query('SELECT status FROM enterprises WHERE id = $1', [aliceId]);
    expect(status[0].status).toBe('submitted');
  });

  it('does not let an administrator apply in an enterprise\'s name', async () => {
    expect((await sut.graphql(SUBMIT, { input: applicationInput() }, admin)).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
  });

  it('applies the same rules to federation entity lookups', async () => {
    const query = 'query F($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { id name } } }';
    const reps = [{ __typename: 'Enterprise', id: bobId }];
    expect((await sut.graphql(query, { reps })).errors?.[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    expect((await sut.graphql(query, { reps }, alice)).errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
    expect((await sut.graphql<{ _entities: Array<{ id: string }> }>(query, { reps }, admin)).data?._entities[0]?.id).toBe(bobId);
  });
});

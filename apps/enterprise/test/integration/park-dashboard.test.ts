import type { Identity } from '@valley/platform';
import { admin, applicant, EnterpriseApp, step, submitted } from '../support/enterprise-app';

const DASHBOARD = '{ parkDashboard { id residentCount residentsByStatus { status count } residentsByIndustry { industry count } } }';
const ENTITIES = 'query F($reps: [_Any!]!) { _entities(representations: $reps) { ... on ParkDashboard { id residentCount residentsByStatus { status count } residentsByIndustry { industry count } } } }';

type Dashboard = { id: string; residentCount: number; residentsByStatus: Array<{ status: string; count: number }>; residentsByIndustry: Array<{ industry: string; count: number }> };

describe('enterprise service: the park dashboard', () => {
  let sut: EnterpriseApp;
  let resident: Identity;

  const code = (result: { errors?: Array<{ extensions: Record<string, unknown> }> | undefined }) => result.errors?.[0]?.extensions['code'];
  const admitted = async (industry: string): Promise<string> => {
    const id = await submitted(sut, applicant(), { industry });
    await step(sut, 'takeApplicationIntoReview', id);
    await step(sut, 'approveEnterprise', id);
    return id;
  };

  beforeAll(async () => {
    sut = await EnterpriseApp.start();
    // Three residents in esports (one of them suspended), one in coal; one rejected, one under review, two just submitted.
    const esports = [await admitted('esports'), await admitted('esports'), await admitted('esports')];
    await admitted('coal');
    await step(sut, 'suspendEnterprise', esports[2]!, { reason: '逾期未报' });
    const rejected = await submitted(sut, applicant(), { industry: 'short-video' });
    await step(sut, 'takeApplicationIntoReview', rejected);
    await step(sut, 'rejectEnterprise', rejected, { reason: '材料不全' });
    await step(sut, 'takeApplicationIntoReview', await submitted(sut, applicant(), { industry: 'metaverse' }));
    await submitted(sut, applicant(), { industry: 'metaverse' });
    await submitted(sut, applicant(), { industry: 'virtual-human' });
    resident = { subject: 'user-of-esports', role: 'enterprise', enterpriseId: esports[0]! };
  });

  afterAll(async () => {
    await sut?.stop();
  });

  const expected: Dashboard = {
    id: 'park',
    residentCount: 4,
    residentsByStatus: [
      { status: 'submitted', count: 2 },
      { status: 'under_review', count: 1 },
      { status: 'information_requested', count: 0 },
      { status: 'approved', count: 3 },
      { status: 'rejected', count: 1 },
      { status: 'suspended', count: 1 },
      { status: 'exited', count: 0 },
    ],
    residentsByIndustry: [
      { industry: 'esports', count: 3 },
      { industry: 'coal', count: 1 },
    ],
  };

  it('counts the enterprises by status and the residents by industry for an administrator', async () => {
    const result = await sut.graphql<{ parkDashboard: Dashboard }>(DASHBOARD, {}, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data?.parkDashboard).toEqual(expected);
  });

  it('resolves the ParkDashboard entity as the gateway asks for it', async () => {
    const result = await sut.graphql<{ _entities: Dashboard[] }>(ENTITIES, { reps: [{ __typename: 'ParkDashboard', id: 'park' }] }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([expected]);
    const unknown = await sut.graphql(ENTITIES, { reps: [{ __typename: 'ParkDashboard', id: 'elsewhere' }] }, admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('refuses the dashboard to enterprise users, through the query and the entity lookup, and to callers without an identity', async () => {
    for (const who of [resident, { subject: 'newcomer', role: 'enterprise' as const }]) {
      const query = await sut.graphql(DASHBOARD, {}, who);
      expect(code(query)).toBe('FORBIDDEN');
      expect(query.data).toBeNull();
      const entity = await sut.graphql(ENTITIES, { reps: [{ __typename: 'ParkDashboard', id: 'park' }] }, who);
      expect(new Set(entity.errors?.map((e) => e.extensions['code']))).toEqual(new Set(['FORBIDDEN']));
      expect(JSON.stringify(entity.data)).not.toContain('esports');
    }
    expect(code(await sut.graphql(DASHBOARD, {}))).toBe('UNAUTHENTICATED');
    expect(code(await sut.graphql(ENTITIES, { reps: [{ __typename: 'ParkDashboard', id: 'park' }] }))).toBe('UNAUTHENTICATED');
  });
});

import type { Identity } from '@valley/platform';
import { COMPLETE, enroll, openProgram, PLACE, registerTrainee, TalentApp, type Enrollment, type Program } from '../support/talent-app';

const KPI = 'key label trained completed placed completionRate placementRate';
const DASHBOARD = `query D($reps: [_Any!]!) { _entities(representations: $reps) { ... on ParkDashboard { id talentTotals { ${KPI} } talentByProgram { ${KPI} } } } }`;
const PARK = [{ __typename: 'ParkDashboard', id: 'park' }];

/** Its own database: the park-wide figures are exactly this test's. */
describe('talent: the ParkDashboard entity', () => {
  let sut: TalentApp;
  let p1: Program;
  let p2: Program;
  let sponsor: Identity;

  const code = (result: { errors?: Array<{ extensions: Record<string, unknown> }> | undefined }) => result.errors?.[0]?.extensions['code'];
  const place = (e: Enrollment, enterpriseId: string) => sut.ok(PLACE, { input: { enrollmentId: e.id, enterpriseId, role: '数据标注工程师', startDate: '2027-01-04' } });

  beforeAll(async () => {
    sut = await TalentApp.start();
    const steel = await sut.resident('steel');
    const esports = await sut.resident('esports');
    sponsor = steel.user;
    // P1: three trained, two completed, one placed. P2: one trained, completed and placed.
    p1 = await openProgram(sut, { name: '工业互联网运维班', capacity: 3, sponsorEnterpriseIds: [steel.id] }, true);
    const e1 = [];
    for (let i = 0; i < 3; i++) e1.push(await enroll(sut, p1.id, (await registerTrainee(sut)).id));
    for (const e of e1.slice(0, 2)) await sut.ok(COMPLETE, { e: e.id, s: 75 });
    await place(e1[0]!, steel.id);
    p2 = await openProgram(sut, { name: '电竞赛事运营班', track: 'esports', capacity: 2 }, true);
    const e2 = await enroll(sut, p2.id, (await registerTrainee(sut)).id);
    await sut.ok(COMPLETE, { e: e2.id, s: 90 });
    await place(e2, esports.id);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('gives an administrator trainees trained, completed and placed, park-wide and per program', async () => {
    const { _entities } = await sut.ok<{ _entities: Array<Record<string, unknown>> }>(DASHBOARD, { reps: PARK });
    expect(_entities).toEqual([
      {
        id: 'park',
        talentTotals: { key: 'park', label: 'park', trained: 4, completed: 3, placed: 2, completionRate: '75.00', placementRate: '66.67' },
        talentByProgram: [
          { key: p1.id, label: '工业互联网运维班', trained: 3, completed: 2, placed: 1, completionRate: '66.67', placementRate: '50.00' },
          { key: p2.id, label: '电竞赛事运营班', trained: 1, completed: 1, placed: 1, completionRate: '100.00', placementRate: '100.00' },
        ],
      },
    ]);
  });

  it('refuses it to enterprise users (even a sponsor), to callers without an identity, and any dashboard but "park"', async () => {
    const refused = await sut.graphql(DASHBOARD, { reps: PARK }, sponsor);
    expect(new Set(refused.errors?.map((e) => e.extensions['code']))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(refused.data)).not.toContain(p1.id);
    expect(code(await sut.graphql(DASHBOARD, { reps: PARK }, null))).toBe('UNAUTHENTICATED');
    expect((await sut.graphql(DASHBOARD, { reps: [{ __typename: 'ParkDashboard', id: 'valley' }] })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

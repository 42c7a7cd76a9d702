import { COMPLETE, DROP, enroll, openProgram, PLACE, registerTrainee, TalentApp, type Enrollment, type Program } from '../support/talent-app';

const KPIS = 'query K($s: TalentKpiScope!, $t: String) { talentKpis(scope: $s, track: $t) { key label trained completed placed completionRate placementRate } }';
type Kpi = { key: string; label: string; trained: number | null; completed: number | null; placed: number; completionRate: string | null; placementRate: string | null };

/** Its own database: the park-wide figures are exactly this test's. */
describe('talent: KPIs by track, program and hiring industry', () => {
  let sut: TalentApp;
  let p1: Program;
  let p2: Program;
  let p3: Program;
  let sponsorUser: { subject: string; role: 'enterprise'; enterpriseId: string };

  const complete = (e: Enrollment, score: number) => sut.ok(COMPLETE, { e: e.id, s: score });
  const place = (e: Enrollment, enterpriseId: string) => sut.ok(PLACE, { input: { enrollmentId: e.id, enterpriseId, role: '工程师', startDate: '2027-01-04' } });
  const kpis = async (scope: string, identity?: typeof sponsorUser, track?: string) => (await sut.ok<{ talentKpis: Kpi[] }>(KPIS, { s: scope, t: track ?? null }, identity)).talentKpis;

  beforeAll(async () => {
    sut = await TalentApp.start();
    const steel = await sut.resident('steel');
    const esports = await sut.resident('esports');
    sponsorUser = steel.user as typeof sponsorUser;

    // Program 1 (AI, 4 seats): five enroll, one waits; one drops and the waiting one takes the seat;
    // trained 5 (everyone who held a seat), completed 3, placed 2.
    p1 = await openProgram(sut, { name: 'P1', capacity: 4, sponsorEnterpriseIds: [steel.id] });
    const e1: Enrollment[] = [];
    for (let i = 0; i < 5; i++) e1.push(await enroll(sut, p1.id, (await registerTrainee(sut)).id));
    await sut.ok(`mutation S($id: ID!) { startProgram(id: $id) { id } }`, { id: p1.id });
    await sut.ok(DROP, { e: e1[3]!.id });
    for (const e of e1.slice(0, 3)) await complete(e, 80);
    await place(e1[0]!, steel.id);
    await place(e1[1]!, esports.id);

    // Program 2 (esports, 3 seats): trained 2, completed 2, placed 1.
    p2 = await openProgram(sut, { name: 'P2', track: 'esports', capacity: 3 }, true);
    const e2 = [await enroll(sut, p2.id, (await registerTrainee(sut)).id), await enroll(sut, p2.id, (await registerTrainee(sut)).id)];
    for (const e of e2) await complete(e, 65);
    await place(e2[0]!, steel.id);

    // Program 3 (AI, 2 seats): trained 1, nobody completed yet.
    p3 = await openProgram(sut, { name: 'P3', capacity: 2 }, true);
    await enroll(sut, p3.id, (await registerTrainee(sut)).id);
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('counts trained, completed and placed per program, with the rates rounded half up', async () => {
    const byProgram = await kpis('program');
    expect(byProgram.find((k) => k.key === p1.id)).toEqual({ key: p1.id, label: 'P1', trained: 5, completed: 3, placed: 2, completionRate: '60.00', placementRate: '66.67' });
    expect(byProgram.find((k) => k.key === p2.id)).toEqual({ key: p2.id, label: 'P2', trained: 2, completed: 2, placed: 1, completionRate: '100.00', placementRate: '50.00' });
    expect(byProgram.find((k) => k.key === p3.id)).toEqual({ key: p3.id, label: 'P3', trained: 1, completed: 0, placed: 0, completionRate: '0.00', placementRate: null });
  });

  it('sums tracks and the park from the counts (rates of totals, not averages of rates)', async () => {
    expect(await kpis('track')).toEqual([
      { key: 'ai-large-model-applications', label: 'ai-large-model-applications', trained: 6, completed: 3, placed: 2, completionRate: '50.00', placementRate: '66.67' },
      { key: 'esports', label: 'esports', trained: 2, completed: 2, placed: 1, completionRate: '100.00', placementRate: '50.00' },
    ]);
    expect(await kpis('park')).toEqual([{ key: 'park', label: 'park', trained: 8, completed: 5, placed: 3, completionRate: '62.50', placementRate: '60.00' }]);
    expect(await kpis('park', undefined, 'esports')).toEqual([expect.objectContaining({ trained: 2, completed: 2, placed: 1 })]);
  });

  it('counts placements by the hiring enterprise\'s industry, as a share of all completions', async () => {
    expect(await kpis('industry')).toEqual([
      { key: 'esports', label: 'esports', trained: null, completed: null, placed: 1, completionRate: null, placementRate: '20.00' },
      { key: 'steel', label: 'steel', trained: null, completed: null, placed: 2, completionRate: null, placementRate: '40.00' },
    ]);
  });

  it('shows a sponsor the figures of the programs it sponsors only', async () => {
    expect(await kpis('park', sponsorUser)).toEqual([{ key: 'park', label: 'park', trained: 5, completed: 3, placed: 2, completionRate: '60.00', placementRate: '66.67' }]);
    expect((await kpis('program', sponsorUser)).map((k) => k.key)).toEqual([p1.id]);
    expect(await kpis('industry', sponsorUser)).toEqual([
      expect.objectContaining({ key: 'esports', placed: 1, placementRate: '33.33' }),
      expect.objectContaining({ key: 'steel', placed: 1, placementRate: '33.33' }),
    ]);
  });
});

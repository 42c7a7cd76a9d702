import { randomUUID } from 'node:crypto';
import type { Identity } from '@valley/platform';
import { COMPLETE, CREATE_PROGRAM, enroll, ENROLL, openProgram, PLACE, PROGRAM_ENROLLMENTS, programInput, REGISTER, registerTrainee, TalentApp, type Enrollment, type Placement, type Program } from '../support/talent-app';

const PROGRAMS = '{ programs { id } }';
const PLACEMENTS = 'query P($e: ID) { placements(enterpriseId: $e) { id enterpriseId } }';
const ENTITIES = 'query F($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enterprise { id sponsoredPrograms { id } placements { id } } } }';

describe('talent: authorisation in the subgraph', () => {
  let sut: TalentApp;
  let a: { id: string; user: Identity };
  let b: { id: string; user: Identity };
  let programA: Program;
  let programB: Program;
  let placementA: Placement;
  let placementB: Placement;
  let enrollmentB: Enrollment;

  const code = (result: { errors?: Array<{ extensions: Record<string, unknown> }> | undefined }) => result.errors?.[0]?.extensions['code'];

  beforeAll(async () => {
    sut = await TalentApp.start();
    a = await sut.resident('esports');
    b = await sut.resident('3d-data');
    const hire = async (sponsor: { id: string }): Promise<{ program: Program; enrollment: Enrollment; placement: Placement }> => {
      const program = await openProgram(sut, { capacity: 3, sponsorEnterpriseIds: [sponsor.id] }, true);
      const enrollment = await enroll(sut, program.id, (await registerTrainee(sut)).id);
      await sut.ok(COMPLETE, { e: enrollment.id, s: 82 });
      const { placeTrainee } = await sut.ok<{ placeTrainee: Placement }>(PLACE, { input: { enrollmentId: enrollment.id, enterpriseId: sponsor.id, role: '工程师', startDate: '2027-01-04' } });
      return { program, enrollment, placement: placeTrainee };
    };
    ({ program: programA, placement: placementA } = await hire(a));
    ({ program: programB, placement: placementB, enrollment: enrollmentB } = await hire(b));
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('refuses every operation without a forwarded identity, entity lookups included', async () => {
    for (const [query, variables] of [
      [PROGRAMS, {}],
      [PLACEMENTS, {}],
      ['{ talentKpis(scope: park) { placed } }', {}],
      ['{ talentTracks }', {}],
      [CREATE_PROGRAM, { input: programInput() }],
      [REGISTER, { input: { name: 'x', nationalIdNumber: '11010519491231002X', phone: '13912345678', education: 'bachelor' } }],
      [ENTITIES, { reps: [{ __typename: 'Enterprise', id: a.id }] }],
    ] as const) {
      expect(code(await sut.graphql(query, variables, null))).toBe('UNAUTHENTICATED');
    }
  });

  it('shows an enterprise only the programs it sponsors', async () => {
    const mine = await sut.ok<{ programs: Array<{ id: string }> }>(PROGRAMS, {}, a.user);
    expect(mine.programs.map((p) => p.id)).toEqual([programA.id]);
    expect((await sut.ok<{ program: { id: string; enrollments: unknown[] } }>(PROGRAM_ENROLLMENTS, { id: programA.id }, a.user)).program.enrollments).toHaveLength(1);
    const other = await sut.graphql(PROGRAM_ENROLLMENTS, { id: programB.id }, a.user);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'programId' });
    expect(other.data).toBeNull();
    expect(code(await sut.graphql('query E($id: ID!) { enrollment(id: $id) { id } }', { id: enrollmentB.id }, a.user))).toBe('NOT_FOUND');
    // An enterprise user without an enterprise sees nothing.
    expect((await sut.ok<{ programs: unknown[] }>(PROGRAMS, {}, { subject: 'newcomer', role: 'enterprise' })).programs).toEqual([]);
    const all = await sut.ok<{ programs: Array<{ id: string }> }>(PROGRAMS, {});
    expect(all.programs.map((p) => p.id)).toEqual(expect.arrayContaining([programA.id, programB.id]));
  });

  it('shows an enterprise only the placements it made', async () => {
    expect((await sut.ok<{ placements: Array<{ id: string }> }>(PLACEMENTS, {}, a.user)).placements.map((p) => p.id)).toEqual([placementA.id]);
    expect((await sut.ok<{ placements: Array<{ id: string }> }>(PLACEMENTS, { e: a.id }, a.user)).placements.map((p) => p.id)).toEqual([placementA.id]);
    expect(await sut.graphql(PLACEMENTS, { e: b.id }, a.user)).toMatchObject({ data: null, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'enterpriseId' }) })] });
    const all = (await sut.ok<{ placements: Array<{ id: string }> }>(PLACEMENTS, {})).placements.map((p) => p.id);
    expect(all).toEqual(expect.arrayContaining([placementA.id, placementB.id]));
  });

  it('extends the Enterprise entity with its sponsored programs and placements, for itself and administrators only', async () => {
    const own = await sut.graphql<{ _entities: Array<{ id: string; sponsoredPrograms: Array<{ id: string }>; placements: Array<{ id: string }> }> }>(ENTITIES, { reps: [{ __typename: 'Enterprise', id: a.id }] }, a.user);
    expect(own.data?._entities).toEqual([{ id: a.id, sponsoredPrograms: [{ id: programA.id }], placements: [{ id: placementA.id }] }]);
    const foreign = await sut.graphql(ENTITIES, { reps: [{ __typename: 'Enterprise', id: b.id }] }, a.user);
    // The first refusal nulls the entity (its fields are non-null), so one or both are reported.
    expect(foreign.errors?.length).toBeGreaterThan(0);
    expect(new Set(foreign.errors?.map((e) => e.extensions['code']))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(foreign.data)).not.toContain(programB.id);
    const byAdmin = await sut.ok<{ _entities: Array<{ sponsoredPrograms: Array<{ id: string }>; placements: Array<{ id: string }> }> }>(ENTITIES, { reps: [{ __typename: 'Enterprise', id: b.id }] });
    expect(byAdmin._entities[0]).toEqual({ id: b.id, sponsoredPrograms: [{ id: programB.id }], placements: [{ id: placementB.id }] });
  });

  it('lets no enterprise run programs, trainees or enrollments, even its own sponsored ones', async () => {
    const id = programA.id;
    const refused = [
      await sut.graphql(CREATE_PROGRAM, { input: programInput({ sponsorEnterpriseIds: [a.id] }) }, a.user),
      await sut.graphql(`mutation U($id: ID!, $input: ProgramInput!) { updateProgram(id: $id, input: $input) { id } }`, { id, input: programInput() }, a.user),
      ...(await Promise.all(['publishProgram', 'startProgram', 'finishProgram', 'cancelProgram'].map((m) => sut.graphql(`mutation S($id: ID!) { ${m}(id: $id) { id } }`, { id }, a.user)))),
      await sut.graphql(REGISTER, { input: { name: '某人', nationalIdNumber: '11010519491231002X', phone: '13912345678', education: 'bachelor' } }, a.user),
      await sut.graphql(ENROLL, { p: id, t: randomUUID() }, a.user),
      await sut.graphql('mutation D($e: ID!) { dropEnrollment(enrollmentId: $e) { dropped { id } } }', { e: randomUUID() }, a.user),
      await sut.graphql(COMPLETE, { e: randomUUID(), s: 100 }, a.user),
      await sut.graphql('{ trainees { totalCount } }', {}, a.user),
      await sut.graphql('query T($id: ID!) { trainee(id: $id) { name } }', { id: randomUUID() }, a.user),
      await sut.graphql('query T($n: String!) { traineeByNationalId(nationalIdNumber: $n) { name } }', { n: '11010519491231002X' }, a.user),
    ];
    expect(refused.map(code)).toEqual(Array(refused.length).fill('FORBIDDEN'));
    const { program } = await sut.ok<{ program: Program }>('query P($id: ID!) { program(id: $id) { id status name } }', { id });
    expect(program).toMatchObject({ status: 'running', name: programA.name });
    expect((await sut.db.dataSource.query('SELECT count(*)::int AS n FROM programs'))[0].n).toBe(2);
    expect((await sut.db.dataSource.query('SELECT count(*)::int AS n FROM trainees'))[0].n).toBe(2);
  });

  it('scopes an enterprise\'s KPIs to its sponsored programs', async () => {
    const kpis = '{ talentKpis(scope: program) { key placed } }';
    expect((await sut.ok<{ talentKpis: Array<{ key: string }> }>(kpis, {}, a.user)).talentKpis).toEqual([{ key: programA.id, placed: 1 }]);
    expect((await sut.ok<{ talentKpis: Array<{ key: string }> }>(kpis, {})).talentKpis.map((k) => k.key).sort()).toEqual([programA.id, programB.id].sort());
  });
});

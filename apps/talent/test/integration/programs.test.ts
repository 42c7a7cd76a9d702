import { Topics } from '@valley/contracts';
import { readTopic } from '@valley/testing';
import { CREATE_PROGRAM, PROGRAM_FIELDS, programInput, TalentApp, type Program } from '../support/talent-app';

const step = (mutation: string) => `mutation S($id: ID!) { ${mutation}(id: $id) { ${PROGRAM_FIELDS} } }`;
const UPDATE = `mutation U($id: ID!, $input: ProgramInput!) { updateProgram(id: $id, input: $input) { ${PROGRAM_FIELDS} } }`;

describe('talent: programs and their workflow', () => {
  let sut: TalentApp;

  beforeAll(async () => {
    sut = await TalentApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  it('takes a program from draft through published and running to finished, announcing the publication', async () => {
    const sponsor = await sut.resident('ai-models');
    const draft = (await sut.ok<{ createProgram: Program }>(CREATE_PROGRAM, { input: programInput({ capacity: 30, sponsorEnterpriseIds: [sponsor.id] }) })).createProgram;
    expect(draft).toMatchObject({ status: 'draft', capacity: 30, seatsTaken: 0, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [sponsor.id], publishedAt: null });
    const edited = (await sut.ok<{ updateProgram: Program }>(UPDATE, { id: draft.id, input: programInput({ name: '大模型应用工程师(秋季班)', capacity: 40, sponsorEnterpriseIds: [sponsor.id] }) })).updateProgram;
    expect(edited).toMatchObject({ name: '大模型应用工程师(秋季班)', capacity: 40 });

    const published = (await sut.ok<{ publishProgram: Program }>(step('publishProgram'), { id: draft.id })).publishProgram;
    expect(published.status).toBe('published');
    expect(published.publishedAt).toMatch(/Z$/);
    expect((await sut.ok<{ startProgram: Program }>(step('startProgram'), { id: draft.id })).startProgram.status).toBe('running');
    expect((await sut.ok<{ finishProgram: Program }>(step('finishProgram'), { id: draft.id })).finishProgram.status).toBe('finished');

    const messages = await readTopic(sut.kafka, Topics.TalentPrograms, (ms) => ms.some((m) => m.key?.toString() === draft.id));
    const events = messages.filter((m) => m.key?.toString() === draft.id).map((m) => JSON.parse(m.value!.toString()));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'valley.talent.program-published.v1',
        source: '/valley/talent',
        subject: draft.id,
        data: { programId: draft.id, name: '大模型应用工程师(秋季班)', track: 'ai-large-model-applications', capacity: 40, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [sponsor.id], publishedAt: published.publishedAt },
      }),
    ]);
  });

  it('refuses steps outside the workflow with INVALID_TRANSITION naming from and to, and edits after the draft', async () => {
    const { createProgram: p } = await sut.ok<{ createProgram: Program }>(CREATE_PROGRAM, { input: programInput() });
    expect((await sut.graphql(step('startProgram'), { id: p.id })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'programId', from: 'draft', to: 'running' });
    await sut.ok(step('publishProgram'), { id: p.id });
    expect((await sut.graphql(step('publishProgram'), { id: p.id })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'published', to: 'published' });
    expect((await sut.graphql(UPDATE, { id: p.id, input: programInput({ capacity: 1 }) })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'published' });
    expect((await sut.ok<{ cancelProgram: Program }>(step('cancelProgram'), { id: p.id })).cancelProgram.status).toBe('cancelled');
    expect((await sut.graphql(step('startProgram'), { id: p.id })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'cancelled' });
    expect((await sut.graphql(step('publishProgram'), { id: '1c1f9b0e-8f55-4b0c-9d1e-000000000000' })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'programId' });
    // A refused step changes nothing.
    expect((await sut.db.dataSource.query('SELECT status FROM programs WHERE id = $1', [p.id]))[0].status).toBe('cancelled');
  });

  it.each([
    ['an unknown track', { track: 'knitting' }, 'track'],
    ['no seats', { capacity: 0 }, 'capacity'],
    ['an end before the start', { endsOn: '2026-08-01' }, 'endsOn'],
    ['an impossible date', { startsOn: '2026-02-30' }, 'startsOn'],
    ['a malformed sponsor', { sponsorEnterpriseIds: ['acme'] }, 'sponsorEnterpriseIds'],
  ])('refuses a program with %s, naming the field', async (_case, overrides, field) => {
    const result = await sut.graphql(CREATE_PROGRAM, { input: programInput(overrides) });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0]?.message).not.toMatch(/internal/i);
  });

  it('lists the park\'s tracks and filters programs by status and track', async () => {
    const tracks = (await sut.ok<{ talentTracks: string[] }>('{ talentTracks }', {})).talentTracks;
    expect(tracks).toEqual(expect.arrayContaining(['ai-large-model-applications', '3d-data-capture-and-modelling', 'live-commerce-operations', 'esports', 'data-annotation', 'digital-human-production', 'industrial-digitalisation']));
    const { createProgram: p } = await sut.ok<{ createProgram: Program }>(CREATE_PROGRAM, { input: programInput({ track: 'data-annotation' }) });
    const list = await sut.ok<{ programs: Array<{ id: string }> }>('query L($s: ProgramStatus, $t: String) { programs(status: $s, track: $t) { id } }', { s: 'draft', t: 'data-annotation' });
    expect(list.programs.map((x) => x.id)).toContain(p.id);
    const none = await sut.ok<{ programs: Array<{ id: string }> }>('query L($s: ProgramStatus, $t: String) { programs(status: $s, track: $t) { id } }', { s: 'running', t: 'data-annotation' });
    expect(none.programs.map((x) => x.id)).not.toContain(p.id);
  });
});

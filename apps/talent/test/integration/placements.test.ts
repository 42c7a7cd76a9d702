import { randomUUID } from 'node:crypto';
import { Topics } from '@valley/contracts';
import { readTopic } from '@valley/testing';
import { COMPLETE, enroll, openProgram, PLACE, registerTrainee, TalentApp, type Enrollment, type Placement } from '../support/talent-app';

describe('talent: placements with residents only', () => {
  let sut: TalentApp;

  beforeAll(async () => {
    sut = await TalentApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  /** A trainee who completed a running program (sponsored by `sponsors`). */
  const completed = async (sponsors: string[] = []): Promise<Enrollment> => {
    const program = await openProgram(sut, { capacity: 10, sponsorEnterpriseIds: sponsors }, true);
    const enrollment = await enroll(sut, program.id, (await registerTrainee(sut)).id);
    return (await sut.ok<{ completeEnrollment: Enrollment }>(COMPLETE, { e: enrollment.id, s: 75 })).completeEnrollment;
  };
  const placeInput = (enrollmentId: string, enterpriseId: string) => ({ enrollmentId, enterpriseId, role: '大模型应用工程师', startDate: '2027-01-04' });
  const placementsOf = async (enrollmentId: string) => (await sut.db.dataSource.query('SELECT count(*)::int AS n FROM placements WHERE enrollment_id = $1', [enrollmentId]))[0].n as number;
  const placedEventsInOutbox = async () => (await sut.db.dataSource.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = 'valley.talent.trainee-placed.v1'`))[0].n as number;

  it('places a completed trainee with a resident and announces it with the pseudonymous trainee only', async () => {
    const hirer = await sut.resident('steel');
    const enrollment = await completed();
    const placement = (await sut.ok<{ placeTrainee: Placement }>(PLACE, { input: placeInput(enrollment.id, hirer.id) })).placeTrainee;
    expect(placement).toMatchObject({ enrollmentId: enrollment.id, programId: enrollment.programId, traineeRef: enrollment.traineeRef, enterpriseId: hirer.id, industry: 'steel', role: '大模型应用工程师', startDate: '2027-01-04' });

    const messages = await readTopic(sut.kafka, Topics.TalentPrograms, (ms) => ms.some((m) => m.value?.toString().includes(placement.id)));
    const event = messages.map((m) => JSON.parse(m.value!.toString())).find((e) => e.type === 'valley.talent.trainee-placed.v1' && e.data.placementId === placement.id);
    expect(event).toMatchObject({ source: '/valley/talent', subject: placement.id });
    expect(event.data).toEqual({ programId: enrollment.programId, placementId: placement.id, traineeRef: enrollment.traineeRef, enterpriseId: hirer.id, role: '大模型应用工程师', startDate: '2027-01-04', placedAt: expect.stringMatching(/Z$/) });
    expect(messages.find((m) => m.value?.toString().includes(placement.id))!.key?.toString()).toBe(enrollment.programId);

    // One placement per completion.
    const again = await sut.graphql(PLACE, { input: placeInput(enrollment.id, hirer.id) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'enrollmentId', placementId: placement.id });
  });

  it('refuses placements with enterprises that are unknown, only applicants, suspended or exited, and takes them again after reinstatement', async () => {
    const before = await placedEventsInOutbox();
    const enrollment = await completed();
    const refused = async (enterpriseId: string, status: string) => {
      const result = await sut.graphql(PLACE, { input: placeInput(enrollment.id, enterpriseId) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_RESIDENT', field: 'enterpriseId', status });
      expect(result.data).toBeNull();
    };

    await refused(randomUUID(), 'unknown');

    const applicant = randomUUID();
    await sut.lifecycle('valley.enterprise.application-submitted.v1', { enterpriseId: applicant, uscc: '91350100M000100Y43', name: '申请中企业', industry: 'coal', registeredCapitalFen: '100', plannedBandwidthMbps: 1, plannedMonthlyTrafficBytes: '1', headcount: 3, submittedAt: new Date().toISOString() });
    await sut.waitForStatus(applicant, 'applicant');
    await refused(applicant, 'applicant');

    const suspended = await sut.resident('coal');
    await sut.lifecycle('valley.enterprise.suspended.v1', { enterpriseId: suspended.id, reason: 'unpaid data-flow charges', suspendedAt: new Date().toISOString() });
    await sut.waitForStatus(suspended.id, 'suspended');
    await refused(suspended.id, 'suspended');

    const exited = await sut.resident('power');
    await sut.lifecycle('valley.enterprise.exited.v1', { enterpriseId: exited.id, exitDate: '2026-06-30', reason: 'moved out', exitedAt: new Date().toISOString() });
    await sut.waitForStatus(exited.id, 'exited');
    await refused(exited.id, 'exited');

    expect(await placementsOf(enrollment.id)).toBe(0);
    expect(await placedEventsInOutbox()).toBe(before);

    await sut.lifecycle('valley.enterprise.reinstated.v1', { enterpriseId: suspended.id, reinstatedAt: new Date().toISOString() });
    await sut.waitForStatus(suspended.id, 'resident');
    const placed = await sut.graphql<{ placeTrainee: Placement }>(PLACE, { input: placeInput(enrollment.id, suspended.id) });
    expect(placed.data?.placeTrainee).toMatchObject({ enterpriseId: suspended.id, industry: 'coal' });
    expect(await placementsOf(enrollment.id)).toBe(1);
  });

  it('places only trainees who completed their program', async () => {
    const hirer = await sut.resident('esports');
    const program = await openProgram(sut, { capacity: 1 }, true);
    const enrolled = await enroll(sut, program.id, (await registerTrainee(sut)).id);
    const waitlisted = await enroll(sut, program.id, (await registerTrainee(sut)).id);
    expect((await sut.graphql(PLACE, { input: placeInput(enrolled.id, hirer.id) })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_COMPLETED', field: 'enrollmentId', status: 'enrolled' });
    expect((await sut.graphql(PLACE, { input: placeInput(waitlisted.id, hirer.id) })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_COMPLETED', status: 'waitlisted' });
    expect((await sut.graphql(PLACE, { input: placeInput(randomUUID(), hirer.id) })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'enrollmentId' });
    expect((await sut.graphql(PLACE, { input: { ...placeInput(enrolled.id, hirer.id), startDate: '2027-02-30' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startDate' });
    expect((await sut.graphql(PLACE, { input: { ...placeInput(enrolled.id, hirer.id), role: ' ' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
  });

  it('lets an enterprise record its own hires from the programs it sponsors, and nothing else', async () => {
    const sponsor = await sut.resident('virtual-human');
    const other = await sut.resident('virtual-human');
    const sponsored = await completed([sponsor.id]);
    const elsewhere = await completed();
    expect((await sut.graphql(PLACE, { input: placeInput(sponsored.id, other.id) }, sponsor.user)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'enterpriseId' });
    expect((await sut.graphql(PLACE, { input: placeInput(elsewhere.id, sponsor.id) }, sponsor.user)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'enrollmentId' });
    const own = await sut.graphql<{ placeTrainee: Placement }>(PLACE, { input: placeInput(sponsored.id, sponsor.id) }, sponsor.user);
    expect(own.data?.placeTrainee).toMatchObject({ enterpriseId: sponsor.id, traineeRef: sponsored.traineeRef });
    expect(await placementsOf(elsewhere.id)).toBe(0);
  });

  it('names only residents as sponsors', async () => {
    const resident = await sut.resident('metaverse');
    const gone = await sut.resident('metaverse');
    await sut.lifecycle('valley.enterprise.suspended.v1', { enterpriseId: gone.id, reason: 'audit', suspendedAt: new Date().toISOString() });
    await sut.waitForStatus(gone.id, 'suspended');
    const create = 'mutation C($input: ProgramInput!) { createProgram(input: $input) { id sponsorEnterpriseIds } }';
    const base = { name: '数字人制作', track: 'digital-human-production', capacity: 10, startsOn: '2026-10-01', endsOn: '2026-11-30' };
    expect((await sut.graphql(create, { input: { ...base, sponsorEnterpriseIds: [resident.id, gone.id] } })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_RESIDENT', field: 'sponsorEnterpriseIds', enterpriseId: gone.id, status: 'suspended' });
    const unknown = randomUUID();
    expect((await sut.graphql(create, { input: { ...base, sponsorEnterpriseIds: [unknown] } })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_RESIDENT', enterpriseId: unknown, status: 'unknown' });
    const ok = await sut.graphql<{ createProgram: { sponsorEnterpriseIds: string[] } }>(create, { input: { ...base, sponsorEnterpriseIds: [resident.id, resident.id] } });
    expect(ok.data?.createProgram.sponsorEnterpriseIds).toEqual([resident.id]);
  });
});

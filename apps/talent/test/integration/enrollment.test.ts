import { Topics } from '@valley/contracts';
import { readTopic } from '@valley/testing';
import { COMPLETE, DROP, enroll, ENROLL, openProgram, PROGRAM_ENROLLMENTS, registerTrainee, TalentApp, type Enrollment, type Program, type Trainee } from '../support/talent-app';

type Drop = { dropEnrollment: { dropped: Enrollment; promoted: Enrollment | null } };

describe('talent: enrollment, capacity and the waitlist', () => {
  let sut: TalentApp;

  beforeAll(async () => {
    sut = await TalentApp.start();
  });

  afterAll(async () => {
    await sut?.stop();
  });

  const eventsOf = async (programId: string, count: number) => {
    const messages = await readTopic(sut.kafka, Topics.TalentPrograms, (ms) => ms.filter((m) => m.key?.toString() === programId).length >= count);
    return messages.filter((m) => m.key?.toString() === programId).map((m) => JSON.parse(m.value!.toString()) as { type: string; subject: string; data: Record<string, unknown> });
  };
  const seats = async (programId: string) => (await sut.db.dataSource.query('SELECT seats_taken FROM programs WHERE id = $1', [programId]))[0].seats_taken as number;

  it('enrolls exactly capacity of 12 concurrent enrollments into 5 seats and waitlists the other 7 in order, never over', async () => {
    const program = await openProgram(sut, { capacity: 5 });
    const trainees: Trainee[] = [];
    for (let i = 0; i < 12; i++) trainees.push(await registerTrainee(sut));

    // Watch the seat count from outside while the race runs: it must never pass the capacity.
    let highest = 0;
    let racing = true;
    const watcher = (async () => {
      while (racing) {
        const rows = await sut.db.dataSource.query(`SELECT count(*)::int AS n FROM enrollments WHERE program_id = $1 AND status = 'enrolled'`, [program.id]);
        highest = Math.max(highest, rows[0].n);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const results = await Promise.all(trainees.map((t) => sut.graphql<{ enrollTrainee: Enrollment }>(ENROLL, { p: program.id, t: t.id })));
    racing = false;
    await watcher;

    expect(results.map((r) => r.errors)).toEqual(Array(12).fill(undefined));
    const statuses = results.map((r) => r.data!.enrollTrainee.status);
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(7);
    expect(highest).toBeLessThanOrEqual(5);
    const waitlisted = results.map((r) => r.data!.enrollTrainee).filter((e) => e.status === 'waitlisted');
    expect(waitlisted.map((e) => e.waitlistPosition).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const { program: after } = await sut.ok<{ program: Program & { enrollments: Enrollment[] } }>(PROGRAM_ENROLLMENTS, { id: program.id });
    expect(after).toMatchObject({ capacity: 5, seatsTaken: 5, waitlisted: 7 });
    expect(after.enrollments.map((e) => e.status)).toEqual([...Array(5).fill('enrolled'), ...Array(7).fill('waitlisted')]);
    expect(after.enrollments.slice(5).map((e) => e.waitlistPosition)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await seats(program.id)).toBe(5);

    // Exactly the five seats were announced, with pseudonymous trainees.
    const events = await eventsOf(program.id, 6);
    await new Promise((r) => setTimeout(r, 500));
    const enrolled = (await eventsOf(program.id, 6)).filter((e) => e.type === 'valley.talent.trainee-enrolled.v1');
    expect(events[0]!.type).toBe('valley.talent.program-published.v1');
    expect(enrolled).toHaveLength(5);
    expect(new Set(enrolled.map((e) => e.data['traineeRef']))).toEqual(new Set(after.enrollments.slice(0, 5).map((e) => e.traineeRef)));
  });

  it('refuses a second enrollment of one trainee in one program, also when both arrive at once', async () => {
    const program = await openProgram(sut, { capacity: 3 });
    const trainee = await registerTrainee(sut);
    const first = await enroll(sut, program.id, trainee.id);
    const again = await sut.graphql(ENROLL, { p: program.id, t: trainee.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_ENROLLED', field: 'traineeId', enrollmentId: first.id, status: 'enrolled' });

    const other = await registerTrainee(sut);
    const racing = await Promise.all(Array.from({ length: 6 }, () => sut.graphql<{ enrollTrainee: Enrollment }>(ENROLL, { p: program.id, t: other.id })));
    expect(racing.filter((r) => r.data?.enrollTrainee).length).toBe(1);
    expect(racing.filter((r) => r.errors?.[0]?.extensions['code'] === 'ALREADY_ENROLLED').length).toBe(5);
    const rows = await sut.db.dataSource.query('SELECT count(*)::int AS n FROM enrollments WHERE program_id = $1', [program.id]);
    expect(rows[0].n).toBe(2);
    expect(await seats(program.id)).toBe(2);

    // The same trainee in another program is fine: one record across programs.
    const second = await openProgram(sut, { capacity: 3, name: 'another program' });
    expect((await enroll(sut, second.id, trainee.id)).status).toBe('enrolled');
  });

  it('promotes the waitlist in order as enrolled trainees drop, announcing each promotion; a waitlisted drop frees no seat', async () => {
    const program = await openProgram(sut, { capacity: 2 });
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await registerTrainee(sut));
    const enrollments = [];
    for (const p of people) enrollments.push(await enroll(sut, program.id, p.id));
    expect(enrollments.map((e) => e.status)).toEqual(['enrolled', 'enrolled', 'waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);
    const [a, b, c, d, e, f] = enrollments as [Enrollment, Enrollment, Enrollment, Enrollment, Enrollment, Enrollment];

    // d leaves the waitlist: nobody is promoted and e moves up.
    const leftQueue = (await sut.ok<Drop>(DROP, { e: d.id })).dropEnrollment;
    expect(leftQueue).toMatchObject({ dropped: { id: d.id, status: 'dropped' }, promoted: null });

    const first = (await sut.ok<Drop>(DROP, { e: a.id })).dropEnrollment;
    expect(first.dropped).toMatchObject({ id: a.id, status: 'dropped' });
    expect(first.promoted).toMatchObject({ id: c.id, status: 'enrolled', waitlistPosition: null });
    const second = (await sut.ok<Drop>(DROP, { e: b.id })).dropEnrollment;
    expect(second.promoted).toMatchObject({ id: e.id, status: 'enrolled' });

    const { program: now } = await sut.ok<{ program: Program & { enrollments: Enrollment[] } }>(PROGRAM_ENROLLMENTS, { id: program.id });
    expect(now).toMatchObject({ seatsTaken: 2, waitlisted: 1 });
    expect(now.enrollments.map((x) => [x.id, x.status, x.waitlistPosition])).toEqual([
      [c.id, 'enrolled', null],
      [e.id, 'enrolled', null],
      [f.id, 'waitlisted', 1],
      [a.id, 'dropped', null],
      [b.id, 'dropped', null],
      [d.id, 'dropped', null],
    ]);
    // Dropping twice is refused; so is re-enrolling a dropped trainee in the same program.
    expect((await sut.graphql(DROP, { e: a.id })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'enrollmentId', from: 'dropped' });
    expect((await sut.graphql(ENROLL, { p: program.id, t: people[0]!.id })).errors?.[0]?.extensions['code']).toBe('ALREADY_ENROLLED');

    const events = await eventsOf(program.id, 5);
    const enrolledRefs = events.filter((x) => x.type === 'valley.talent.trainee-enrolled.v1').map((x) => x.data['traineeRef']);
    expect(enrolledRefs).toEqual([a.traineeRef, b.traineeRef, c.traineeRef, e.traineeRef]);
  });

  it('promotes the first in line when drops of enrolled trainees race, never over capacity', async () => {
    const program = await openProgram(sut, { capacity: 3 });
    const enrollments: Enrollment[] = [];
    for (let i = 0; i < 8; i++) enrollments.push(await enroll(sut, program.id, (await registerTrainee(sut)).id));
    const results = await Promise.all(enrollments.slice(0, 3).map((x) => sut.graphql<Drop>(DROP, { e: x.id })));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(new Set(results.map((r) => r.data!.dropEnrollment.promoted!.id))).toEqual(new Set(enrollments.slice(3, 6).map((x) => x.id)));
    expect(await seats(program.id)).toBe(3);
    const { program: now } = await sut.ok<{ program: Program & { enrollments: Enrollment[] } }>(PROGRAM_ENROLLMENTS, { id: program.id });
    expect(now.enrollments.filter((x) => x.status === 'waitlisted').map((x) => x.id)).toEqual(enrollments.slice(6).map((x) => x.id));
  });

  it('records completion with a score and a unique certificate number, announced without personal data', async () => {
    const program = await openProgram(sut, { capacity: 3 }, true);
    const one = await enroll(sut, program.id, (await registerTrainee(sut)).id);
    const two = await enroll(sut, program.id, (await registerTrainee(sut)).id);
    const done = (await sut.ok<{ completeEnrollment: Enrollment }>(COMPLETE, { e: one.id, s: 88 })).completeEnrollment;
    expect(done).toMatchObject({ status: 'completed', score: 88 });
    expect(done.certificateNo).toMatch(/^VLY-[0-9]{4}-[0-9]{6}$/);
    const other = (await sut.ok<{ completeEnrollment: Enrollment }>(COMPLETE, { e: two.id, s: 0 })).completeEnrollment;
    expect(other.certificateNo).not.toBe(done.certificateNo);

    expect((await sut.graphql(COMPLETE, { e: one.id, s: 90 })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'completed' });
    expect((await sut.graphql(COMPLETE, { e: one.id, s: 101 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'score' });
    // Completed trainees keep their seat: dropping them is refused.
    expect((await sut.graphql(DROP, { e: one.id })).errors?.[0]?.extensions['code']).toBe('INVALID_TRANSITION');

    const events = await eventsOf(program.id, 5);
    const completed = events.filter((x) => x.type === 'valley.talent.trainee-completed.v1');
    expect(completed.map((x) => x.data)).toEqual([
      { programId: program.id, enrollmentId: one.id, traineeRef: one.traineeRef, score: 88, certificateNo: done.certificateNo, completedAt: expect.stringMatching(/Z$/) },
      { programId: program.id, enrollmentId: two.id, traineeRef: two.traineeRef, score: 0, certificateNo: other.certificateNo, completedAt: expect.stringMatching(/Z$/) },
    ]);
    expect(completed[0]!.subject).toBe(one.id);
  });

  it('takes enrollments only while a program is published or running, and completions only once it runs', async () => {
    const trainee = await registerTrainee(sut);
    const published = await openProgram(sut, { capacity: 2 });
    const enrollment = await enroll(sut, published.id, trainee.id);
    expect((await sut.graphql(COMPLETE, { e: enrollment.id, s: 70 })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'enrollmentId', programStatus: 'published' });
    const draft = (await sut.ok<{ createProgram: Program }>('mutation C($input: ProgramInput!) { createProgram(input: $input) { id } }', { input: { name: 'd', track: 'esports', capacity: 1, startsOn: '2026-01-01', endsOn: '2026-02-01' } })).createProgram;
    expect((await sut.graphql(ENROLL, { p: draft.id, t: trainee.id })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'programId', programStatus: 'draft' });
    expect((await sut.graphql(ENROLL, { p: published.id, t: '0b7e0c4e-0000-4000-8000-000000000000' })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'traineeId' });
    expect((await sut.graphql(ENROLL, { p: 'nope', t: trainee.id })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'programId' });
  });
});

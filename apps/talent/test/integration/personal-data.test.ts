import { createHmac } from 'node:crypto';
import { Topics } from '@valley/contracts';
import { readTopic } from '@valley/testing';
import { COMPLETE, DROP, enroll, freshNationalId, freshPhone, ID_HASH_SECRET, openProgram, PLACE, REGISTER, TalentApp, type Enrollment, type Trainee } from '../support/talent-app';

interface Person {
  name: string;
  nationalIdNumber: string;
  phone: string;
  email: string;
}

/**
 * National id numbers, names and contacts never leave the trainee record:
 * not in an event, not in a log line (every line the service wrote during
 * these tests, at debug level, and anything else on stdout and stderr), not
 * in an error message.
 */
describe('talent: personal data stays out of events, logs and errors', () => {
  let sut: TalentApp;
  const output: string[] = [];
  const responses: string[] = [];
  const restore: Array<() => void> = [];
  const people: Person[] = Array.from({ length: 4 }, (_, i) => ({
    name: `隐私测试学员${['甲', '乙', '丙', '丁'][i]}${Date.now() % 10_000}`,
    nationalIdNumber: freshNationalId(),
    phone: freshPhone(),
    email: `trainee.${i}.${Date.now()}@example.cn`,
  }));
  // One number with a lower-case x, to check the normalised form stays out too.
  const withX = (() => {
    for (;;) {
      const candidate = freshNationalId();
      if (candidate.endsWith('X')) return candidate;
    }
  })();
  people.push({ name: '隐私测试学员戊', nationalIdNumber: withX.toLowerCase(), phone: freshPhone(), email: `x.${Date.now()}@example.cn` });
  const secrets = people.flatMap((p) => [p.name, p.nationalIdNumber, p.nationalIdNumber.toUpperCase(), p.phone, p.email, p.nationalIdNumber.slice(6, 14) + p.nationalIdNumber.slice(14, 17)]);

  const call = async <T>(query: string, variables: Record<string, unknown>, identity?: Parameters<TalentApp['graphql']>[2]) => {
    const result = await sut.graphql<T>(query, variables, identity);
    if (result.errors) responses.push(JSON.stringify(result.errors));
    return result;
  };

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => void (stream.write = original as typeof stream.write));
    }
    sut = await TalentApp.start({ logLevel: 'debug' });
  });

  afterAll(async () => {
    await sut?.stop();
    for (const r of restore) r();
  });

  it('keeps only the keyed hash and the masked form of the number, and refuses bad numbers without repeating them', async () => {
    const registered: Trainee[] = [];
    for (const p of people) registered.push((await call<{ registerTrainee: Trainee }>(REGISTER, { input: { ...p, education: 'vocational' } })).data!.registerTrainee);
    people.forEach((p, i) => {
      const number = p.nationalIdNumber.toUpperCase();
      expect(registered[i]!.nationalIdMasked).toBe(`${number.slice(0, 4)}**********${number.slice(14)}`);
      // The pseudonymous ref comes from the record's random id, nothing personal.
      expect(registered[i]!.ref).toBe(`trn_${registered[i]!.id.replace(/-/g, '')}`);
    });

    const stored: Array<{ national_id_hash: string }> = await sut.db.dataSource.query('SELECT national_id_hash FROM trainees WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)', [registered.map((t) => t.id)]);
    expect(stored.map((r) => r.national_id_hash)).toEqual(people.map((p) => createHmac('sha256', ID_HASH_SECRET).update(p.nationalIdNumber.toUpperCase()).digest('hex')));
    const wholeTable = JSON.stringify(await sut.db.dataSource.query('SELECT * FROM trainees'));
    for (const p of people) expect(wholeTable).not.toContain(p.nationalIdNumber.toUpperCase());

    // The same person again (spaces, other case) is the same record.
    const again = await call(REGISTER, { input: { ...people[4]!, nationalIdNumber: ` ${withX} `, education: 'bachelor' } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'DUPLICATE_TRAINEE', field: 'nationalIdNumber', traineeId: registered[4]!.id });
    const found = await call<{ traineeByNationalId: { id: string } | null }>('query F($n: String!) { traineeByNationalId(nationalIdNumber: $n) { id } }', { n: people[0]!.nationalIdNumber });
    expect(found.data?.traineeByNationalId?.id).toBe(registered[0]!.id);

    const good = people[1]!.nationalIdNumber;
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (const [bad, problem] of [[wrongCheck, 'CHECK_CHARACTER'], [good.slice(0, 17), 'LENGTH'], [`${good.slice(0, 10)}13${good.slice(12)}`, 'BIRTH_DATE'], [`${good.slice(0, 16)}A${good[17]}`, 'CHARACTER']] as const) {
      const refused = await call(REGISTER, { input: { name: people[1]!.name, nationalIdNumber: bad, phone: people[1]!.phone, education: 'master' } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_NATIONAL_ID', field: 'nationalIdNumber', problem });
      expect(JSON.stringify(refused.errors)).not.toContain(bad);
    }
    // A name the database would choke on is refused as the user's mistake, not logged as a failed statement.
    const control = await call(REGISTER, { input: { ...people[2]!, name: `${people[2]!.name}\u0000`, nationalIdNumber: freshNationalId(), education: 'master' } });
    expect(control.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('publishes enrollments, completions and placements with the pseudonymous ref only, and logs none of it', async () => {
    const hirer = await sut.resident('live-commerce');
    const program = await openProgram(sut, { capacity: 3, sponsorEnterpriseIds: [hirer.id] }, true);
    const trainees = (await call<{ trainees: { items: Array<{ id: string; ref: string; name: string }> } }>('{ trainees(first: 100) { items { id ref name } } }', {})).data!.trainees.items;
    const byName = new Map(trainees.map((t) => [t.name, t]));
    const enrollments: Enrollment[] = [];
    for (const p of people) enrollments.push(await enroll(sut, program.id, byName.get(p.name)!.id));
    await call(DROP, { e: enrollments[0]!.id }); // promotes the fourth
    await call(COMPLETE, { e: enrollments[1]!.id, s: 91 });
    await call(PLACE, { input: { enrollmentId: enrollments[1]!.id, enterpriseId: hirer.id, role: '直播运营', startDate: '2027-03-01' } }, hirer.user);
    // Refused calls are logged at warn: they must not carry personal data either.
    await call('query T($id: ID!) { trainee(id: $id) { name phone } }', { id: byName.get(people[2]!.name)!.id }, hirer.user);
    await call('{ trainees { totalCount } }', {}, null);

    // published + 3 enrolled + 1 promoted + completed + placed
    const messages = await readTopic(sut.kafka, Topics.TalentPrograms, (ms) => ms.filter((m) => m.key?.toString() === program.id).length >= 7);
    const events = messages.filter((m) => m.key?.toString() === program.id).map((m) => m.value!.toString());
    expect(events.map((e) => JSON.parse(e).type)).toEqual([
      'valley.talent.program-published.v1',
      'valley.talent.trainee-enrolled.v1',
      'valley.talent.trainee-enrolled.v1',
      'valley.talent.trainee-enrolled.v1',
      'valley.talent.trainee-enrolled.v1',
      'valley.talent.trainee-completed.v1',
      'valley.talent.trainee-placed.v1',
    ]);
    const refs = new Set(events.filter((e) => JSON.parse(e).type !== 'valley.talent.program-published.v1').map((e) => JSON.parse(e).data.traineeRef));
    expect([...refs].every((r) => /^trn_[0-9a-f]{32}$/.test(r))).toBe(true);
    expect(refs).toEqual(new Set(people.slice(0, 4).map((p) => byName.get(p.name)!.ref)));
    for (const event of events) for (const secret of secrets) expect(event).not.toContain(secret);
    const outbox = JSON.stringify(await sut.db.dataSource.query('SELECT payload, headers FROM messaging_outbox'));
    for (const secret of secrets) expect(outbox).not.toContain(secret);
  });

  it('wrote log lines while it worked, and none of them (nor anything on stdout or stderr, nor any error answer) holds personal data', async () => {
    await new Promise((r) => setTimeout(r, 300)); // let the relay's and consumers' last lines land
    expect(sut.logLines.length).toBeGreaterThan(10);
    expect(sut.logLines.some((l) => l.includes('"trainee registered"') && /trn_[0-9a-f]{32}/.test(l))).toBe(true);
    expect(sut.logLines.some((l) => l.includes('"trainee placed"'))).toBe(true);
    expect(sut.logLines.some((l) => l.includes('"level":"warn"') && l.includes('FORBIDDEN'))).toBe(true);
    expect(responses.length).toBeGreaterThanOrEqual(8);
    for (const text of [...sut.logLines, ...output, ...responses]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});

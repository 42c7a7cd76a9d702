import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { buildCloudEvent, Topics, type EventData, type EventType } from '@valley/contracts';
import { createJsonLogger, IDENTITY_HEADER, signIdentity, startService, type Identity } from '@valley/platform';
import { createTestDatabase, createTestKafka, positionGroupAtEnd, testKafkaEnv, waitFor, type TestDatabase } from '@valley/testing';
import { TalentAppModule } from '../../src/app.module';
import { nationalIdCheckCharacter } from '../../src/talent/domain/national-id';
import { loadTalentConfig, type TalentConfig } from '../../src/talent.config';

export const IDENTITY_SECRET = 'talent-test-identity-secret-0123456789!!';
export const ID_HASH_SECRET = 'talent-test-national-id-hash-secret-0123456789';

export const admin: Identity = { subject: 'admin-1', role: 'park-admin' };

export interface GraphqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors: Array<{ message: string; extensions: Record<string, unknown> }> | undefined;
}

/** Every line the service logs: the platform's own logger, on a destination the test can read instead of stdout. */
function capturingLogger(level: string, lines: string[]): Logger {
  return createJsonLogger('talent-test', level, { write: (line: string) => void lines.push(line) });
}

/** The talent service on a fresh database and a consumer group of its own, on the real broker; its log lines kept. */
export class TalentApp {
  /** Every line the service's logger wrote. */
  readonly logLines: string[];
  private producer?: Producer;

  private constructor(
    readonly db: TestDatabase,
    private readonly app: NestExpressApplication,
    readonly url: string,
    readonly kafka: Kafka,
    readonly config: TalentConfig,
    logLines: string[],
  ) {
    this.logLines = logLines;
  }

  static async start(options: { logLevel?: 'debug' | 'info' | 'warn'; tracks?: string } = {}): Promise<TalentApp> {
    const db = await createTestDatabase('talent', []);
    const prefix = `valley-talent.test-${randomBytes(4).toString('hex')}`;
    const kafka = createTestKafka();
    // The lifecycle topic holds other tests' events: this service starts after them.
    await positionGroupAtEnd(kafka, `${prefix}.projections`, Topics.EnterpriseLifecycle);
    const config = loadTalentConfig({
      DATABASE_URL: db.url,
      ...testKafkaEnv('talent'),
      PORT: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: options.logLevel ?? 'warn',
      VALLEY_IDENTITY_SECRET: IDENTITY_SECRET,
      TALENT_ID_HASH_SECRET: ID_HASH_SECRET,
      TALENT_CONSUMER_GROUP_PREFIX: prefix,
      ...(options.tracks ? { TALENT_TRACKS: options.tracks } : {}),
    });
    const lines: string[] = [];
    const logger = capturingLogger(config.LOG_LEVEL, lines);
    const app = await startService({ module: TalentAppModule.forRoot(config, logger), logger, port: 0 });
    return new TalentApp(db, app, `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`, kafka, config, lines);
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    await this.app.close();
    await this.db.drop();
  }

  /** Sends an operation as `identity` (signed as the gateway would; an administrator unless said), or with none at all (null). */
  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, identity: Identity | null = admin): Promise<GraphqlResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (identity) headers[IDENTITY_HEADER] = signIdentity(identity, IDENTITY_SECRET);
    const res = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T | null; errors?: GraphqlResult['errors'] };
    return { status: res.status, data: body.data, errors: body.errors };
  }

  /** Like graphql, but fails the test on any error. */
  async ok<T>(query: string, variables: Record<string, unknown>, identity: Identity = admin): Promise<T> {
    const result = await this.graphql<T>(query, variables, identity);
    if (result.errors || !result.data) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** Sends an onboarding event as the enterprise service would. */
  async lifecycle<T extends EventType>(type: T, data: EventData<T>): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer();
      await this.producer.connect();
    }
    const event = buildCloudEvent(type, data);
    await this.producer.send({ topic: Topics.EnterpriseLifecycle, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
  }

  /** A resident, known to talent from its approval event; with a user acting for it. */
  async resident(industry = 'steel'): Promise<{ id: string; user: Identity }> {
    const id = randomUUID();
    await this.lifecycle('valley.enterprise.approved.v1', { enterpriseId: id, uscc: '91350100M000100Y43', name: `企业-${id.slice(0, 4)}`, industry, plannedBandwidthMbps: 10, plannedMonthlyTrafficBytes: '1', admittedMonth: '2025-01', approvedAt: new Date().toISOString() });
    await this.waitForStatus(id, 'resident');
    return { id, user: { subject: `user-${id}`, role: 'enterprise', enterpriseId: id } };
  }

  async waitForStatus(enterpriseId: string, status: string): Promise<void> {
    await waitFor(`enterprise ${enterpriseId} ${status}`, async () => (await this.db.dataSource.query('SELECT status FROM known_enterprises WHERE id = $1', [enterpriseId]))[0]?.status === status);
  }
}

/** A valid GB 11643 number no other test used: random birth date and sequence, computed check character. */
export function freshNationalId(area = '140105'): string {
  const birth = `${randomInt(1970, 2006)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;
  const first17 = `${area}${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + nationalIdCheckCharacter(first17);
}

let phoneCounter = randomInt(0, 1_000_000);
export function freshPhone(): string {
  phoneCounter = (phoneCounter + 1) % 100_000_000;
  return `139${String(phoneCounter).padStart(8, '0')}`;
}

export const PROGRAM_FIELDS = 'id name track status capacity seatsTaken waitlisted startsOn endsOn sponsorEnterpriseIds publishedAt';
export const ENROLLMENT_FIELDS = 'id programId traineeRef status waitlistPosition enrolledAt completedAt score certificateNo';
export const PLACEMENT_FIELDS = 'id enrollmentId programId traineeRef enterpriseId industry role startDate';

export const CREATE_PROGRAM = `mutation C($input: ProgramInput!) { createProgram(input: $input) { ${PROGRAM_FIELDS} } }`;
export const REGISTER = 'mutation R($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id ref name nationalIdMasked phone education } }';
export const ENROLL = `mutation E($p: ID!, $t: ID!) { enrollTrainee(programId: $p, traineeId: $t) { ${ENROLLMENT_FIELDS} } }`;
export const DROP = `mutation D($e: ID!) { dropEnrollment(enrollmentId: $e) { dropped { ${ENROLLMENT_FIELDS} } promoted { ${ENROLLMENT_FIELDS} } } }`;
export const COMPLETE = `mutation C($e: ID!, $s: Int!) { completeEnrollment(enrollmentId: $e, score: $s) { ${ENROLLMENT_FIELDS} } }`;
export const PLACE = `mutation P($input: PlaceTraineeInput!) { placeTrainee(input: $input) { ${PLACEMENT_FIELDS} } }`;
export const PROGRAM_ENROLLMENTS = `query Q($id: ID!) { program(id: $id) { ${PROGRAM_FIELDS} enrollments { ${ENROLLMENT_FIELDS} } } }`;

export type Program = { id: string; name: string; track: string; status: string; capacity: number; seatsTaken: number; waitlisted: number; startsOn: string; endsOn: string; sponsorEnterpriseIds: string[]; publishedAt: string | null };
export type Enrollment = { id: string; programId: string; traineeRef: string; status: string; waitlistPosition: number | null; enrolledAt: string | null; completedAt: string | null; score: number | null; certificateNo: string | null };
export type Trainee = { id: string; ref: string; name: string; nationalIdMasked: string; phone: string; education: string };
export type Placement = { id: string; enrollmentId: string; programId: string; traineeRef: string; enterpriseId: string; industry: string; role: string; startDate: string };

export function programInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: '大模型应用工程师训练营', track: 'ai-large-model-applications', description: 'prompting, retrieval, fine-tuning', capacity: 5, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [], ...overrides };
}

/** A program created, published (and started when asked) by an administrator. */
export async function openProgram(sut: TalentApp, overrides: Record<string, unknown> = {}, start = false): Promise<Program> {
  const { createProgram } = await sut.ok<{ createProgram: Program }>(CREATE_PROGRAM, { input: programInput(overrides) });
  const { publishProgram } = await sut.ok<{ publishProgram: Program }>(`mutation P($id: ID!) { publishProgram(id: $id) { ${PROGRAM_FIELDS} } }`, { id: createProgram.id });
  if (!start) return publishProgram;
  return (await sut.ok<{ startProgram: Program }>(`mutation S($id: ID!) { startProgram(id: $id) { ${PROGRAM_FIELDS} } }`, { id: createProgram.id })).startProgram;
}

export async function registerTrainee(sut: TalentApp, overrides: Record<string, unknown> = {}): Promise<Trainee> {
  const input = { name: `学员${randomInt(1000, 9999)}`, nationalIdNumber: freshNationalId(), phone: freshPhone(), education: 'bachelor', ...overrides };
  return (await sut.ok<{ registerTrainee: Trainee }>(REGISTER, { input })).registerTrainee;
}

export async function enroll(sut: TalentApp, programId: string, traineeId: string): Promise<Enrollment> {
  return (await sut.ok<{ enrollTrainee: Enrollment }>(ENROLL, { p: programId, t: traineeId })).enrollTrainee;
}

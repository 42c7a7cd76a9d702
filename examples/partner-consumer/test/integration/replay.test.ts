import { randomBytes, randomUUID } from 'node:crypto';
import { logLevel, type Producer } from 'kafkajs';
import { PUBLIC_TOPICS, Topics } from '@valley/contracts';
import { createKafka } from '@valley/messaging';
import type { Identity } from '@valley/platform';
import { testKafkaBrokers, waitFor } from '@valley/testing';
import { application, freshNationalId, freshUscc, GB, midMonth, shanghaiMonth, usageRecord } from '../../../../apps/gateway/test/support/journey-data';
import { admin, Park } from '../../../../apps/gateway/test/support/park';
import { EventContract } from '../../src/event-contract';
import { parkFigures } from '../../src/park-figures';
import { replay, type KafkaConnection, type ReplayResult } from '../../src/replay';

type Row = Record<string, unknown>;

/** A partner as the park's administrators register it through the gateway: its SCRAM credentials, shown once. */
const REGISTER_PARTNER = `mutation R($input: RegisterPartnerInput!) { registerPartner(input: $input) { username password mechanism partner { id groupPrefix topics writes } } }`;

interface IssuedPartner {
  username: string;
  password: string;
  mechanism: string;
  partner: { id: string; groupPrefix: string; topics: string[]; writes: string[] };
}

/** The park's own figures, read through the gateway as an administrator. */
const PLATFORM = `query P($m1: String!, $m2: String!) {
  enterprises(first: 100) { totalCount items { id status industry } }
  allocations { id enterpriseId status bandwidthMbps planId planVersion }
  c1: monthlyCharges(month: $m1) { enterpriseId month revision chargeFen billableBytes }
  c2: monthlyCharges(month: $m2) { enterpriseId month revision chargeFen billableBytes }
  r1: revenueReports(month: $m1) { enterpriseId month acceptedVersion versions { version revenueFen } }
  r2: revenueReports(month: $m2) { enterpriseId month acceptedVersion versions { version revenueFen } }
  parkDashboard { residentCount residentsByIndustry { industry count } revenueTotals { revenueFen inputFen multiplier enterprises }
    a1: quotaAlertCount(month: $m1) a2: quotaAlertCount(month: $m2) talentTotals { trained completed placed } } }`;

interface Platform {
  enterprises: { totalCount: number; items: Array<{ id: string; status: string; industry: string }> };
  allocations: Array<{ id: string; enterpriseId: string; status: string; bandwidthMbps: number; planId: string; planVersion: number }>;
  c1: Row[];
  c2: Row[];
  r1: Array<{ enterpriseId: string; month: string; acceptedVersion: number | null; versions: Array<{ version: number; revenueFen: string }> }>;
  r2: Platform['r1'];
  parkDashboard: {
    residentCount: number;
    residentsByIndustry: Array<{ industry: string; count: number }>;
    revenueTotals: { revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number };
    a1: number;
    a2: number;
    talentTotals: { trained: number; completed: number; placed: number };
  };
}

const byKey = <T extends Row>(rows: T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * The reference partner consumer against the real platform: a small park lived
 * through the gateway (residents imported and admitted live, one rejected, usage,
 * two months closed, a charge recomputed, reports submitted, returned, accepted
 * and amended, a suspension, an exit, a placement), then a replay from offset 0
 * with only the AsyncAPI document the gateway serves. Its view must equal what
 * the gateway says, for this park's enterprises (the broker is shared with
 * other tests, whose events the consumer reads too). The broker runs SASL/SCRAM
 * with ACLs: the consumer logs in as a statistics bureau registered through the
 * gateway with the six public topics, and the usage records come from a
 * carrier partner of their own, as in production.
 */
describe('the reference partner consumer', () => {
  let park: Park;
  let producer: Producer;
  /** The carrier partner's principal, which is also the carrierId of its records. */
  let carrier: string;
  /** The reader's connection (its own credentials) and group prefix (its username: groups `<username>.park-view-…`). */
  let connection: KafkaConnection;
  let groupPrefix: string;
  const m1 = shanghaiMonth(-2);
  const m2 = shanghaiMonth(-1);
  const r: string[] = [];
  const user = (enterpriseId: string): Identity => ({ subject: `user-${enterpriseId}`, role: 'enterprise', enterpriseId });
  const figures = (revenueFen: bigint) => ({ revenueFen: revenueFen.toString(), taxFen: (revenueFen / 20n).toString(), employees: 12, localHires: 9, lines: [{ line: 'live-commerce-commission', amountFen: revenueFen.toString() }] });

  const report = async (enterpriseId: string, month: string, revenueFen: bigint): Promise<string> =>
    (await park.ok<{ submitRevenueReport: { id: string } }>('mutation S($e: ID!, $m: String!, $f: ReportFiguresInput!) { submitRevenueReport(enterpriseId: $e, month: $m, figures: $f) { id } }', { e: enterpriseId, m: month, f: figures(revenueFen) }, user(enterpriseId))).submitRevenueReport.id;
  const accept = (reportId: string) => park.ok('mutation A($id: ID!) { acceptRevenueReport(reportId: $id) { status } }', { id: reportId }, admin);
  const usedBytes = async (enterpriseId: string, month: string): Promise<string> =>
    (await park.ok<{ usage: { usedBytes: string } }>('query U($e: ID!, $m: String!) { usage(enterpriseId: $e, month: $m) { usedBytes } }', { e: enterpriseId, m: month }, admin)).usage.usedBytes;
  const send = (enterpriseId: string, month: string, gb: bigint, hour = 0) =>
    producer.send({ topic: Topics.FlowUsageRecords, messages: [{ key: enterpriseId, value: JSON.stringify(usageRecord(enterpriseId, carrier, new Date(midMonth(month).getTime() + hour * 3600_000), gb)) }] });

  beforeAll(async () => {
    park = await Park.start();
    await park.startGateway();
    // registerPartner answers once the new credentials log in.
    const register = async (name: string, kind: string, topics: readonly string[]): Promise<IssuedPartner> =>
      (await park.ok<{ registerPartner: IssuedPartner }>(REGISTER_PARTNER, { input: { name, kind, topics } }, admin)).registerPartner;
    const reader = await register(`Shanxi statistics bureau ${randomBytes(3).toString('hex')}`, 'statistics_bureau', PUBLIC_TOPICS);
    expect(reader.partner).toMatchObject({ groupPrefix: `${reader.username}.`, writes: [] });
    const issuedCarrier = await register(`Example carrier ${randomBytes(3).toString('hex')}`, 'carrier', []);
    expect(issuedCarrier.partner.writes).toEqual([Topics.FlowUsageRecords]);
    connection = { brokers: testKafkaBrokers(), sasl: { mechanism: 'scram-sha-512', username: reader.username, password: reader.password } };
    groupPrefix = reader.username;
    carrier = issuedCarrier.username;
    producer = createKafka({ brokers: testKafkaBrokers(), clientId: `test-${carrier}`, sasl: { mechanism: 'scram-sha-512', username: carrier, password: issuedCarrier.password } }).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await park.ok('mutation P($input: CreatePoolInput!) { createPool(input: $input) { id } }', { input: { name: 'partner-dc', region: 'taiyuan', capacityMbps: 10_000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '800' } }, admin);
    await park.ok('mutation C($name: String!, $terms: PlanTermsInput!) { createPlan(name: $name, terms: $terms) { id } }', { name: 'live-100', terms: { bandwidthMbps: 100, monthlyIncludedBytes: (10n * GB).toString(), parkPriceFenPerGb: '3000', marketPriceFenPerGb: '12000', overagePolicy: 'bill' } }, admin);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await park?.stop();
  });

  it('rebuilds from offset 0 exactly the residents, allocations, charges, accepted revenue and multiplier the platform shows', async () => {
    // Four residents admitted two months back, as the park's existing residents arrive.
    const industries = ['esports', 'live-commerce', 'live-commerce', 'steel'];
    const rows = industries.map((industry, k) => {
      const uscc = freshUscc();
      return { line: k + 1, uscc, name: `晋数-${industry}-${uscc.slice(-4)}`, legalRepresentative: '赵六', contactPhone: '13987654321', contactEmail: 'ops@example.cn', industry, registeredCapitalFen: '100000000', plannedBandwidthMbps: '50', plannedMonthlyTrafficBytes: '1099511627776', headcount: '12', admittedMonth: m1 };
    });
    await park.ok('mutation I($rows: [ImportRowInput!]!) { importResidents(rows: $rows) { imported } }', { rows }, admin);
    for (const row of rows) r.push((await park.ok<{ enterpriseByUscc: { id: string } }>('query U($u: String!) { enterpriseByUscc(uscc: $u) { id } }', { u: row.uscc }, admin)).enterpriseByUscc.id);
    // Live applicants: one approved, one rejected, one still waiting.
    const apply = async (industry: string): Promise<string> =>
      (await park.ok<{ submitEnterpriseApplication: { id: string } }>('mutation S($input: SubmitApplicationInput!) { submitEnterpriseApplication(input: $input) { id } }', { input: application(industry) }, { subject: `applicant-${randomUUID()}`, role: 'enterprise' })).submitEnterpriseApplication.id;
    const [approved, rejected] = [await apply('virtual-human'), await apply('metaverse'), await apply('esports')];
    for (const id of [approved!, rejected!]) await park.ok('mutation R($id: ID!) { takeApplicationIntoReview(enterpriseId: $id) { status } }', { id }, admin);
    await park.ok('mutation A($id: ID!) { approveEnterprise(enterpriseId: $id) { status } }', { id: approved }, admin);
    await park.ok('mutation R($id: ID!, $r: String!) { rejectEnterprise(enterpriseId: $id, reason: $r) { status } }', { id: rejected, r: '业务与园区产业定位不符' }, admin);
    await waitFor('five active allocations', async () => (await park.ok<{ allocations: Array<{ status: string }> }>('{ allocations(statuses: ["active"]) { status } }', {}, admin)).allocations.length === 5, { timeoutMs: 30_000, intervalMs: 200 });

    // Usage in both months; R0 passes 80 % of its 10 GB last month.
    const usage: Array<[number, string, bigint]> = [[0, m1, 3n], [0, m2, 9n], [1, m2, 5n], [2, m2, 4n], [3, m2, 2n]];
    for (const [k, month, gb] of usage) await send(r[k]!, month, gb);
    for (const [k, month, gb] of usage) await waitFor(`${gb} GB for R${k} in ${month}`, async () => (await usedBytes(r[k]!, month)) === (gb * GB).toString(), { timeoutMs: 30_000, intervalMs: 200 });
    for (const month of [m1, m2]) await park.ok('mutation C($m: String!) { closeMonth(month: $m) { closed } }', { m: month }, admin);
    // A record arriving after the close recomputes R1's charge: revision 2 (7 GB at 30 yuan).
    await send(r[1]!, m2, 2n, 1);
    await waitFor('R1\'s charge revision 2', async () => (await park.ok<{ monthlyCharges: Array<{ enterpriseId: string; revision: number }> }>('query C($m: String!) { monthlyCharges(month: $m) { enterpriseId revision } }', { m: m2 }, admin)).monthlyCharges.some((c) => c.enterpriseId === r[1] && c.revision === 2), { timeoutMs: 30_000, intervalMs: 200 });

    // Reports: accepted; returned and resubmitted (version 2); amended after acceptance (version 2, accepted).
    await accept(await report(r[0]!, m2, 80_000_00n));
    const amended = await report(r[0]!, m1, 20_000_00n);
    await accept(amended);
    await park.ok('mutation M($id: ID!, $f: ReportFiguresInput!, $r: String!) { amendRevenueReport(reportId: $id, figures: $f, reason: $r) { id } }', { id: amended, f: figures(25_123_45n), r: '审计调整' }, user(r[0]!));
    const returned = await report(r[1]!, m2, 61_000_00n);
    await park.ok('mutation R($id: ID!, $c: String!) { returnRevenueReport(reportId: $id, comment: $c) { id } }', { id: returned, c: '请核对' }, admin);
    await report(r[1]!, m2, 56_000_01n);
    await accept(returned);
    await accept(await report(r[2]!, m2, 33_333_33n));

    // R2 suspended (its allocation too), R3 leaves at the end of last month (its allocation revoked).
    await park.ok('mutation S($id: ID!, $r: String!) { suspendEnterprise(enterpriseId: $id, reason: $r) { status } }', { id: r[2], r: '欠缴数据流量费用' }, admin);
    const lastDay = new Date(Date.UTC(Number(m2.slice(0, 4)), Number(m2.slice(5, 7)), 0)).toISOString().slice(0, 10);
    await park.ok('mutation X($id: ID!, $d: String!, $r: String!) { exitEnterprise(enterpriseId: $id, exitDate: $d, reason: $r) { status } }', { id: r[3], d: lastDay, r: '业务迁出园区' }, admin);

    // A trainee of a program R0 sponsors, placed with R0.
    const program = (await park.ok<{ createProgram: { id: string } }>('mutation C($input: ProgramInput!) { createProgram(input: $input) { id } }', { input: { name: '直播电商运营训练营', track: 'live-commerce-operations', description: 'live rooms', capacity: 5, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [r[0]] } }, admin)).createProgram;
    await park.ok('mutation P($id: ID!) { publishProgram(id: $id) { id } }', { id: program.id }, admin);
    await park.ok('mutation S($id: ID!) { startProgram(id: $id) { id } }', { id: program.id }, admin);
    const trainee = (await park.ok<{ registerTrainee: { id: string } }>('mutation R($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id } }', { input: { name: '李四', nationalIdNumber: freshNationalId(), phone: '13800001111', education: 'bachelor' } }, admin)).registerTrainee;
    const enrollment = (await park.ok<{ enrollTrainee: { id: string } }>('mutation E($p: ID!, $t: ID!) { enrollTrainee(programId: $p, traineeId: $t) { id } }', { p: program.id, t: trainee.id }, admin)).enrollTrainee;
    await park.ok('mutation C($e: ID!) { completeEnrollment(enrollmentId: $e, score: 91) { status } }', { e: enrollment.id }, admin);
    await park.ok('mutation P($input: PlaceTraineeInput!) { placeTrainee(input: $input) { id } }', { input: { enrollmentId: enrollment.id, enterpriseId: r[0], role: '直播运营', startDate: '2027-01-04' } }, admin);

    // The platform settles: the multiplier has every accepted report and charge, provisioning saw the suspension and the exit.
    const platform = await waitFor('the platform to settle', async () => {
      const p = await park.ok<Platform>(PLATFORM, { m1, m2 }, admin);
      const statuses = new Map(p.allocations.map((a) => [a.enterpriseId, a.status]));
      return p.parkDashboard.revenueTotals.enterprises === 3 && statuses.get(r[2]!) === 'suspended' && statuses.get(r[3]!) === 'revoked' ? p : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });

    const contract = await EventContract.load(park.gateway!.url.replace(/\/graphql$/, '/asyncapi.json'));
    const ours = new Set(platform.enterprises.items.map((e) => e.id));
    const expected = expectedView(platform);
    // Events still in the services' outboxes when a replay starts come with the next one.
    let last: { result: ReplayResult; view: ReturnType<typeof consumerView> } | undefined;
    await waitFor('the replayed view to equal the platform\'s', async () => {
      const result = await replay({ contract, connection, groupPrefix });
      last = { result, view: consumerView(result, ours) };
      return JSON.stringify(last.view) === JSON.stringify(expected);
    }, { timeoutMs: 20_000, intervalMs: 500 }).catch(() => undefined);

    expect(last?.view).toEqual(expected);
    expect(last!.result.groupId.startsWith(`${groupPrefix}.`)).toBe(true);
    // The document's receive operations: the six public topics, not the carriers' raw usage records.
    expect([...last!.result.topics].sort()).toEqual([...PUBLIC_TOPICS].sort());
    expect(last!.result.topics).not.toContain(Topics.FlowUsageRecords);
    // What the park holds, in figures a reader can check by hand: 3 + 9 + 7 + 4 + 2 GB at 30 yuan; R0's amended 25,123.45 yuan counted, not its first 20,000.
    const f = parkFigures(last!.result.view, ours);
    expect(f.charges.inputFen).toBe(((3n + 9n + 7n + 4n + 2n) * 3000n).toString());
    expect(f.multiplier.revenueFen).toBe((80_000_00n + 25_123_45n + 56_000_01n + 33_333_33n).toString());
    expect(f.enterprises.byStatus).toEqual({ submitted: 1, approved: 3, rejected: 1, suspended: 1, exited: 1 });
    expect(f.revenue).toMatchObject({ accepted: 4, pending: 0, revenueFen: f.multiplier.revenueFen });
  });

  it('replays again into the same view: a fresh group from offset 0, every event applied once', async () => {
    const contract = await EventContract.load(park.gateway!.url.replace(/\/graphql$/, '/asyncapi.json'));
    const ours = new Set(r);
    const [first, second] = [await replay({ contract, connection, groupPrefix }), await replay({ contract, connection, groupPrefix })];
    expect(second.groupId).not.toBe(first.groupId);
    expect(parkFigures(second.view, ours)).toEqual(parkFigures(first.view, ours));
    expect(second.stream.records).toBeGreaterThanOrEqual(first.stream.records);
    expect(parkFigures(first.view, ours).enterprises.total).toBe(4);
  });

  it('is refused by the broker outside the partner\'s grant: a group under another prefix', async () => {
    const contract = await EventContract.load(park.gateway!.url.replace(/\/graphql$/, '/asyncapi.json'));
    await expect(replay({ contract, connection, groupPrefix: 'partner-000000000000', logLevel: logLevel.NOTHING })).rejects.toThrow(/^group partner-000000000000\.park-view-.*the credentials may not use this group/);
  });

  it('replays what a partner granted some topics may read, and names the rest as not granted', async () => {
    const contract = await EventContract.load(park.gateway!.url.replace(/\/graphql$/, '/asyncapi.json'));
    const bank = (await park.ok<{ registerPartner: IssuedPartner }>(REGISTER_PARTNER, { input: { name: `Valley bank ${randomBytes(3).toString('hex')}`, kind: 'bank', topics: [Topics.FlowCharges, Topics.RevenueReports] } }, admin)).registerPartner;
    const asBank: KafkaConnection = { brokers: testKafkaBrokers(), sasl: { mechanism: 'scram-sha-512', username: bank.username, password: bank.password } };
    const result = await replay({ contract, connection: asBank, groupPrefix: bank.username, logLevel: logLevel.NOTHING });
    expect([...result.topics].sort()).toEqual([Topics.FlowCharges, Topics.RevenueReports].sort());
    expect([...result.notGranted].sort()).toEqual(PUBLIC_TOPICS.filter((t) => t !== Topics.FlowCharges && t !== Topics.RevenueReports).sort());
    // What it may read equals what the bureau, granted everything, sees of the same topics.
    const full = await replay({ contract, connection, groupPrefix });
    const ours = new Set(r);
    expect(parkFigures(result.view, ours).charges).toEqual(parkFigures(full.view, ours).charges);
    expect(parkFigures(result.view, ours).multiplier).toEqual(parkFigures(full.view, ours).multiplier);
    // Asked for a topic outside its grant, it is refused rather than silently narrowed.
    await expect(replay({ contract, connection: asBank, groupPrefix: bank.username, topics: [Topics.EnterpriseLifecycle], logLevel: logLevel.NOTHING })).rejects.toThrow(/valley\.enterprise\.lifecycle\.v1: .*(not authorized|authorization)/i);
  });

  it('refuses to replay in a group another member holds partitions of, rather than wait for them forever', async () => {
    const contract = await EventContract.load(park.gateway!.url.replace(/\/graphql$/, '/asyncapi.json'));
    const groupName = `shared-${randomBytes(3).toString('hex')}`;
    const abort = new AbortController();
    let caughtUp!: () => void;
    const following = new Promise<void>((resolve) => (caughtUp = resolve));
    // The first member's heartbeats meet the rebalance the second one causes: kafkajs logs that, as it should; not here.
    const quiet = { contract, connection, groupPrefix, groupName, logLevel: logLevel.NOTHING };
    const first = replay({ ...quiet, follow: true, signal: abort.signal, onCaughtUp: () => caughtUp() });
    await following;
    await expect(replay(quiet)).rejects.toThrow(/has other members holding .*a replay needs a group of its own/);
    abort.abort();
    expect(parkFigures((await first).view, new Set(r)).enterprises.total).toBe(4);
  });
});

/** What the partner should see, from the platform's figures: statuses it can tell apart, allocations that were activated, highest revisions, accepted versions. */
function expectedView(p: Platform) {
  const publicStatus = (s: string): string => (s === 'under_review' || s === 'information_requested' ? 'submitted' : s);
  const accepted = [...p.r1, ...p.r2].map((x) => ({ enterpriseId: x.enterpriseId, month: x.month, version: x.acceptedVersion, revenueFen: x.versions.find((v) => v.version === x.acceptedVersion)?.revenueFen }));
  return {
    enterprises: byKey(p.enterprises.items.map((e) => ({ id: e.id, status: publicStatus(e.status), industry: e.industry }))),
    residents: p.parkDashboard.residentCount,
    residentsByIndustry: Object.fromEntries(p.parkDashboard.residentsByIndustry.map((x) => [x.industry, x.count]).sort(([a], [b]) => String(a).localeCompare(String(b)))),
    allocations: byKey(p.allocations.filter((a) => a.status !== 'pending')),
    charges: byKey([...p.c1, ...p.c2].map((c) => ({ enterpriseId: c['enterpriseId'], month: c['month'], revision: c['revision'], chargeFen: c['chargeFen'], billableBytes: c['billableBytes'] }))),
    reports: byKey(accepted),
    multiplier: p.parkDashboard.revenueTotals,
    quotaAlerts: p.parkDashboard.a1 + p.parkDashboard.a2,
    talent: p.parkDashboard.talentTotals,
  };
}

/** The same, from the consumer's view restricted to this park's enterprises. */
function consumerView(result: ReplayResult, ours: ReadonlySet<string>) {
  const v = result.view;
  const f = parkFigures(v, ours);
  return {
    enterprises: byKey([...v.enterprises.values()].filter((e) => ours.has(e.id)).map((e) => ({ id: e.id, status: e.status, industry: e.industry }))),
    residents: f.enterprises.residents,
    residentsByIndustry: f.enterprises.residentsByIndustry,
    allocations: byKey([...v.allocations.values()].filter((a) => ours.has(a.enterpriseId)).map((a) => ({ id: a.id, enterpriseId: a.enterpriseId, status: a.status, bandwidthMbps: a.bandwidthMbps, planId: a.planId, planVersion: a.planVersion }))),
    charges: byKey([...v.charges.values()].filter((c) => ours.has(c.enterpriseId)).map((c) => ({ enterpriseId: c.enterpriseId, month: c.month, revision: c.revision, chargeFen: c.chargeFen.toString(), billableBytes: c.billableBytes.toString() }))),
    reports: byKey([...v.reports.values()].filter((x) => ours.has(x.enterpriseId)).map((x) => ({ enterpriseId: x.enterpriseId, month: x.month, version: x.accepted?.version ?? null, revenueFen: x.accepted?.revenueFen.toString() }))),
    multiplier: { revenueFen: f.multiplier.revenueFen, inputFen: f.multiplier.inputFen, multiplier: f.multiplier.multiplier, enterprises: f.multiplier.enterprises },
    quotaAlerts: f.quotaAlerts.total,
    talent: { trained: f.talent.trained, completed: f.talent.completed, placed: f.talent.placed },
  };
}

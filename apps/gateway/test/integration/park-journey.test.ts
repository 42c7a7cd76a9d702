import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Topics } from '@valley/contracts';
import type { Identity } from '@valley/platform';
import { createTestKafka, readTopic, waitFor } from '@valley/testing';
import { FeedClient, type Received } from '../support/feed-client';
import { application, freshNationalId, freshUscc, GB, midMonth, shanghaiMonth, usageRecord } from '../support/journey-data';
import { admin, Park } from '../support/park';

type Allocation = { id: string; enterpriseId: string; status: string; bandwidthMbps: number };
type MultiplierRow = { key: string; revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number };

const ALLOCATIONS = 'query A($e: ID) { allocations(enterpriseId: $e) { id enterpriseId status bandwidthMbps } }';
const USAGE = 'query U($e: ID!, $m: String!) { usage(enterpriseId: $e, month: $m) { usedBytes quotaPercent overageState } }';
const DASHBOARD = `{ parkDashboard { id residentCount residentsByIndustry { industry count } poolUtilisation { name allocatedMbps }
  quotaAlertCount quotaAlerts { enterpriseId thresholdPercent } revenueTotals { revenueFen inputFen multiplier enterprises }
  revenueMonthly(months: 3) { month revenueFen inputFen multiplier } talentTotals { trained completed placed } } }`;
type Dashboard = {
  parkDashboard: {
    id: string; residentCount: number; residentsByIndustry: Array<{ industry: string; count: number }>; poolUtilisation: Array<{ name: string; allocatedMbps: number }>;
    quotaAlertCount: number; quotaAlerts: Array<{ enterpriseId: string; thresholdPercent: number }>; revenueTotals: { revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number };
    revenueMonthly: Array<{ month: string; revenueFen: string; multiplier: string | null }>; talentTotals: { trained: number; completed: number; placed: number };
  };
};
const PARK_MULTIPLIER = 'query M($m: String!) { multiplier(scope: park, fromMonth: $m, toMonth: $m) { key revenueFen inputFen multiplier enterprises } }';

/**
 * The park's whole journey through the gateway, as an administrator and as
 * enterprise users, over the four services joined only by Kafka.
 *
 * Two residents: the applicant approved today (A) cannot report revenue until
 * its first month is over, so the month-close → report → multiplier leg runs
 * on a resident imported with an admission two months back (R), which is how
 * the park's existing residents arrive.
 */
describe('the park journey through the gateway', () => {
  let park: Park;
  let producer: Producer;
  const kafka = createTestKafka();
  const carrier = `carrier-${randomUUID().slice(0, 8)}`;
  const thisMonth = shanghaiMonth(0);
  const lastMonth = shanghaiMonth(-1);

  const applicant: Identity = { subject: `applicant-${randomUUID()}`, role: 'enterprise' };
  let a = '';
  let userA: Identity;
  let r = '';
  let userR: Identity;
  const feeds: FeedClient[] = [];
  let adminFeed: Received<{ __typename: string; kind: string; enterpriseId: string }>;
  let alertsOfA: Received<{ enterpriseId: string; thresholdPercent: number; month: string }>;
  let placementsOfA: Received<{ enterpriseId: string; role: string }>;
  let alertsOfR: Received<{ enterpriseId: string }>;
  const talent = { programId: '', traineeId: '', enrollmentId: '' };

  /** A graphql-ws client on the gateway's /graphql, as the portal connects. */
  const feedFor = async (who: Identity): Promise<FeedClient> => {
    const client = FeedClient.withToken(park.gateway!.url.replace(/^http/, 'ws'), await park.token(who));
    feeds.push(client);
    await client.connected;
    return client;
  };
  const feedItems = <T>(received: Received<T>, what: string, count: number): Promise<T[]> =>
    waitFor(`${count} ${what} on the live feed`, () => (received.items.length >= count ? received.items : undefined), { timeoutMs: 30_000, intervalMs: 50 });

  const allocationOf = (enterpriseId: string, as: Identity): Promise<Allocation> =>
    waitFor(`an active allocation for ${enterpriseId}`, async () => (await park.ok<{ allocations: Allocation[] }>(ALLOCATIONS, { e: enterpriseId }, as)).allocations.find((x) => x.status === 'active'), { timeoutMs: 60_000, intervalMs: 200 });

  beforeAll(async () => {
    park = await Park.start();
    await park.startGateway();
    producer = kafka.producer();
    await producer.connect();
    adminFeed = (await feedFor(admin)).subscribe('subscription { parkFeed { __typename kind enterpriseId } }');
    await park.ok('mutation P($input: CreatePoolInput!) { createPool(input: $input) { id } }', { input: { name: 'taiyuan-dc-1', region: 'taiyuan', capacityMbps: 10_000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '800' } }, admin);
    // 10 GB included at 30 yuan a GB (the market charges 120).
    await park.ok('mutation C($name: String!, $terms: PlanTermsInput!) { createPlan(name: $name, terms: $terms) { id } }', { name: 'live-100', terms: { bandwidthMbps: 100, monthlyIncludedBytes: (10n * GB).toString(), parkPriceFenPerGb: '3000', marketPriceFenPerGb: '12000', overagePolicy: 'bill' } }, admin);
  });

  afterAll(async () => {
    await Promise.all(feeds.map((f) => f.dispose()));
    await producer?.disconnect();
    await park?.stop();
  });

  it('an enterprise applies, is reviewed and approved; its allocation turns active through Kafka, carrying the request\'s correlation id', async () => {
    const submitted = await park.ok<{ submitEnterpriseApplication: { id: string; status: string } }>('mutation S($input: SubmitApplicationInput!) { submitEnterpriseApplication(input: $input) { id status } }', { input: application('live-commerce') }, applicant);
    expect(submitted.submitEnterpriseApplication.status).toBe('submitted');
    a = submitted.submitEnterpriseApplication.id;
    userA = { ...applicant, enterpriseId: a };
    // The administrators' live feed shows the new application.
    expect((await feedItems(adminFeed, 'applications', 1)).filter((e) => e.enterpriseId === a)).toEqual([{ __typename: 'ApplicationSubmittedEvent', kind: 'APPLICATION_SUBMITTED', enterpriseId: a }]);

    const notYours = await park.graphql('mutation R($id: ID!) { approveEnterprise(enterpriseId: $id) { id } }', { id: a }, userA);
    expect(notYours.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');

    await park.ok('mutation R($id: ID!) { takeApplicationIntoReview(enterpriseId: $id) { status } }', { id: a }, admin);
    const correlationId = `journey-approve-${randomUUID()}`;
    const approved = await park.graphql<{ approveEnterprise: { status: string; admittedMonth: string } }>('mutation A($id: ID!) { approveEnterprise(enterpriseId: $id) { status admittedMonth } }', { id: a }, admin, { 'x-correlation-id': correlationId });
    expect(approved.data?.approveEnterprise).toEqual({ status: 'approved', admittedMonth: thisMonth });

    const allocation = await allocationOf(a, userA);
    expect(allocation.bandwidthMbps).toBe(100);
    // The id the portal sent reached the approval event and, through provisioning's consumer, the allocation event.
    const [lifecycle, allocations] = await Promise.all([
      readTopic(kafka, Topics.EnterpriseLifecycle, (ms) => ms.some((m) => m.key?.toString() === a && m.headers?.['correlation-id']?.toString() === correlationId)),
      readTopic(kafka, Topics.FlowAllocations, (ms) => ms.some((m) => m.key?.toString() === a)),
    ]);
    expect(lifecycle.filter((m) => m.key?.toString() === a && m.headers?.['correlation-id']?.toString() === correlationId)).toHaveLength(1);
    expect(allocations.find((m) => m.key?.toString() === a)?.headers?.['correlation-id']?.toString()).toBe(correlationId);
  });

  it('the carrier\'s usage records count against the quota; 80 and 100 percent reach the enterprise\'s live feed', async () => {
    const feedA = await feedFor(userA);
    alertsOfA = feedA.subscribe('subscription { quotaAlertRaised { enterpriseId thresholdPercent month } }');
    placementsOfA = feedA.subscribe('subscription { traineePlaced { enterpriseId role } }');
    const recent = new Date(Date.now() - 15 * 60_000);
    await producer.send({ topic: Topics.FlowUsageRecords, messages: [{ key: a, value: JSON.stringify(usageRecord(a, carrier, recent, 9n)) }] });
    await producer.send({ topic: Topics.FlowUsageRecords, messages: [{ key: a, value: JSON.stringify(usageRecord(a, carrier, new Date(recent.getTime() + 5 * 60_000), 2n)) }] });
    const usage = await waitFor('11 GB counted', async () => {
      const u = (await park.ok<{ usage: { usedBytes: string; quotaPercent: number; overageState: string } }>(USAGE, { e: a, m: thisMonth }, userA)).usage;
      return u.usedBytes === (11n * GB).toString() ? u : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    expect(usage.quotaPercent).toBe(110);
    const alerts = await feedItems(alertsOfA, 'quota alerts', 2);
    expect(alerts.map((x) => x.thresholdPercent).sort()).toEqual([100, 80]);
    expect(alerts.every((x) => x.enterpriseId === a && x.month === thisMonth)).toBe(true);
    expect((await feedItems(adminFeed, 'events', 3)).filter((e) => e.kind === 'QUOTA_ALERT_RAISED' && e.enterpriseId === a)).toHaveLength(2);
  });

  it('a past month closes into charges, a resident reports its revenue, the report is accepted and the park\'s multiplier moves', async () => {
    const uscc = freshUscc();
    const row = { line: 1, uscc, name: `晋数电竞-${uscc.slice(-4)}`, legalRepresentative: '赵六', contactPhone: '13987654321', contactEmail: 'esports@example.cn', industry: 'esports', registeredCapitalFen: '100000000', plannedBandwidthMbps: '50', plannedMonthlyTrafficBytes: '1099511627776', headcount: '12', admittedMonth: shanghaiMonth(-2) };
    const imported = await park.ok<{ importResidents: { imported: number } }>('mutation I($rows: [ImportRowInput!]!) { importResidents(rows: $rows) { imported failed } }', { rows: [row] }, admin);
    expect(imported.importResidents.imported).toBe(1);
    r = (await park.ok<{ enterpriseByUscc: { id: string } }>('query U($u: String!) { enterpriseByUscc(uscc: $u) { id } }', { u: uscc }, admin)).enterpriseByUscc.id;
    userR = { subject: `user-${randomUUID()}`, role: 'enterprise', enterpriseId: r };
    alertsOfR = (await feedFor(userR)).subscribe('subscription { quotaAlertRaised { enterpriseId } }');
    await allocationOf(r, userR);

    await producer.send({ topic: Topics.FlowUsageRecords, messages: [{ key: r, value: JSON.stringify(usageRecord(r, carrier, midMonth(lastMonth), 4n)) }] });
    await waitFor('4 GB in the past month', async () => (await park.ok<{ usage: { usedBytes: string } }>(USAGE, { e: r, m: lastMonth }, userR)).usage.usedBytes === (4n * GB).toString(), { timeoutMs: 60_000, intervalMs: 200 });

    const before = (await park.ok<{ multiplier: MultiplierRow[] }>(PARK_MULTIPLIER, { m: lastMonth }, admin)).multiplier;
    const dashboardBefore = (await park.ok<Dashboard>(DASHBOARD, {}, admin)).parkDashboard;
    expect(dashboardBefore.revenueTotals).toMatchObject({ revenueFen: '0', multiplier: null });
    const closed = await park.ok<{ closeMonth: { closed: boolean } }>('mutation C($m: String!) { closeMonth(month: $m) { closed } }', { m: lastMonth }, admin);
    expect(closed.closeMonth.closed).toBe(true);
    // 4 GB at 30 yuan: 120 yuan of data-element input, in fen.
    const charges = await park.ok<{ monthlyCharges: Array<{ enterpriseId: string; chargeFen: string }> }>('query C($m: String!) { monthlyCharges(month: $m) { enterpriseId chargeFen } }', { m: lastMonth }, admin);
    expect(charges.monthlyCharges.find((c) => c.enterpriseId === r)?.chargeFen).toBe('12000');

    const figures = { revenueFen: '96000', taxFen: '5000', employees: 12, localHires: 10, lines: [{ line: 'live-commerce-commission', amountFen: '96000' }] };
    const submitted = await park.ok<{ submitRevenueReport: { id: string; status: string } }>('mutation S($e: ID!, $m: String!, $f: ReportFiguresInput!) { submitRevenueReport(enterpriseId: $e, month: $m, figures: $f) { id status } }', { e: r, m: lastMonth, f: figures }, userR);
    const accepted = await park.ok<{ acceptRevenueReport: { status: string } }>('mutation A($id: ID!) { acceptRevenueReport(reportId: $id) { status } }', { id: submitted.submitRevenueReport.id }, admin);
    expect(accepted.acceptRevenueReport.status).toBe('accepted');

    // Revenue learns the input from provisioning's charges event, the revenue from the accepted report.
    const after = await waitFor('the multiplier to move', async () => {
      const rows = (await park.ok<{ multiplier: MultiplierRow[] }>(PARK_MULTIPLIER, { m: lastMonth }, admin)).multiplier;
      return rows[0]?.revenueFen === '96000' && rows[0]?.inputFen === '12000' ? rows : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    expect(before[0]?.revenueFen ?? '0').toBe('0');
    expect(after[0]).toMatchObject({ revenueFen: '96000', inputFen: '12000', enterprises: 1 });
    expect(Number(after[0]?.multiplier)).toBeCloseTo(8, 2);
    // The dashboard reads the same figures: cumulative, and in last month's place in the series.
    const dashboard = (await park.ok<Dashboard>(DASHBOARD, {}, admin)).parkDashboard;
    expect(dashboard.revenueTotals).toEqual({ revenueFen: '96000', inputFen: '12000', multiplier: '8.00', enterprises: 1 });
    expect(dashboard.revenueMonthly.find((m) => m.month === lastMonth)).toMatchObject({ revenueFen: '96000', multiplier: '8.00' });

    // The statistics office's file, downloaded through the gateway.
    const download = (month: string, token?: string) => fetch(park.gateway!.url.replace(/\/graphql$/, `/downloads/revenue/${month}.csv`), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const csv = await download(lastMonth, await park.token(admin));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="valley-revenue-${lastMonth}.csv"`);
    const text = await csv.text();
    expect(text).toContain(`${r},${row.name},esports,${lastMonth},1,96000,5000,12,10,live-commerce-commission:96000`);
    expect(text).toContain('96000');
    expect((await download(lastMonth, await park.token(userR))).status).toBe(403);
    expect((await download(lastMonth)).status).toBe(401);
    expect((await download('2026-13', await park.token(admin))).status).toBe(400);
  });

  it('a trainee is enrolled, completes the program and is placed with the enterprise', async () => {
    const program = (await park.ok<{ createProgram: { id: string } }>('mutation C($input: ProgramInput!) { createProgram(input: $input) { id } }', { input: { name: '直播电商运营训练营', track: 'live-commerce-operations', description: 'live rooms, supply chain, data', capacity: 5, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: [a] } }, admin)).createProgram;
    await park.ok('mutation P($id: ID!) { publishProgram(id: $id) { id } }', { id: program.id }, admin);
    await park.ok('mutation S($id: ID!) { startProgram(id: $id) { id } }', { id: program.id }, admin);
    const trainee = (await park.ok<{ registerTrainee: { id: string } }>('mutation R($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id } }', { input: { name: '李四', nationalIdNumber: freshNationalId(), phone: '13800001111', education: 'bachelor' } }, admin)).registerTrainee;
    const enrollment = (await park.ok<{ enrollTrainee: { id: string; status: string } }>('mutation E($p: ID!, $t: ID!) { enrollTrainee(programId: $p, traineeId: $t) { id status } }', { p: program.id, t: trainee.id }, admin)).enrollTrainee;
    expect(enrollment.status).toBe('enrolled');
    const completed = (await park.ok<{ completeEnrollment: { status: string } }>('mutation C($e: ID!) { completeEnrollment(enrollmentId: $e, score: 91) { status } }', { e: enrollment.id }, admin)).completeEnrollment;
    expect(completed.status).toBe('completed');
    Object.assign(talent, { programId: program.id, traineeId: trainee.id, enrollmentId: enrollment.id });
    const placed = (await park.ok<{ placeTrainee: { enterpriseId: string; traineeRef: string } }>('mutation P($input: PlaceTraineeInput!) { placeTrainee(input: $input) { enterpriseId traineeRef } }', { input: { enrollmentId: enrollment.id, enterpriseId: a, role: '直播运营', startDate: '2027-01-04' } }, userA)).placeTrainee;
    expect(placed.enterpriseId).toBe(a);
    const mine = await park.ok<{ placements: Array<{ enterpriseId: string }> }>('query P($e: ID) { placements(enterpriseId: $e) { enterpriseId } }', { e: a }, userA);
    expect(mine.placements).toEqual([{ enterpriseId: a }]);
    expect(await feedItems(placementsOfA, 'placements', 1)).toEqual([{ enterpriseId: a, role: '直播运营' }]);
    // Everything the admin saw of A, R's user never did: its feed is filtered to its own enterprise.
    await feedItems(adminFeed, 'events', 4);
    expect(alertsOfR.items).toEqual([]);
  });

  it('the portal reads one enterprise with everything in one query, through all four services', async () => {
    const query = `query E($id: ID!) { enterprise(id: $id) { name status industry
      flowAllocation { status bandwidthMbps plan { name } } flowUsage { usedBytes quotaPercent }
      revenueReports { month status } revenueMultiplier { revenueFen inputFen }
      sponsoredPrograms { name } placements { role } } }`;
    type One = { enterprise: { status: string; industry: string; flowAllocation: { status: string; bandwidthMbps: number; plan: { name: string } }; flowUsage: { usedBytes: string; quotaPercent: number }; revenueReports: Array<{ month: string; status: string }>; revenueMultiplier: { revenueFen: string; inputFen: string }; sponsoredPrograms: Array<{ name: string }>; placements: Array<{ role: string }> } };
    const mine = (await park.ok<One>(query, { id: a }, userA)).enterprise;
    expect(mine).toMatchObject({ status: 'approved', industry: 'live-commerce', flowAllocation: { status: 'active', bandwidthMbps: 100, plan: { name: 'live-100' } }, flowUsage: { usedBytes: (11n * GB).toString(), quotaPercent: 110 }, revenueReports: [], sponsoredPrograms: [{ name: '直播电商运营训练营' }], placements: [{ role: '直播运营' }] });
    const resident = (await park.ok<One>(query, { id: r }, admin)).enterprise;
    expect(resident.revenueReports).toEqual([{ month: lastMonth, status: 'accepted' }]);
    expect(resident.revenueMultiplier).toEqual(expect.objectContaining({ revenueFen: '96000', inputFen: '12000' }));
    // A's user asking for R through the same query: the root refuses, nothing of R leaks through the other services.
    const refused = await park.graphql<One>(query, { id: r }, userA);
    expect(refused.errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
    expect(refused.data).toBeNull();
  });

  it('the dashboard shows the park in one round trip, for administrators only', async () => {
    const d = (await park.ok<Dashboard>(DASHBOARD, {}, admin)).parkDashboard;
    expect(d.residentCount).toBe(2);
    expect(d.residentsByIndustry).toEqual(expect.arrayContaining([{ industry: 'live-commerce', count: 1 }, { industry: 'esports', count: 1 }]));
    expect(d.poolUtilisation).toEqual([{ name: 'taiyuan-dc-1', allocatedMbps: 200 }]);
    expect(d.quotaAlertCount).toBe(2);
    expect(d.quotaAlerts.map((x) => [x.enterpriseId, x.thresholdPercent]).sort()).toEqual([[a, 100], [a, 80]]);
    expect(d.talentTotals).toMatchObject({ trained: 1, completed: 1, placed: 1 });
    const refused = await park.graphql(DASHBOARD, {}, userA);
    expect(refused.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
  });

  describe('an enterprise sees and changes only its own data', () => {
    // How each service refuses: FORBIDDEN, or NOT_FOUND where saying "forbidden" would confirm the record exists, or a list without it.
    // Each row: what, the query, its variables, how the other enterprise is refused, whose it is (R's, A's, or nobody's but the administrators').
    const refusals: Array<[string, string, () => Record<string, unknown>, 'FORBIDDEN' | 'NOT_FOUND' | 'NONE', 'R' | 'A' | 'admin']> = [
      ['enterprise record', 'query Q($e: ID!) { enterprise(id: $e) { id name } }', () => ({ e: r }), 'NOT_FOUND', 'R'],
      ['allocations', ALLOCATIONS, () => ({ e: r }), 'NONE', 'R'],
      ['usage', USAGE, () => ({ e: r, m: lastMonth }), 'NOT_FOUND', 'R'],
      ['revenue report', 'query Q($e: ID!, $m: String!) { revenueReport(enterpriseId: $e, month: $m) { id } }', () => ({ e: r, m: lastMonth }), 'NOT_FOUND', 'R'],
      ['multiplier', 'query Q($e: ID!, $m: String!) { multiplier(scope: enterprise, enterpriseId: $e, fromMonth: $m, toMonth: $m) { key } }', () => ({ e: r, m: lastMonth }), 'FORBIDDEN', 'R'],
      ['placements', 'query Q($e: ID!) { placements(enterpriseId: $e) { id } }', () => ({ e: r }), 'FORBIDDEN', 'R'],
      ['program (sponsored by A)', 'query Q($id: ID!) { program(id: $id) { id name } }', () => ({ id: talent.programId }), 'NOT_FOUND', 'A'],
      ['trainee record (personal data: administrators only)', 'query Q($id: ID!) { trainee(id: $id) { id name } }', () => ({ id: talent.traineeId }), 'FORBIDDEN', 'admin'],
      ['enrollment', 'query Q($id: ID!) { enrollment(id: $id) { id } }', () => ({ id: talent.enrollmentId }), 'NOT_FOUND', 'A'],
      ['revenue, reported in its name', 'mutation S($e: ID!, $m: String!) { submitRevenueReport(enterpriseId: $e, month: $m, figures: { revenueFen: "1", taxFen: "0", employees: 1, localHires: 0, lines: [{ line: "other", amountFen: "1" }] }) { id } }', () => ({ e: r, m: lastMonth }), 'FORBIDDEN', 'R'],
    ];

    it.each(refusals)('another enterprise asking for the %s gets nothing of it', async (_what, query, variables, refusal, owner) => {
      const result = await park.graphql<Record<string, unknown>>(query, variables(), owner === 'R' ? userA : userR);
      if (refusal === 'NONE') {
        expect(result.errors).toBeUndefined();
        expect(Object.values(result.data ?? {})[0]).toEqual([]);
      } else {
        expect(result.errors?.[0]?.extensions['code']).toBe(refusal);
        expect(Object.values(result.data ?? {})[0] ?? null).toBeNull();
      }
    });

    it.each(refusals.filter(([, query]) => query.startsWith('query')))('its owner is answered the %s', async (_what, query, variables, _refusal, owner) => {
      const result = await park.graphql<Record<string, unknown>>(query, variables(), owner === 'R' ? userR : owner === 'A' ? userA : admin);
      expect(result.errors).toBeUndefined();
    });

    it('a live feed without a valid token is refused (4401)', async () => {
      const anonymous = new FeedClient(park.gateway!.url.replace(/^http/, 'ws'));
      feeds.push(anonymous);
      expect((await anonymous.closed).code).toBe(4401);
    });

    it('park-wide figures are for administrators only', async () => {
      const result = await park.graphql(PARK_MULTIPLIER, { m: lastMonth }, userA);
      expect(result.errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    });
  });
});

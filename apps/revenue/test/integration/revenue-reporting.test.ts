import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Producer } from 'kafkajs';
import { buildCloudEvent, parkMonthOf, Topics, type EventData } from '@valley/contracts';
import { createTestKafka, readTopic, waitFor } from '@valley/testing';
import { OverdueService } from '../../src/revenue/application/reports/overdue.service';
import { isOverdue } from '../../src/revenue/domain/deadline';
import { RevenueApp, SECRET } from '../support/revenue-app';

const admin = { subject: 'admin-1', role: 'park-admin' as const };
const REPORT_FIELDS = 'id enterpriseId month status currentVersion acceptedVersion reviewComment versions { version kind revenueFen reason }';
const SUBMIT = `mutation S($e: ID!, $m: String!, $f: ReportFiguresInput!, $k: String) { submitRevenueReport(enterpriseId: $e, month: $m, figures: $f, idempotencyKey: $k) { ${REPORT_FIELDS} } }`;
const ACCEPT = `mutation A($r: ID!) { acceptRevenueReport(reportId: $r) { ${REPORT_FIELDS} } }`;
const RETURN = `mutation R($r: ID!, $c: String!) { returnRevenueReport(reportId: $r, comment: $c) { ${REPORT_FIELDS} } }`;
const AMEND = `mutation M($r: ID!, $f: ReportFiguresInput!, $why: String!) { amendRevenueReport(reportId: $r, figures: $f, reason: $why) { ${REPORT_FIELDS} } }`;
const MULTIPLIER = 'query X($s: MultiplierScope!, $from: String!, $to: String!) { multiplier(scope: $s, fromMonth: $from, toMonth: $to) { key revenueFen inputFen multiplier enterprises series { month revenueFen inputFen multiplier } lineage { enterpriseId month reportVersion chargeRevision } } }';

type Report = { id: string; status: string; currentVersion: number; acceptedVersion: number | null; versions: Array<{ version: number; kind: string; revenueFen: string; reason: string | null }> };

function monthsAgo(n: number): string {
  const [y, m] = parkMonthOf(new Date()).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const figures = (revenueFen: bigint, lines: Array<[string, bigint]> = [['services', revenueFen]]) => ({
  revenueFen: revenueFen.toString(),
  taxFen: (revenueFen / 20n).toString(),
  employees: 30,
  localHires: 21,
  lines: lines.map(([line, amount]) => ({ line, amountFen: amount.toString() })),
});

describe('revenue reporting and the data-element multiplier', () => {
  let sut: RevenueApp;
  let producer: Producer;
  const kafka = createTestKafka();
  const m1 = monthsAgo(2);
  const m2 = monthsAgo(1);

  const resident = async (industry: string, admittedMonth = monthsAgo(6)): Promise<{ id: string; me: { subject: string; role: 'enterprise'; enterpriseId: string } }> => {
    const id = randomUUID();
    const data: EventData<'valley.enterprise.approved.v1'> = { enterpriseId: id, uscc: '91350100M000100Y43', name: `企业-${id.slice(0, 4)}`, industry, plannedBandwidthMbps: 10, plannedMonthlyTrafficBytes: '1', admittedMonth, approvedAt: new Date().toISOString() };
    await producer.send({ topic: Topics.EnterpriseLifecycle, messages: [{ key: id, value: JSON.stringify(buildCloudEvent('valley.enterprise.approved.v1', data)) }] });
    await waitFor('the resident known', async () => (await sut.db.dataSource.query('SELECT 1 FROM known_enterprises WHERE id = $1', [id])).length === 1);
    return { id, me: { subject: `user-${id}`, role: 'enterprise', enterpriseId: id } };
  };
  const charge = async (enterpriseId: string, month: string, revision: number, chargeFen: bigint) => {
    const data: EventData<'valley.flow.monthly-charges-computed.v1'> = { enterpriseId, month, revision, billableBytes: '1000', chargeFen: chargeFen.toString(), marketValueFen: (chargeFen * 4n).toString(), savingFen: (chargeFen * 3n).toString(), lines: [], computedAt: new Date().toISOString() };
    await producer.send({ topic: Topics.FlowCharges, messages: [{ key: enterpriseId, value: JSON.stringify(buildCloudEvent('valley.flow.monthly-charges-computed.v1', data)) }] });
  };
  const inputOf = async (enterpriseId: string, month: string) => (await sut.db.dataSource.query('SELECT revision, charge_fen FROM data_element_input WHERE enterprise_id = $1 AND month = $2', [enterpriseId, month]))[0] as { revision: number; charge_fen: string } | undefined;
  const submitAccepted = async (who: { id: string; me: { subject: string; role: 'enterprise'; enterpriseId: string } }, month: string, revenue: bigint): Promise<Report> => {
    const submitted = await sut.graphql<{ submitRevenueReport: Report }>(SUBMIT, { e: who.id, m: month, f: figures(revenue) }, who.me);
    if (!submitted.data) throw new Error(JSON.stringify(submitted.errors));
    return (await sut.graphql<{ acceptRevenueReport: Report }>(ACCEPT, { r: submitted.data.submitRevenueReport.id }, admin)).data!.acceptRevenueReport;
  };

  beforeAll(async () => {
    sut = await RevenueApp.start();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await sut?.stop();
  });

  it('takes a report through submission, return, resubmission, acceptance and an amendment, keeping every version and publishing each step', async () => {
    const who = await resident('live-commerce');
    const first = await sut.graphql<{ submitRevenueReport: Report }>(SUBMIT, { e: who.id, m: m1, f: figures(1_000_000n, [['live-commerce-commission', 600_000n], ['advertising', 400_000n]]) }, who.me);
    const id = first.data!.submitRevenueReport.id;
    expect(first.data!.submitRevenueReport).toMatchObject({ status: 'submitted', currentVersion: 1 });
    expect((await sut.graphql<{ returnRevenueReport: Report }>(RETURN, { r: id, c: 'split advertising by platform' }, admin)).data?.returnRevenueReport.status).toBe('returned');
    expect((await sut.graphql<{ submitRevenueReport: Report }>(SUBMIT, { e: who.id, m: m1, f: figures(1_100_000n) }, who.me)).data?.submitRevenueReport).toMatchObject({ status: 'submitted', currentVersion: 2 });
    expect((await sut.graphql<{ acceptRevenueReport: Report }>(ACCEPT, { r: id }, admin)).data?.acceptRevenueReport).toMatchObject({ status: 'accepted', acceptedVersion: 2 });
    const amended = (await sut.graphql<{ amendRevenueReport: Report }>(AMEND, { r: id, f: figures(1_250_000n), why: 'a late invoice from a live-commerce partner' }, who.me)).data!.amendRevenueReport;
    expect(amended).toMatchObject({ status: 'accepted', currentVersion: 3, acceptedVersion: 3 });
    expect(amended.versions.map((v) => [v.version, v.kind, v.revenueFen])).toEqual([[1, 'submission', '1000000'], [2, 'submission', '1100000'], [3, 'amendment', '1250000']]);
    expect(amended.versions[2]!.reason).toBe('a late invoice from a live-commerce partner');

    const events = await readTopic(kafka, Topics.RevenueReports, (ms) => ms.filter((m) => m.key?.toString() === who.id).length >= 5);
    expect(events.filter((m) => m.key?.toString() === who.id).map((m) => JSON.parse(m.value!.toString())).map((e) => [e.type, e.data.version])).toEqual([
      ['valley.revenue.report-submitted.v1', 1],
      ['valley.revenue.report-returned.v1', 1],
      ['valley.revenue.report-submitted.v1', 2],
      ['valley.revenue.report-accepted.v1', 2],
      ['valley.revenue.report-amended.v1', 3],
    ]);
  });

  it('makes one report of a submission repeated with its idempotency key', async () => {
    const who = await resident('esports');
    const send = () => sut.graphql<{ submitRevenueReport: Report }>(SUBMIT, { e: who.id, m: m1, f: figures(5_000n), k: 'submit-2026-once' }, who.me);
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.data?.submitRevenueReport.id).toBe(b.data?.submitRevenueReport.id);
    expect((await sut.db.dataSource.query('SELECT count(*)::int AS n FROM report_versions v JOIN reports r ON r.id = v.report_id WHERE r.enterprise_id = $1', [who.id]))[0].n).toBe(1);
  });

  it.each([
    ['a month not over yet', () => parkMonthOf(new Date()), 'FUTURE_MONTH', 'month'],
    ['a month before admission', () => monthsAgo(12), 'BEFORE_ADMISSION', 'month'],
  ])('refuses %s, naming the field', async (_label, month, code, field) => {
    const who = await resident('coal');
    const result = await sut.graphql(SUBMIT, { e: who.id, m: month(), f: figures(1n) }, who.me);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('refuses reports from non-residents, for others, with lines that do not add up, twice, and amendments of unaccepted reports', async () => {
    const stranger = randomUUID();
    expect((await sut.graphql(SUBMIT, { e: stranger, m: m1, f: figures(1n) }, { subject: 's', role: 'enterprise', enterpriseId: stranger })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_RESIDENT', field: 'enterpriseId' });
    const a = await resident('steel');
    const b = await resident('steel');
    expect((await sut.graphql(SUBMIT, { e: a.id, m: m1, f: figures(1n) }, b.me)).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    expect((await sut.graphql(SUBMIT, { e: a.id, m: m1, f: { ...figures(100n), lines: [{ line: 'services', amountFen: '90' }] } }, a.me)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });
    const first = await sut.graphql<{ submitRevenueReport: Report }>(SUBMIT, { e: a.id, m: m1, f: figures(100n) }, a.me);
    expect((await sut.graphql(SUBMIT, { e: a.id, m: m1, f: figures(100n) }, a.me)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'month' });
    expect((await sut.graphql(AMEND, { r: first.data!.submitRevenueReport.id, f: figures(120n), why: 'x' }, a.me)).errors?.[0]?.extensions['code']).toBe('INVALID_TRANSITION');
    expect((await sut.graphql('query Q($e: ID!, $m: String!) { revenueReport(enterpriseId: $e, month: $m) { id } }', { e: a.id, m: m1 }, b.me)).errors?.[0]?.extensions['code']).toBe('NOT_FOUND');
    expect((await sut.graphql(MULTIPLIER, { s: 'park', from: m1, to: m2 }, a.me)).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');
    // A malformed id is the caller's mistake, named, never an internal error.
    expect((await sut.graphql('query Q($m: String!) { revenueReport(enterpriseId: "x", month: $m) { id } }', { m: m1 }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
    expect((await sut.graphql(SUBMIT, { e: 'x', m: m1, f: figures(1n) }, a.me)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enterpriseId' });
  });

  it('keeps the highest charge revision whatever order revisions arrive in', async () => {
    const who = await resident('power');
    await charge(who.id, m1, 2, 700n);
    await waitFor('revision 2', async () => (await inputOf(who.id, m1))?.revision === 2);
    await charge(who.id, m1, 1, 500n);
    await charge(who.id, m1, 3, 900n);
    await waitFor('revision 3', async () => (await inputOf(who.id, m1))?.revision === 3);
    await charge(who.id, m1, 2, 700n);
    await new Promise((r) => setTimeout(r, 500));
    expect(await inputOf(who.id, m1)).toEqual({ revision: 3, charge_fen: '900' });
  });

  it('computes the multiplier exactly over the same enterprises and months, per industry and park-wide, and moves with an amendment', async () => {
    const live = await resident('virtual-human');
    const esports = await resident('metaverse');
    // Revenue 35.2 billion yuan over input 4.3 billion yuan, as the park reports: 8.19.
    const r1 = await submitAccepted(live, m1, 3_000_000_000_000n);
    await submitAccepted(esports, m1, 520_000_000_000n);
    await submitAccepted(live, m2, 7n); // no charge for this month: not in the pairs
    await charge(live.id, m1, 1, 400_000_000_000n);
    await charge(esports.id, m1, 1, 30_000_000_000n);
    await waitFor('inputs', async () => (await inputOf(esports.id, m1)) !== undefined && (await inputOf(live.id, m1)) !== undefined);

    type Figure = { key: string; revenueFen: string; inputFen: string; multiplier: string | null; enterprises: number; series: Array<{ month: string; multiplier: string | null }>; lineage: unknown[] };
    const byIndustry = (await sut.graphql<{ multiplier: Figure[] }>(MULTIPLIER, { s: 'industry', from: m1, to: m2 }, admin)).data!.multiplier;
    expect(byIndustry.find((f) => f.key === 'virtual-human')).toMatchObject({ revenueFen: '3000000000000', inputFen: '400000000000', multiplier: '7.50', enterprises: 1 });
    expect(byIndustry.find((f) => f.key === 'metaverse')).toMatchObject({ revenueFen: '520000000000', inputFen: '30000000000', multiplier: '17.33' });
    const mine = (f: Figure) => f.lineage.length;
    expect(byIndustry.map(mine).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);

    const amend = await sut.graphql(AMEND, { r: r1.id, f: figures(3_100_000_000_000n), why: 'audited figures' }, live.me);
    expect(amend.errors).toBeUndefined();
    const after = (await sut.graphql<{ multiplier: Figure[] }>(MULTIPLIER, { s: 'industry', from: m1, to: m2 }, admin)).data!.multiplier.find((f) => f.key === 'virtual-human')!;
    expect(after).toMatchObject({ revenueFen: '3100000000000', multiplier: '7.75', lineage: [{ enterpriseId: live.id, month: m1, reportVersion: 2, chargeRevision: 1 }] });
    expect(after.series).toEqual([{ month: m1, multiplier: '7.75' }, { month: m2, multiplier: null }].map((s) => expect.objectContaining(s)));
  });

  it('raises report-overdue once per enterprise and month after the deadline, also when two checks race', async () => {
    const who = await resident('data-services', monthsAgo(4));
    await submitAccepted(who, monthsAgo(2), 10n);
    const overdue = sut.get(OverdueService);
    await Promise.all([overdue.raiseOverdue(), overdue.raiseOverdue()]);
    await overdue.raiseOverdue();
    const expected = [monthsAgo(3), monthsAgo(1)].filter((m) => isOverdue(m, new Date()));
    const notices = await sut.db.dataSource.query('SELECT month FROM overdue_notices WHERE enterprise_id = $1 ORDER BY month', [who.id]);
    expect(notices.map((n: { month: string }) => n.month)).toEqual(expected);
    const events = await readTopic(kafka, Topics.RevenueReports, (ms) => ms.filter((m) => m.key?.toString() === who.id && m.value?.toString().includes('report-overdue')).length >= expected.length);
    await new Promise((r) => setTimeout(r, 500));
    const mine = events.filter((m) => m.key?.toString() === who.id).map((m) => JSON.parse(m.value!.toString())).filter((e) => e.type === 'valley.revenue.report-overdue.v1');
    expect(mine.map((e) => e.data.month).sort()).toEqual(expected);
    const missing = await sut.graphql<{ missingRevenueReports: Array<{ enterpriseId: string }> }>('query M($m: String!) { missingRevenueReports(month: $m) { enterpriseId } }', { m: monthsAgo(1) }, admin);
    expect(missing.data?.missingRevenueReports.map((r) => r.enterpriseId)).toContain(who.id);
  });

  it('exports a month\'s accepted reports as CSV, through the API and from the command line', async () => {
    const month = monthsAgo(3);
    const who = await resident('3d-data', monthsAgo(5));
    await submitAccepted(who, month, 123_456n);
    const other = await resident('3d-data', monthsAgo(5));
    await sut.graphql(SUBMIT, { e: other.id, m: month, f: figures(9n) }, other.me); // submitted, not accepted: not exported
    const api = await sut.graphql<{ revenueExportCsv: string }>('query E($m: String!) { revenueExportCsv(month: $m) }', { m: month }, admin);
    const csv = api.data!.revenueExportCsv;
    expect(csv.startsWith('\ufeffenterprise_id,enterprise_name,industry,month,report_version,revenue_fen,tax_fen,employees,local_hires,lines\r\n')).toBe(true);
    expect(csv).toContain(`${who.id},企业-${who.id.slice(0, 4)},3d-data,${month},1,123456,6172,30,21,services:123456\r\n`);
    expect(csv).not.toContain(other.id);
    expect((await sut.graphql('query E($m: String!) { revenueExportCsv(month: $m) }', { m: month }, who.me)).errors?.[0]?.extensions['code']).toBe('FORBIDDEN');

    const out = path.join(mkdtempSync(path.join(tmpdir(), 'valley-export-')), 'out.csv');
    const cli = path.resolve(__dirname, '../../cli/export-revenue.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, month, '--out', out, '--url', sut.url], { env: { ...process.env, VALLEY_IDENTITY_SECRET: SECRET } });
    expect(stdout).toContain(`written to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(csv);
  });

  it('flags a report whose revenue jumps while data usage stays flat, with the reason, and not a normal one', async () => {
    const [prev, month] = [monthsAgo(5), monthsAgo(4)];
    const jumpy = await resident('ai-models', monthsAgo(8));
    const steady = await resident('ai-models', monthsAgo(8));
    for (const who of [jumpy, steady]) {
      await charge(who.id, prev, 1, 100n);
      await charge(who.id, month, 1, 100n);
      await submitAccepted(who, prev, 1_000_000n);
    }
    await waitFor('inputs', async () => (await inputOf(steady.id, month)) !== undefined && (await inputOf(jumpy.id, month)) !== undefined);
    const query = `mutation S($e: ID!, $m: String!, $f: ReportFiguresInput!) { submitRevenueReport(enterpriseId: $e, month: $m, figures: $f) { anomaly } }`;
    const flagged = await sut.graphql<{ submitRevenueReport: { anomaly: string | null } }>(query, { e: jumpy.id, m: month, f: figures(2_600_000n) }, jumpy.me);
    expect(flagged.data?.submitRevenueReport.anomaly).toMatch(/revenue changed \+160%.*usage changed \+?0%/);
    const normal = await sut.graphql<{ submitRevenueReport: { anomaly: string | null } }>(query, { e: steady.id, m: month, f: figures(1_050_000n) }, steady.me);
    expect(normal.data?.submitRevenueReport.anomaly).toBeNull();
  });
});

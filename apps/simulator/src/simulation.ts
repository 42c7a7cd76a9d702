import { Kafka, logLevel, type Producer, type SASLOptions } from 'kafkajs';
import type { KafkaSasl } from '@valley/messaging';
import { Topics } from '@valley/contracts';
import type { Identity } from '@valley/platform';
import { GatewayClient, GraphqlError, inParallel, sleep } from './gateway-client';
import type { Journal } from './journal';
import { GB, lastDayOf, nationalIdOf, SIM_PLANS, type ParkModel, type SimEnterprise, type SimMonth } from './park-model';
import type { Progress } from './progress';
import { takeBaseline, type Baseline } from './reconciliation';

export interface SimulationContext {
  model: ParkModel;
  client: GatewayClient;
  brokers: string[];
  /** The carrier's credentials on a secured broker. */
  sasl?: KafkaSasl;
  journal: Journal;
  progress: Progress;
  /** Gateway calls in flight at once. */
  concurrency: number;
  runId: string;
}

export interface PlanTerms {
  includedBytes: bigint;
  priceFenPerGb: bigint;
  policy: string;
}

export interface SimulationState {
  ids: string[];
  plans: Record<string, PlanTerms>;
  baseline: Baseline;
  programs: Array<{ id: string; placed: number }>;
  applicantsApproved: string[];
}

/** Several administrators work the park (each identity has its own rate limit at the gateway). */
const CLERKS = 4;
const admin = (k = 0): Identity => ({ subject: `simulator-admin-${k % CLERKS}`, role: 'park-admin' });
const residentUser = (enterpriseId: string): Identity => ({ subject: `simulator-user-${enterpriseId}`, role: 'enterprise', enterpriseId });
const LINES = ['live-commerce-commission', 'advertising', 'services', 'product-sales', 'other'];

/**
 * Lives through the park's months, through the public doors only: residents imported with
 * their admission month, carriers' usage records on Kafka, each past month closed, reports
 * submitted by the residents' users and accepted (some returned, some amended, some late),
 * live applications reviewed, programs and placements, suspensions and exits.
 */
export async function runSimulation(ctx: SimulationContext): Promise<SimulationState> {
  const { model, journal, progress } = ctx;
  const months = model.options.months;
  const baseline = journal.get<{ baseline: Baseline }>('setup')?.baseline ?? (await setup(ctx));
  const ids = await importResidents(ctx);
  const plans = await waitForAllocations(ctx, ids);
  const kafka = new Kafka({ clientId: `valley-simulator-${ctx.runId}`, brokers: ctx.brokers, ...(ctx.sasl ? { sasl: ctx.sasl as SASLOptions } : {}), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const deferredReports: Array<[SimEnterprise, number]> = [];
    for (let m = 0; m < months.length; m++) {
      progress.update({ month: months[m], monthIndex: m, phase: 'usage' });
      const residents = model.enterprises.filter((e) => model.activeIn(e, m));
      const monthData = residents.map((e) => model.monthOf(e, m));
      await step(ctx, `usage:${m}`, () => sendUsage(ctx, producer, ids, monthData, false));
      progress.update({ phase: 'close' });
      await step(ctx, `close:${m}`, () => closeMonth(ctx, ids, monthData, m));
      if (m > 0) {
        const previous = model.enterprises.filter((e) => model.activeIn(e, m - 1)).map((e) => model.monthOf(e, m - 1));
        await step(ctx, `late-usage:${m - 1}`, () => sendUsage(ctx, producer, ids, previous, true));
      }
      progress.update({ phase: 'reports' });
      const now = monthData.filter((d) => d.report !== 'missing' && d.report !== 'late');
      await inParallel(now, ctx.concurrency, (d, k) => report(ctx, ids, d, k));
      for (const d of monthData) if (d.report === 'late') deferredReports.push([model.enterprises.find((e) => e.index === d.enterprise)!, m]);
      // Late reports come in two months later (or at the end).
      const due = deferredReports.filter(([, dm]) => dm <= m - 2);
      await inParallel(due, ctx.concurrency, ([e, dm], k) => report(ctx, ids, model.monthOf(e, dm), k));
      deferredReports.splice(0, deferredReports.length, ...deferredReports.filter(([, dm]) => dm > m - 2));
      progress.update({ monthIndex: m + 1 });
    }
    progress.update({ phase: 'late reports' });
    const last = model.enterprises.filter((e) => model.activeIn(e, months.length - 1)).map((e) => model.monthOf(e, months.length - 1));
    await step(ctx, `late-usage:${months.length - 1}`, () => sendUsage(ctx, producer, ids, last, true));
    await inParallel(deferredReports, ctx.concurrency, ([e, dm], k) => report(ctx, ids, model.monthOf(e, dm), k));
  } finally {
    await producer.disconnect();
  }
  progress.update({ phase: 'talent' });
  const programs = await talent(ctx, ids);
  progress.update({ phase: 'applications' });
  const applicantsApproved = await applications(ctx);
  progress.update({ phase: 'lifecycle' });
  await lifecycle(ctx, ids);
  progress.update({ phase: 'done', monthIndex: months.length });
  return { ids, plans, baseline, programs, applicantsApproved };
}

async function step(ctx: SimulationContext, name: string, work: () => Promise<Record<string, unknown> | void>): Promise<void> {
  if (ctx.journal.has(name)) return;
  const data = await work();
  ctx.journal.record(name, data ?? {});
}

async function setup(ctx: SimulationContext): Promise<Baseline> {
  const { plans } = await ctx.client.ok<{ plans: Array<{ name: string }> }>('{ plans { name } }', {}, admin());
  const { pools } = await ctx.client.ok<{ pools: Array<{ name: string }> }>('{ pools { name } }', {}, admin());
  if (!pools.some((p) => p.name === 'sim-valley-dc')) {
    await ctx.client.ok('mutation P($input: CreatePoolInput!) { createPool(input: $input) { id } }', { input: { name: 'sim-valley-dc', region: 'taiyuan', capacityMbps: 10_000_000, monthlyTrafficCapBytes: '0', costPriceFenPerGb: '80' } }, admin());
  }
  for (const plan of SIM_PLANS) {
    if (!plans.some((p) => p.name === plan.name)) await ctx.client.ok('mutation C($name: String!, $terms: PlanTermsInput!) { createPlan(name: $name, terms: $terms) { id } }', plan, admin());
  }
  const baseline = await takeBaseline(ctx.client, ctx.model.options.months);
  ctx.journal.record('setup', { baseline });
  return baseline;
}

async function importResidents(ctx: SimulationContext): Promise<string[]> {
  const { model, client, journal, progress } = ctx;
  const BATCH = 250;
  for (let from = 0; from < model.enterprises.length; from += BATCH) {
    await step(ctx, `import:${from}`, async () => {
      const rows = model.enterprises.slice(from, from + BATCH).map((e, k) => {
        const plan = SIM_PLANS[e.tier]!.terms;
        return {
          line: k + 1, uscc: e.uscc, name: e.name, legalRepresentative: '王建国', contactPhone: '13912345678', contactEmail: `ops${e.index}@example.cn`, industry: e.industry,
          registeredCapitalFen: String(1_000_000_00 * (1 + e.tier * 4)), plannedBandwidthMbps: String(plan.bandwidthMbps), plannedMonthlyTrafficBytes: ((BigInt(plan.monthlyIncludedBytes) * 8n) / 10n).toString(),
          headcount: String(Math.round(10 + e.size * 40)), admittedMonth: model.options.months[e.arrival],
        };
      });
      const r = await client.ok<{ importResidents: { imported: number; alreadyPresent: number; failed: number; errors: unknown[] } }>('mutation I($rows: [ImportRowInput!]!) { importResidents(rows: $rows) { imported alreadyPresent failed errors { line field reason } } }', { rows }, admin());
      if (r.importResidents.failed > 0) throw new Error(`importResidents refused rows: ${JSON.stringify(r.importResidents.errors).slice(0, 500)}`);
      progress.update({ requests: client.requests });
      return { imported: r.importResidents.imported, alreadyPresent: r.importResidents.alreadyPresent };
    });
  }
  const known = journal.get<{ ids: string[] }>('ids');
  if (known) return known.ids;
  const ids: string[] = new Array(model.enterprises.length);
  await inParallel(model.enterprises, ctx.concurrency, async (e, k) => {
    ids[e.index] = (await client.ok<{ enterpriseByUscc: { id: string } }>('query U($u: String!) { enterpriseByUscc(uscc: $u) { id } }', { u: e.uscc }, admin(k))).enterpriseByUscc.id;
  });
  journal.record('ids', { ids });
  return ids;
}

async function waitForAllocations(ctx: SimulationContext, ids: string[]): Promise<Record<string, PlanTerms>> {
  const saved = ctx.journal.get<{ plans: Record<string, { includedBytes: string; priceFenPerGb: string; policy: string }> }>('allocations');
  const parse = (p: { includedBytes: string; priceFenPerGb: string; policy: string }): PlanTerms => ({ includedBytes: BigInt(p.includedBytes), priceFenPerGb: BigInt(p.priceFenPerGb), policy: p.policy });
  if (saved) return Object.fromEntries(Object.entries(saved.plans).map(([k, v]) => [k, parse(v)]));
  ctx.progress.update({ phase: 'allocations' });
  const wanted = new Set(ids.filter(Boolean));
  const found: Record<string, { includedBytes: string; priceFenPerGb: string; policy: string }> = {};
  const deadline = Date.now() + 600_000;
  while (Object.keys(found).length < wanted.size) {
    if (Date.now() > deadline) throw new Error(`only ${Object.keys(found).length} of ${wanted.size} residents got an active allocation`);
    const { allocations } = await ctx.client.ok<{ allocations: Array<{ enterpriseId: string; plan: { monthlyIncludedBytes: string; parkPriceFenPerGb: string; overagePolicy: string } }> }>(
      '{ allocations(statuses: ["active"]) { enterpriseId plan { monthlyIncludedBytes parkPriceFenPerGb overagePolicy } } }', {}, admin());
    for (const a of allocations) if (wanted.has(a.enterpriseId)) found[a.enterpriseId] = { includedBytes: a.plan.monthlyIncludedBytes, priceFenPerGb: a.plan.parkPriceFenPerGb, policy: a.plan.overagePolicy };
    if (Object.keys(found).length < wanted.size) await sleep(500);
  }
  ctx.journal.record('allocations', { plans: found });
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, parse(v)]));
}

async function sendUsage(ctx: SimulationContext, producer: Producer, ids: string[], data: SimMonth[], late: boolean): Promise<Record<string, unknown>> {
  const messages = data.flatMap((d) => {
    const enterpriseId = ids[d.enterprise]!;
    return d.records.filter((r) => r.late === late).flatMap((r) => {
      const half = r.bytes / 2n;
      const value = JSON.stringify({ recordId: r.recordId, carrierId: r.carrierId, enterpriseId, windowStart: r.windowStart, windowEnd: r.windowEnd, bytesIn: half.toString(), bytesOut: (r.bytes - half).toString() });
      const message = { key: enterpriseId, value };
      return r.duplicate ? [message, message] : [message];
    });
  });
  for (let from = 0; from < messages.length; from += 500) {
    const batch = messages.slice(from, from + 500);
    await producer.send({ topic: Topics.FlowUsageRecords, messages: batch });
    ctx.progress.update({ events: batch.length });
  }
  return { records: messages.length };
}

/** Waits (a while) for provisioning to count the month's records, then closes it; records still in flight recompute their charge. */
async function closeMonth(ctx: SimulationContext, ids: string[], data: SimMonth[], m: number): Promise<Record<string, unknown>> {
  const month = ctx.model.options.months[m]!;
  const probes = data.slice(-3);
  const deadline = Date.now() + 30_000;
  for (const d of probes) {
    const expected = d.records.filter((r) => !r.late).reduce((s, r) => s + r.bytes, 0n).toString();
    while (Date.now() < deadline) {
      const { usage } = await ctx.client.ok<{ usage: { usedBytes: string } }>('query U($e: ID!, $m: String!) { usage(enterpriseId: $e, month: $m) { usedBytes } }', { e: ids[d.enterprise], m: month }, admin());
      if (usage.usedBytes === expected) break;
      await sleep(200);
    }
  }
  const { closeMonth: closed } = await ctx.client.ok<{ closeMonth: { closed: boolean; enterprises: number } }>('mutation C($m: String!) { closeMonth(month: $m) { closed enterprises } }', { m: month }, admin());
  ctx.progress.update({ requests: ctx.client.requests });
  return closed;
}

function figures(revenueFen: bigint, e: SimEnterprise, month: number): Record<string, unknown> {
  // Lines add up to the revenue: the first line takes what the others leave.
  const shares = [0.55, 0.2, 0.15, 0.1];
  const lines = e.industry === 'live-commerce' ? LINES.slice(0, 4) : LINES.slice(1, 5);
  const parts = shares.map((s) => (revenueFen * BigInt(Math.round(s * 1000))) / 1000n);
  parts[0] = revenueFen - parts.slice(1).reduce((a, b) => a + b, 0n);
  const employees = Math.round(10 + e.size * 40) + (month % 3);
  return { revenueFen: revenueFen.toString(), taxFen: ((revenueFen * 6n) / 100n).toString(), employees, localHires: Math.round(employees * 0.7), lines: lines.map((line, k) => ({ line, amountFen: parts[k]!.toString() })).filter((l) => l.amountFen !== '0') };
}

const SUBMIT = 'mutation S($e: ID!, $m: String!, $f: ReportFiguresInput!, $k: String) { submitRevenueReport(enterpriseId: $e, month: $m, figures: $f, idempotencyKey: $k) { id status } }';

/** One enterprise-month's report, as its behaviour says; each stage journaled, so a restart goes on from the last one. */
async function report(ctx: SimulationContext, ids: string[], d: SimMonth, k: number): Promise<void> {
  const { client, journal, model } = ctx;
  const e = model.enterprises.find((x) => x.index === d.enterprise)!;
  const enterpriseId = ids[d.enterprise]!;
  const month = model.options.months[d.month]!;
  const key = `report:${d.enterprise}:${d.month}`;
  if (journal.has(key)) return;
  const user = residentUser(enterpriseId);
  const tolerant = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      // Repeated after an interruption: the step had already happened.
      if (!(error instanceof GraphqlError && error.code === 'INVALID_TRANSITION')) throw error;
    }
  };
  const first = d.report === 'returned' ? d.revenueFen + d.revenueFen / 10n : d.revenueFen;
  const submitted = (await client.ok<{ submitRevenueReport: { id: string; status: string } }>(SUBMIT, { e: enterpriseId, m: month, f: figures(first, e, d.month), k: `${ctx.runId}:${enterpriseId}:${month}:1` }, user)).submitRevenueReport;
  if (d.report === 'returned') {
    await tolerant(() => client.ok('mutation R($id: ID!, $c: String!) { returnRevenueReport(reportId: $id, comment: $c) { id } }', { id: submitted.id, c: '主营收入与开票数据不一致，请核对后重新提交' }, admin(k)));
    await client.ok(SUBMIT, { e: enterpriseId, m: month, f: figures(d.revenueFen, e, d.month), k: `${ctx.runId}:${enterpriseId}:${month}:2` }, user);
  }
  await tolerant(() => client.ok('mutation A($id: ID!) { acceptRevenueReport(reportId: $id) { id } }', { id: submitted.id }, admin(k)));
  if (d.report === 'amended' && d.amendedRevenueFen !== undefined) {
    // Amending twice with the same figures (after an interruption) leaves the same latest version.
    await client.ok('mutation M($id: ID!, $f: ReportFiguresInput!, $r: String!) { amendRevenueReport(reportId: $id, figures: $f, reason: $r) { id } }', { id: submitted.id, f: figures(d.amendedRevenueFen, e, d.month), r: '审计调整' }, user);
  }
  journal.record(key);
  ctx.progress.update({ events: 1, requests: client.requests });
}

/** Programs sponsored by steady residents: trainees registered, enrolled, most complete, some placed. */
async function talent(ctx: SimulationContext, ids: string[]): Promise<Array<{ id: string; placed: number }>> {
  const { model, client, journal } = ctx;
  const steady = model.enterprises.filter((e) => e.exit === undefined && !e.suspended);
  const out: Array<{ id: string; placed: number }> = [];
  const year = model.options.months[model.options.months.length - 1]!.slice(0, 4);
  for (const p of model.programs) {
    const sponsors = [0, 1, 2].map((k) => steady[(p.index * 3 + k) % Math.max(1, steady.length)]).filter((e): e is SimEnterprise => e !== undefined).map((e) => ids[e.index]!);
    let programId = journal.get<{ id: string }>(`program:${p.index}`)?.id;
    if (!programId) {
      programId = (await client.ok<{ createProgram: { id: string } }>('mutation C($input: ProgramInput!) { createProgram(input: $input) { id } }', { input: { name: `${p.track} 第${p.index + 1}期 (${ctx.runId})`, track: p.track, description: 'simulated cohort', capacity: p.trainees + 2, startsOn: `${year}-01-05`, endsOn: `${year}-06-30`, sponsorEnterpriseIds: [...new Set(sponsors)] } }, admin())).createProgram.id;
      await client.ok('mutation P($id: ID!) { publishProgram(id: $id) { id } }', { id: programId }, admin());
      await client.ok('mutation S($id: ID!) { startProgram(id: $id) { id } }', { id: programId }, admin());
      journal.record(`program:${p.index}`, { id: programId });
    }
    const pid = programId;
    await inParallel(Array.from({ length: p.trainees }, (_, t) => t), Math.min(ctx.concurrency, 4), async (t) => {
      const stepName = `trainee:${p.index}:${t}`;
      if (journal.has(stepName)) return;
      const nationalIdNumber = nationalIdOf(`${model.options.seed}:${p.index}:${t}`);
      let traineeId: string;
      try {
        traineeId = (await client.ok<{ registerTrainee: { id: string } }>('mutation R($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id } }', { input: { name: `学员${p.index}-${t}`, nationalIdNumber, phone: `138${String(p.index * 100 + t).padStart(8, '0')}`, education: t % 3 === 0 ? 'master' : 'bachelor' } }, admin(t))).registerTrainee.id;
      } catch (error) {
        if (!(error instanceof GraphqlError && error.code === 'DUPLICATE_TRAINEE')) throw error;
        traineeId = (await client.ok<{ traineeByNationalId: { id: string } }>('query T($n: String!) { traineeByNationalId(nationalIdNumber: $n) { id } }', { n: nationalIdNumber }, admin(t))).traineeByNationalId.id;
      }
      const enrollmentId = (await client.ok<{ enrollTrainee: { id: string } }>('mutation E($p: ID!, $t: ID!) { enrollTrainee(programId: $p, traineeId: $t) { id } }', { p: pid, t: traineeId }, admin(t))).enrollTrainee.id;
      if (t < p.completed) await client.ok('mutation C($e: ID!, $s: Int!) { completeEnrollment(enrollmentId: $e, score: $s) { id } }', { e: enrollmentId, s: 60 + ((t * 7) % 40) }, admin(t));
      if (t < p.placed) await client.ok('mutation P($input: PlaceTraineeInput!) { placeTrainee(input: $input) { id } }', { input: { enrollmentId, enterpriseId: sponsors[t % sponsors.length], role: '数据运营', startDate: `${year}-07-01` } }, admin(t));
      journal.record(stepName);
    });
    out.push({ id: pid, placed: p.placed });
  }
  return out;
}

/** This month's applicants: reviewed live; some rejected, some asked for more information first. */
async function applications(ctx: SimulationContext): Promise<string[]> {
  const { model, client, journal } = ctx;
  const approved: string[] = [];
  await inParallel(model.applicants, ctx.concurrency, async (a, k) => {
    const done = journal.get<{ id: string; status: string }>(`applicant:${a.index}`);
    if (done) {
      if (done.status === 'approved') approved.push(done.id);
      return;
    }
    const applicant: Identity = { subject: `simulator-applicant-${a.uscc}`, role: 'enterprise' };
    const input = { name: a.name, uscc: a.uscc, legalRepresentative: '李明', contactPhone: '13800138000', contactEmail: `apply${a.index}@example.cn`, industry: a.industry, registeredCapitalFen: '200000000', plannedBandwidthMbps: 100, plannedMonthlyTrafficBytes: (30n * 1000n * GB).toString(), headcount: 20 };
    let id: string;
    let status: string;
    try {
      ({ id, status } = (await client.ok<{ submitEnterpriseApplication: { id: string; status: string } }>('mutation S($input: SubmitApplicationInput!) { submitEnterpriseApplication(input: $input) { id status } }', { input }, applicant)).submitEnterpriseApplication);
    } catch (error) {
      if (!(error instanceof GraphqlError && error.code === 'DUPLICATE_USCC')) throw error;
      ({ id, status } = (await client.ok<{ enterpriseByUscc: { id: string; status: string } }>('query U($u: String!) { enterpriseByUscc(uscc: $u) { id status } }', { u: a.uscc }, admin(k))).enterpriseByUscc);
    }
    const act = async (mutation: string, variables: Record<string, unknown>, as: Identity = admin(k)): Promise<string> => {
      const data = await client.ok<Record<string, { status: string }>>(mutation, { id, ...variables }, as);
      return Object.values(data)[0]!.status;
    };
    let askedForInformation = false;
    for (let guard = 0; guard < 8 && status !== 'approved' && status !== 'rejected'; guard++) {
      if (status === 'submitted') status = await act('mutation R($id: ID!) { takeApplicationIntoReview(enterpriseId: $id) { status } }', {});
      else if (status === 'under_review' || status === 'under-review' || status === 'in_review') {
        if (a.outcome === 'rejected') status = await act('mutation R($id: ID!, $r: String!) { rejectEnterprise(enterpriseId: $id, reason: $r) { status } }', { r: '业务与园区产业定位不符' });
        else if (a.outcome === 'information-then-approved' && !askedForInformation) {
          askedForInformation = true;
          status = await act('mutation R($id: ID!, $c: String!) { requestApplicationInformation(enterpriseId: $id, comment: $c) { status } }', { c: '请补充近两年数据流量使用情况' });
        } else status = await act('mutation R($id: ID!) { approveEnterprise(enterpriseId: $id) { status } }', {});
      } else status = await act('mutation R($id: ID!, $input: SubmitApplicationInput!) { resubmitEnterpriseApplication(enterpriseId: $id, input: $input) { status } }', { input }, applicant);
    }
    if (status === 'approved') approved.push(id);
    journal.record(`applicant:${a.index}`, { id, status });
  });
  return approved;
}

/** Exits dated at the end of their month (reports stopped there) and suspensions of the day. */
async function lifecycle(ctx: SimulationContext, ids: string[]): Promise<void> {
  const { model, client } = ctx;
  const targets = model.enterprises.filter((e) => e.exit !== undefined || e.suspended);
  await inParallel(targets, ctx.concurrency, async (e, k) => {
    await step(ctx, `lifecycle:${e.index}`, async () => {
      try {
        if (e.exit !== undefined) await client.ok('mutation X($id: ID!, $d: String!, $r: String!) { exitEnterprise(enterpriseId: $id, exitDate: $d, reason: $r) { status } }', { id: ids[e.index], d: lastDayOf(model.options.months[e.exit]!), r: '业务迁出园区' }, admin(k));
        else await client.ok('mutation S($id: ID!, $r: String!) { suspendEnterprise(enterpriseId: $id, reason: $r) { status } }', { id: ids[e.index], r: '欠缴数据流量费用' }, admin(k));
      } catch (error) {
        if (!(error instanceof GraphqlError && error.code === 'INVALID_TRANSITION')) throw error;
      }
    });
  });
}

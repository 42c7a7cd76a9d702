import { addMonths, parkMonthOf } from '@valley/contracts';
import type { Identity } from '@valley/platform';
import { checkCharacter } from '../../apps/enterprise/src/onboarding/domain/uscc';
import { issueLocalToken } from '../../apps/gateway/src/auth/local-token';
import { nationalIdCheckCharacter } from '../../apps/talent/src/talent/domain/national-id';
import { loadRevenueHistory, type HistoryTotals } from '../revenue-dashboard/history';
import { now } from '../relay/stats';
import { log, waitUntil } from '../relay/support';
import type { BenchPark } from './park';

export const ADMIN: Identity = { subject: 'bench-gateway-admin', role: 'park-admin' };

/** Industries of the park's residents, the first ones most common. */
const INDUSTRIES = ['live-commerce', 'short-video', 'esports', 'ai-models', 'virtual-human', 'data-services', '3d-data', 'metaverse', 'coal', 'steel', 'power', 'new-energy', 'coke', 'manufacturing'];
const industryOf = (i: number): string => INDUSTRIES[Math.floor(INDUSTRIES.length * ((i * 0.618034) % 1) ** 2)]!;

const TB = 1_000_000_000_000n;
/** The park's plans; a resident gets the smallest one covering its planned need. */
const PLANS = [
  { name: 'starter-50', terms: { bandwidthMbps: 50, monthlyIncludedBytes: (2n * TB).toString(), parkPriceFenPerGb: '30', marketPriceFenPerGb: '120', overagePolicy: 'bill' } },
  { name: 'growth-200', terms: { bandwidthMbps: 200, monthlyIncludedBytes: (10n * TB).toString(), parkPriceFenPerGb: '25', marketPriceFenPerGb: '110', overagePolicy: 'bill' } },
  { name: 'scale-1000', terms: { bandwidthMbps: 1000, monthlyIncludedBytes: (50n * TB).toString(), parkPriceFenPerGb: '20', marketPriceFenPerGb: '100', overagePolicy: 'throttle' } },
];
/** 60 % starter, 30 % growth, 10 % scale: about 190 Mbps a resident. */
const needOf = (i: number): { mbps: number; bytes: bigint } => (i % 10 < 6 ? { mbps: 50, bytes: (3n * TB) / 2n } : i % 10 < 9 ? { mbps: 200, bytes: 8n * TB } : { mbps: 1000, bytes: 40n * TB });
/** This month's use as a share of the included traffic: 3 % over it, 8 % past 80 %, the rest 10–69 %. */
const usageShareOf = (i: number): number => (i % 100 < 3 ? 1.05 : i % 100 < 11 ? 0.85 : 0.1 + ((i * 37) % 60) / 100);
/** Residents whose report for the last month never came: 3 %. */
const missesLastReport = (i: number): boolean => i % 33 === 7;

/**
 * Rows per importResidents / uploadUsageRecords call. The mutations take up to
 * 1,000, but 1,000 rows of this shape are about 300 KB, over the gateway's
 * default body limit (GATEWAY_BODY_LIMIT, 100 KB), which the bench keeps.
 */
const ROWS_PER_CALL = 250;

const TRACKS = ['ai-large-model-applications', '3d-data-capture-and-modelling', 'live-commerce-operations', 'esports'];
const TRAINEES_PER_PROGRAM = 20;

export interface SeedOptions {
  enterprises: number;
  /** Months of revenue history, ending with last month; the residents were admitted in the first. */
  months: string[];
}

export interface Seeded {
  /** Enterprise ids, in import order. */
  enterprises: string[];
  revenue: HistoryTotals;
  quotaAlerts: number;
  overdue: number;
  programs: number;
  placements: number;
}

/** `count` months ending with last month (Asia/Shanghai), oldest first. */
export function lastMonths(count: number): string[] {
  const current = parkMonthOf(new Date());
  return Array.from({ length: count }, (_, i) => addMonths(current, i - count));
}

/** A valid USCC for resident i (unique within the run's fresh database). */
function usccOf(i: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  for (let n = i; body.length < 9; n = Math.floor(n / alphabet.length)) body = alphabet[n % alphabet.length] + body;
  const first17 = `91140100${body}`;
  return first17 + checkCharacter(first17);
}

function nationalIdOf(i: number): string {
  const first17 = `140105${1985 + (i % 20)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i).padStart(3, '0')}`;
  return first17 + nationalIdCheckCharacter(first17);
}

/** GraphQL through the gateway as the park administrator; fails on any error. */
export class AdminClient {
  private constructor(private readonly url: string, private readonly token: string) {}

  static async create(park: BenchPark): Promise<AdminClient> {
    return new AdminClient(park.gatewayUrl, await issueLocalToken(ADMIN, { secret: park.jwtSecret, ttlSeconds: 4 * 3600 }));
  }

  async ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
    if (res.status !== 200 || body.errors || !body.data) throw new Error(`${query.slice(0, 60)}… failed (${res.status}): ${text.slice(0, 500)}`);
    return body.data;
  }
}

/**
 * A park as it looks after a few years: pools and plans, E residents imported
 * through the API (their lifecycle events reach provisioning, revenue and
 * talent over Kafka: allocations and projections), this month's usage with
 * quota alerts, M months of accepted reports and charges written into the
 * revenue database as the service writes them, a few overdue reports, and
 * talent programs with trainees completed and placed.
 */
export async function seedPark(park: BenchPark, admin: AdminClient, o: SeedOptions): Promise<Seeded> {
  const started = now();
  const scale = Math.ceil(o.enterprises / 1000);
  for (const [name, region, capacityMbps, cost] of [['taiyuan-dc-1', 'taiyuan', 200_000, '6'], ['datong-dc-2', 'datong', 100_000, '5'], ['taiyuan-backbone', 'taiyuan', 50_000, '8']] as const) {
    await admin.ok('mutation P($input: CreatePoolInput!) { createPool(input: $input) { id } }', { input: { name, region, capacityMbps: capacityMbps * scale, monthlyTrafficCapBytes: '0', costPriceFenPerGb: cost } });
  }
  for (const plan of PLANS) await admin.ok('mutation C($name: String!, $terms: PlanTermsInput!) { createPlan(name: $name, terms: $terms) { id } }', plan);

  const usccs = Array.from({ length: o.enterprises }, (_, i) => usccOf(i));
  for (let from = 0; from < o.enterprises; from += ROWS_PER_CALL) {
    const rows = usccs.slice(from, from + ROWS_PER_CALL).map((uscc, k) => {
      const i = from + k;
      const need = needOf(i);
      return {
        line: k + 2, uscc, name: `晋数${industryOf(i)}-${String(i).padStart(5, '0')}`, legalRepresentative: '王五', contactPhone: '13912345678', contactEmail: `ops${i}@example.cn`,
        industry: industryOf(i), registeredCapitalFen: String(100_000_00 * (1 + (i % 50))), plannedBandwidthMbps: String(need.mbps), plannedMonthlyTrafficBytes: need.bytes.toString(), headcount: String(5 + (i % 200)), admittedMonth: o.months[0],
      };
    });
    const r = await admin.ok<{ importResidents: { imported: number; failed: number; errors: unknown[] } }>('mutation I($rows: [ImportRowInput!]!) { importResidents(rows: $rows) { imported failed errors { line field reason } } }', { rows });
    if (r.importResidents.imported !== rows.length) throw new Error(`importResidents: ${r.importResidents.imported} of ${rows.length} imported: ${JSON.stringify(r.importResidents.errors).slice(0, 500)}`);
  }
  const idRows = await park.db('enterprise').query<{ id: string; uscc: string }>('SELECT id, uscc FROM enterprises');
  const idOf = new Map(idRows.map((r) => [r.uscc, r.id]));
  const enterprises = usccs.map((u) => idOf.get(u)!);
  log(`seed: ${o.enterprises} residents imported (admitted ${o.months[0]}); waiting for provisioning, revenue and talent to hear of them over Kafka`);
  await waitForProjections(park, o.enterprises);

  const quotaAlerts = await seedUsage(park, admin, enterprises);

  // Revenue: every month a report and a charge, except the last month's report of a few.
  const last = o.months.length - 1;
  const revenue = await loadRevenueHistory(park.db('revenue'), enterprises, o.months, (i, mi) => mi !== last || !missesLastReport(i));
  const late = enterprises.filter((_, i) => missesLastReport(i));
  await park.db('revenue').query('INSERT INTO overdue_notices (enterprise_id, month) SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING', [late, o.months[last]]);

  const talent = await seedTalent(admin, enterprises);
  for (const n of ['enterprise', 'provisioning', 'revenue', 'talent'] as const) await park.db(n).query('ANALYZE');
  log(`seed: done in ${((now() - started) / 1000).toFixed(1)} s: ${revenue.pairs} enterprise-months of revenue, ${quotaAlerts} quota alerts, ${late.length} overdue reports, ${talent.programs} programs, ${talent.placements} placements`);
  return { enterprises, revenue, quotaAlerts, overdue: late.length, ...talent };
}

async function waitForProjections(park: BenchPark, expected: number): Promise<void> {
  const counts = { provisioning: 0, revenue: 0, talent: 0 };
  const t0 = now();
  let lastLog = t0;
  await waitUntil(
    () => `every resident to reach the services: allocations ${counts.provisioning}, revenue ${counts.revenue}, talent ${counts.talent} of ${expected}`,
    async () => {
      const n = async (db: 'provisioning' | 'revenue' | 'talent', sql: string): Promise<number> => (await park.db(db).query<{ n: number }>(sql))[0]?.n ?? 0;
      counts.provisioning = await n('provisioning', "SELECT count(*)::int AS n FROM allocations WHERE status = 'active'");
      counts.revenue = await n('revenue', 'SELECT count(*)::int AS n FROM known_enterprises');
      counts.talent = await n('talent', 'SELECT count(*)::int AS n FROM known_enterprises');
      if (now() - lastLog > 5000) {
        lastLog = now();
        log(`seed: active allocations ${counts.provisioning}, revenue ${counts.revenue}, talent ${counts.talent} of ${expected}`);
      }
      return counts.provisioning >= expected && counts.revenue >= expected && counts.talent >= expected;
    },
    300_000,
    500,
  );
  log(`seed: every resident known to every service (${((now() - t0) / 1000).toFixed(1)} s)`);
}

/** One carrier record per resident for this month, sized as a share of its allocation's included traffic; waits for the usage and the alerts. */
async function seedUsage(park: BenchPark, admin: AdminClient, enterprises: string[]): Promise<number> {
  const included = new Map((await park.db('provisioning').query<{ enterprise_id: string; bytes: string }>(
    `SELECT a.enterprise_id, pv.monthly_included_bytes::text AS bytes FROM allocations a JOIN plan_versions pv ON pv.plan_id = a.plan_id AND pv.version = a.plan_version WHERE a.status = 'active'`,
  )).map((r) => [r.enterprise_id, BigInt(r.bytes)]));
  const t = Date.now();
  // Five minutes ending ten minutes ago, in this month.
  const start = parkMonthOf(new Date(t - 15 * 60_000)) === parkMonthOf(new Date(t)) ? new Date(t - 15 * 60_000) : new Date(t - 6 * 60_000);
  const end = new Date(start.getTime() + 5 * 60_000);
  let expectedAlerts = 0;
  const records = enterprises.map((enterpriseId, i) => {
    const share = usageShareOf(i);
    expectedAlerts += share >= 1 ? 2 : share >= 0.8 ? 1 : 0;
    const bytes = (included.get(enterpriseId)! * BigInt(Math.round(share * 1000))) / 1000n;
    return { recordId: `bench-${i}`, carrierId: 'bench-carrier', enterpriseId, windowStart: start.toISOString(), windowEnd: end.toISOString(), bytesIn: (bytes / 3n).toString(), bytesOut: (bytes - bytes / 3n).toString() };
  });
  for (let from = 0; from < records.length; from += ROWS_PER_CALL) {
    const r = await admin.ok<{ uploadUsageRecords: { accepted: number; rejected: unknown[] } }>('mutation U($r: [UsageRecordInput!]!) { uploadUsageRecords(records: $r) { accepted rejected { index reason } } }', { r: records.slice(from, from + ROWS_PER_CALL) });
    if (r.uploadUsageRecords.rejected.length > 0) throw new Error(`usage records rejected: ${JSON.stringify(r.uploadUsageRecords.rejected).slice(0, 500)}`);
  }
  let usage = 0;
  let alerts = 0;
  await waitUntil(
    () => `this month's usage of ${enterprises.length} residents (${usage}) and ${expectedAlerts} quota alerts (${alerts})`,
    async () => {
      usage = (await park.db('provisioning').query<{ n: number }>('SELECT count(*)::int AS n FROM usage_monthly'))[0]?.n ?? 0;
      alerts = (await park.db('provisioning').query<{ n: number }>('SELECT count(*)::int AS n FROM quota_alerts'))[0]?.n ?? 0;
      return usage >= enterprises.length && alerts >= expectedAlerts;
    },
    180_000,
    500,
  );
  log(`seed: usage of ${usage} residents this month, ${alerts} quota alerts`);
  return alerts;
}

/** Four programs, each sponsored by three residents; 20 trainees each enrolled, 14 completed, 8 placed with a sponsor. */
async function seedTalent(admin: AdminClient, enterprises: string[]): Promise<{ programs: number; placements: number }> {
  const programs = Math.min(TRACKS.length, Math.floor(enterprises.length / 3));
  let placements = 0;
  await Promise.all(TRACKS.slice(0, programs).map(async (track, p) => {
    const sponsors = enterprises.slice(3 * p, 3 * p + 3);
    const { createProgram } = await admin.ok<{ createProgram: { id: string } }>('mutation C($input: ProgramInput!) { createProgram(input: $input) { id } }', {
      input: { name: `${track} 训练营`, track, description: 'bench cohort', capacity: TRAINEES_PER_PROGRAM + 5, startsOn: '2026-09-01', endsOn: '2026-12-20', sponsorEnterpriseIds: sponsors },
    });
    await admin.ok('mutation P($id: ID!) { publishProgram(id: $id) { id } }', { id: createProgram.id });
    await admin.ok('mutation S($id: ID!) { startProgram(id: $id) { id } }', { id: createProgram.id });
    for (let k = 0; k < TRAINEES_PER_PROGRAM; k++) {
      const i = p * TRAINEES_PER_PROGRAM + k;
      const { registerTrainee } = await admin.ok<{ registerTrainee: { id: string } }>('mutation R($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id } }', {
        input: { name: `学员${i}`, nationalIdNumber: nationalIdOf(i), phone: `1380000${String(i).padStart(4, '0')}`, education: 'bachelor' },
      });
      const { enrollTrainee } = await admin.ok<{ enrollTrainee: { id: string } }>('mutation E($p: ID!, $t: ID!) { enrollTrainee(programId: $p, traineeId: $t) { id } }', { p: createProgram.id, t: registerTrainee.id });
      if (k >= 14) continue;
      await admin.ok('mutation C($e: ID!) { completeEnrollment(enrollmentId: $e, score: 80) { status } }', { e: enrollTrainee.id });
      if (k >= 8) continue;
      await admin.ok('mutation P($input: PlaceTraineeInput!) { placeTrainee(input: $input) { id } }', { input: { enrollmentId: enrollTrainee.id, enterpriseId: sponsors[k % sponsors.length], role: '数据运营', startDate: '2027-01-04' } });
      placements += 1;
    }
  }));
  return { programs, placements };
}

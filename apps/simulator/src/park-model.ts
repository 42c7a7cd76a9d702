import { addMonths } from '@valley/contracts';
import { checkCharacter } from '../../enterprise/src/onboarding/domain/uscc';
import { nationalIdCheckCharacter } from '../../talent/src/talent/domain/national-id';
import { Random } from './random';

/**
 * The simulated park, drawn from the seed before anything is sent: who arrives when, how
 * much data flow each uses each month, what it earns and how it reports. Pure: the same
 * options give the same model, which is what makes a run resumable and repeatable.
 */

export const GB = 1_000_000_000n;
const TB = 1000n * GB;

/** The park's published three-year figures, in fen. */
export const PUBLISHED = { inputFen: 430_000_000_000n, revenueFen: 3_520_000_000_000n };
/** The default park (600 enterprises, 36 months, 40 % present at the start) has about 0.7 × 600 × 36 enterprise-months. */
const DEFAULT_ENTERPRISE_MONTHS = 0.7 * 600 * 36;
/** Newcomers' ramp-up, exits and missing reports take about 6 % off the default run's paired input: made up here (measured with seed 1). */
const RAMP_AND_GAPS = 1.065;
const INPUT_FEN_PER_ENTERPRISE_MONTH = (Number(PUBLISHED.inputFen) / DEFAULT_ENTERPRISE_MONTHS) * RAMP_AND_GAPS;
const PARK_MULTIPLIER = Number(PUBLISHED.revenueFen) / Number(PUBLISHED.inputFen);

/** Shares of the park's residents by industry (percent) and each industry's output per yuan of data input, before calibration. */
export const INDUSTRIES: Readonly<Record<string, { share: number; multiplier: number; seasonal: 'commerce' | 'media' | 'industry' }>> = {
  'live-commerce': { share: 22, multiplier: 10, seasonal: 'commerce' },
  'short-video': { share: 18, multiplier: 8, seasonal: 'media' },
  'data-services': { share: 9, multiplier: 6, seasonal: 'industry' },
  'ai-models': { share: 8, multiplier: 5, seasonal: 'media' },
  esports: { share: 6, multiplier: 7, seasonal: 'media' },
  'virtual-human': { share: 5, multiplier: 7, seasonal: 'commerce' },
  '3d-data': { share: 5, multiplier: 6, seasonal: 'industry' },
  coal: { share: 5, multiplier: 14, seasonal: 'industry' },
  steel: { share: 4, multiplier: 11, seasonal: 'industry' },
  power: { share: 4, multiplier: 9, seasonal: 'industry' },
  'new-energy': { share: 4, multiplier: 9, seasonal: 'industry' },
  metaverse: { share: 3, multiplier: 5, seasonal: 'media' },
  coke: { share: 3, multiplier: 12, seasonal: 'industry' },
  manufacturing: { share: 3, multiplier: 9, seasonal: 'industry' },
  other: { share: 1, multiplier: 6, seasonal: 'media' },
};

/** Traffic by calendar month (index 0 = January): live commerce peaks at 618 (June), Double 11 and Double 12; Spring Festival is quiet. */
const SEASONS: Record<'commerce' | 'media' | 'industry', number[]> = {
  commerce: [0.85, 0.7, 0.9, 0.95, 1.0, 1.35, 0.95, 0.95, 1.0, 1.05, 1.75, 1.4],
  media: [1.1, 1.15, 0.95, 0.95, 1.0, 1.0, 1.1, 1.15, 0.95, 1.0, 1.05, 1.05],
  industry: [0.9, 0.75, 1.0, 1.05, 1.05, 1.05, 1.0, 1.0, 1.05, 1.05, 1.05, 1.05],
};
/** Share of the day's traffic by hour (Asia/Shanghai): quiet nights, an evening peak. */
const HOURS = [2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7, 8, 9, 10, 8, 4];

/** The plans the simulator asks for when the park has none of its own: all bill every byte. */
export const SIM_PLANS = [
  { name: 'sim-starter-100', terms: { bandwidthMbps: 100, monthlyIncludedBytes: (45n * TB).toString(), parkPriceFenPerGb: '350', marketPriceFenPerGb: '1200', overagePolicy: 'bill' } },
  { name: 'sim-growth-500', terms: { bandwidthMbps: 500, monthlyIncludedBytes: (200n * TB).toString(), parkPriceFenPerGb: '300', marketPriceFenPerGb: '1000', overagePolicy: 'bill' } },
  { name: 'sim-scale-2000', terms: { bandwidthMbps: 2000, monthlyIncludedBytes: (600n * TB).toString(), parkPriceFenPerGb: '250', marketPriceFenPerGb: '900', overagePolicy: 'bill' } },
] as const;

export const CARRIERS = ['cmcc-shanxi', 'unicom-shanxi', 'telecom-shanxi'] as const;
/** The carrier whose feed repeats some records (the same recordId again: counted once). */
export const DUPLICATING_CARRIER = 'unicom-shanxi';

export type ReportBehaviour = 'on-time' | 'late' | 'returned' | 'amended' | 'missing';

export interface ModelOptions {
  enterprises: number;
  /** The simulated months, oldest first: the last N months before the current one. */
  months: string[];
  seed: string;
  /** Share of arrivals that apply live (this month) instead of arriving in the past. */
  liveShare: number;
  /** Usage records per enterprise and month. */
  recordsPerMonth: number;
}

export interface SimEnterprise {
  index: number;
  uscc: string;
  name: string;
  industry: string;
  tier: number;
  size: number;
  carrier: string;
  /** Index into months of its admission. */
  arrival: number;
  /** Index of its exit month, when it leaves during the simulation. */
  exit?: number;
  /** Suspended at the end of the run (still a resident, still reports). */
  suspended: boolean;
}

export interface SimApplicant {
  index: number;
  uscc: string;
  name: string;
  industry: string;
  outcome: 'approved' | 'rejected' | 'information-then-approved';
}

export interface SimUsageRecord {
  recordId: string;
  carrierId: string;
  windowStart: string;
  windowEnd: string;
  bytes: bigint;
  /** Sent again by a flaky carrier feed. */
  duplicate: boolean;
  /** Arrives after its month was closed. */
  late: boolean;
}

export interface SimMonth {
  enterprise: number;
  month: number;
  /** Target input in fen at the tier's price (the charge is computed from what was sent). */
  records: SimUsageRecord[];
  revenueFen: bigint;
  /** Revenue after an amendment, for `amended`. */
  amendedRevenueFen?: bigint;
  report: ReportBehaviour;
}

export interface SimProgram {
  index: number;
  track: string;
  trainees: number;
  completed: number;
  placed: number;
}

export interface ParkModel {
  options: ModelOptions;
  enterprises: SimEnterprise[];
  applicants: SimApplicant[];
  programs: SimProgram[];
  /** Whether enterprise e is a resident (reports and uses) in month m. */
  activeIn(e: SimEnterprise, m: number): boolean;
  /** Usage and revenue of one enterprise-month (drawn on demand, deterministic). */
  monthOf(e: SimEnterprise, m: number): SimMonth;
}

const TRACKS = ['live-commerce-operations', 'ai-large-model-applications', 'esports', 'digital-human-production', 'data-annotation', '3d-data-capture-and-modelling', 'industrial-digitalisation'];

export function buildParkModel(options: ModelOptions): ParkModel {
  const root = new Random(`valley-simulator:${options.seed}`);
  const M = options.months.length;
  const live = Math.round(options.enterprises * options.liveShare);
  const residentsCount = options.enterprises - live;
  const people = root.fork('enterprises');
  const enterprises: SimEnterprise[] = [];
  for (let i = 0; i < residentsCount; i++) {
    const r = people.fork(i);
    const industry = r.weighted(Object.fromEntries(Object.entries(INDUSTRIES).map(([k, v]) => [k, v.share])));
    const size = Math.min(8, r.logNormal(0.8));
    const tier = size < 0.7 ? 0 : size < 2 ? 1 : 2;
    // The park's existing residents are there at the start; the rest arrive month by month.
    const arrival = i < Math.round(residentsCount * 0.4) || M === 1 ? 0 : r.int(1, M);
    const exit = r.chance(0.04) && arrival + 2 < M - 1 ? r.int(arrival + 2, M - 1) : undefined;
    const uscc = usccOf(`${options.seed}:${i}`);
    enterprises.push({ index: i, uscc, name: `${industryName(industry)}-${uscc.slice(8, 13)}`, industry, tier, size, carrier: CARRIERS[r.int(0, CARRIERS.length)]!, arrival, exit, suspended: exit === undefined && r.chance(0.03) });
  }
  enterprises.sort((a, b) => a.arrival - b.arrival || a.index - b.index);

  const applicants: SimApplicant[] = Array.from({ length: live }, (_, k) => {
    const r = root.fork(`applicant-${k}`);
    const industry = r.weighted(Object.fromEntries(Object.entries(INDUSTRIES).map(([key, v]) => [key, v.share])));
    const uscc = usccOf(`${options.seed}:applicant:${k}`);
    const x = r.next();
    return { index: k, uscc, name: `${industryName(industry)}-申请-${uscc.slice(8, 13)}`, industry, outcome: x < 0.2 ? 'rejected' : x < 0.4 ? 'information-then-approved' : 'approved' };
  });

  const activeIn = (e: SimEnterprise, m: number): boolean => m >= e.arrival && (e.exit === undefined || m <= e.exit);
  // Calibration: the expected input of an enterprise-month is the published figure's average; revenue follows at the park's multiplier.
  const industryWeight = Object.values(INDUSTRIES).reduce((s, v) => s + v.share, 0);
  const meanMultiplier = Object.values(INDUSTRIES).reduce((s, v) => s + v.share * v.multiplier, 0) / industryWeight;
  const meanSize = Math.exp(0.8 ** 2 / 2);

  const monthOf = (e: SimEnterprise, m: number): SimMonth => {
    const r = root.fork(`month-${e.index}-${m}`);
    const monthNumber = Number(options.months[m]!.slice(5, 7));
    const spec = INDUSTRIES[e.industry]!;
    const seasonal = SEASONS[spec.seasonal][monthNumber - 1]!;
    // Growth after arrival: a newcomer ramps up over its first half year.
    const ramp = Math.min(1, 0.5 + (m - e.arrival) / 12);
    const inputFen = INPUT_FEN_PER_ENTERPRISE_MONTH * (e.size / meanSize) * seasonal * ramp * r.logNormal(0.15);
    const price = BigInt(SIM_PLANS[e.tier]!.terms.parkPriceFenPerGb);
    const totalBytes = (BigInt(Math.round(inputFen)) * GB) / price + BigInt(r.int(0, 1_000_000_000));
    const records = splitIntoRecords(r, e, options.months[m]!, totalBytes, options.recordsPerMonth, `${options.seed}-${e.index}-${m}`);
    const revenue = inputFen * (spec.multiplier / meanMultiplier) * PARK_MULTIPLIER * r.logNormal(0.2);
    const revenueFen = BigInt(Math.max(1, Math.round(revenue)));
    const x = r.next();
    const report: ReportBehaviour = x < 0.02 ? 'missing' : x < 0.07 ? 'returned' : x < 0.1 ? 'amended' : x < 0.18 ? 'late' : 'on-time';
    return { enterprise: e.index, month: m, records, revenueFen, report, ...(report === 'amended' ? { amendedRevenueFen: (revenueFen * BigInt(90 + r.int(0, 21))) / 100n } : {}) };
  };

  const programCount = Math.max(1, Math.round(options.enterprises / 60));
  const programs: SimProgram[] = Array.from({ length: programCount }, (_, p) => {
    const r = root.fork(`program-${p}`);
    const trainees = r.int(6, 16);
    const completed = Math.round(trainees * (0.6 + 0.3 * r.next()));
    return { index: p, track: TRACKS[p % TRACKS.length]!, trainees, completed, placed: Math.round(completed * (0.4 + 0.4 * r.next())) };
  });

  return { options, enterprises, applicants, programs, activeIn, monthOf };
}

function splitIntoRecords(r: Random, e: SimEnterprise, month: string, total: bigint, count: number, idPrefix: string): SimUsageRecord[] {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const hourWeights = Object.fromEntries(HOURS.map((w, h) => [String(h), w]));
  const shares = Array.from({ length: count }, () => 0.5 + r.next());
  const sum = shares.reduce((s, x) => s + x, 0);
  let left = total;
  return shares.map((share, k) => {
    const bytes = k === count - 1 ? left : (total * BigInt(Math.round((share / sum) * 1e6))) / 1_000_000n;
    left -= bytes;
    const day = 1 + Math.floor(((k + r.next()) * days) / count);
    const hour = Number(r.weighted(hourWeights));
    // Shanghai is UTC+8 all year.
    const start = new Date(Date.UTC(y, mo - 1, Math.min(day, days), hour - 8, 0, 0));
    return {
      recordId: `${idPrefix}-${k}`,
      carrierId: e.carrier,
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 3600_000).toISOString(),
      bytes,
      duplicate: e.carrier === DUPLICATING_CARRIER && r.chance(0.05),
      late: r.chance(0.02),
    };
  });
}

function industryName(industry: string): string {
  return `晋数${industry}`;
}

/** A valid USCC derived from a key (unique per key in practice: 31^9 bodies). */
export function usccOf(key: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const r = new Random(`uscc:${key}`);
  const body = Array.from({ length: 9 }, () => alphabet[r.int(0, alphabet.length)]).join('');
  const first17 = `91140100${body}`;
  return first17 + checkCharacter(first17);
}

/** A valid GB 11643 number derived from a key. */
export function nationalIdOf(key: string): string {
  const r = new Random(`national-id:${key}`);
  const birth = `${r.int(1975, 2005)}${String(r.int(1, 13)).padStart(2, '0')}${String(r.int(1, 29)).padStart(2, '0')}`;
  const first17 = `140105${birth}${String(r.int(0, 1000)).padStart(3, '0')}`;
  return first17 + nationalIdCheckCharacter(first17);
}

/** The last `count` months before the current one (Asia/Shanghai), oldest first. */
export function pastMonths(count: number, currentMonth: string): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(currentMonth, i - count));
}

/** The last day of a month, YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

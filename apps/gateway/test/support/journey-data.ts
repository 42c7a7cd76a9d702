import { randomInt, randomUUID } from 'node:crypto';
import { addMonths, parkMonthOf } from '@valley/contracts';
import { checkCharacter } from '../../../enterprise/src/onboarding/domain/uscc';
import { nationalIdCheckCharacter } from '../../../talent/src/talent/domain/national-id';

/** A valid USCC no other run used. */
export function freshUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `91140100${Array.from({ length: 9 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
  return first17 + checkCharacter(first17);
}

/** A valid GB 11643 number no other run used. */
export function freshNationalId(): string {
  const birth = `${randomInt(1975, 2005)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;
  const first17 = `140105${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + nationalIdCheckCharacter(first17);
}

export function application(industry: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `晋数直播电商-${randomUUID().slice(0, 6)}`,
    uscc: freshUscc(),
    legalRepresentative: '王五',
    contactPhone: '13912345678',
    contactEmail: 'ops@example.cn',
    industry,
    registeredCapitalFen: '500000000',
    plannedBandwidthMbps: 80,
    plannedMonthlyTrafficBytes: '5497558138880',
    headcount: 40,
    ...overrides,
  };
}

/** The park bills in decimal GB. */
export const GB = 1_000_000_000n;

/** A carrier's usage record (flat JSON on valley.flow.usage-records.v1) for a five-minute window starting at `start`. */
export function usageRecord(enterpriseId: string, carrierId: string, start: Date, gb: bigint): Record<string, string> {
  return {
    recordId: randomUUID(),
    carrierId,
    enterpriseId,
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 5 * 60_000).toISOString(),
    bytesIn: ((gb * GB) / 2n).toString(),
    bytesOut: (gb * GB - (gb * GB) / 2n).toString(),
  };
}

/** YYYY-MM in Asia/Shanghai, `offset` months away from now. */
export function shanghaiMonth(offset = 0, now = new Date()): string {
  return addMonths(parkMonthOf(now), offset);
}

/** Noon (Shanghai) on the 10th of a month, as UTC. */
export function midMonth(month: string): Date {
  return new Date(`${month}-10T04:00:00Z`);
}

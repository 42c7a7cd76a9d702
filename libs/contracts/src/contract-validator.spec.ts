import { randomUUID } from 'node:crypto';
import { buildCloudEvent } from './cloud-event';
import { ContractViolationError } from './contract-violation.error';
import { assertValidCloudEvent, validateCloudEvent, validateEventData, validateUsageRecord } from './contract-validator';
import { EVENT_TYPES, EventCatalog } from './event-catalog';
import { InternalTopicSpecs, TopicSpecs } from './topics';

const suspended = () => buildCloudEvent('valley.enterprise.suspended.v1', { enterpriseId: randomUUID(), reason: 'unpaid charges', suspendedAt: '2026-11-30T02:00:00.000Z' });

describe('contracts', () => {
  it('gives every event type a topic of the contract and a source of its app', () => {
    const topics = new Set<string>([...TopicSpecs, ...InternalTopicSpecs].map((t) => t.name));
    for (const type of EVENT_TYPES) {
      expect(topics.has(EventCatalog[type].topic)).toBe(true);
      expect(type.startsWith(`valley.${EventCatalog[type].topic.split('.')[1]}.`)).toBe(true);
    }
    expect(EVENT_TYPES).toHaveLength(24);
  });

  it('accepts a well-formed event and keys it by the aggregate', () => {
    const event = suspended();
    expect(validateCloudEvent(event)).toEqual({ ok: true, value: event });
    expect(event.subject).toBe(event.data.enterpriseId);
  });

  it.each([
    ['a missing envelope field', (e: Record<string, unknown>) => delete e['id'], /envelope: .*id/],
    ['a non-UTC time', (e: Record<string, unknown>) => (e['time'] = '2026-11-30T10:00:00+08:00'), /envelope: \/time/],
    ['an unknown type', (e: Record<string, unknown>) => (e['type'] = 'valley.enterprise.vanished.v1'), /unknown event type/],
    ['a foreign source', (e: Record<string, unknown>) => (e['source'] = '/valley/revenue'), /does not produce/],
    ['an extra data field', (e: Record<string, unknown>) => ((e['data'] as Record<string, unknown>)['phone'] = '13800000000'), /must NOT have additional properties \(phone\)/],
    ['an extra envelope field', (e: Record<string, unknown>) => (e['traceid'] = 'x'), /envelope: .*additional/],
  ])('refuses %s', (_label, mutate, reason) => {
    const event = suspended() as unknown as Record<string, unknown>;
    mutate(event);
    const result = validateCloudEvent(event);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
    expect(() => assertValidCloudEvent(event)).toThrow(ContractViolationError);
  });

  it('carries money as integer fen in decimal strings, never a float', () => {
    const charge = (chargeFen: unknown) =>
      validateEventData('valley.flow.monthly-charges-computed.v1', {
        enterpriseId: randomUUID(), month: '2026-10', revision: 1, billableBytes: '1073741824', chargeFen, marketValueFen: '900', savingFen: '-5', lines: [], computedAt: '2026-11-01T00:00:00Z',
      });
    expect(charge('1234').ok).toBe(true);
    expect(charge('12.34').ok).toBe(false);
    expect(charge(1234).ok).toBe(false);
    expect(charge('-1').ok).toBe(false);
    expect(charge('0012').ok).toBe(false);
  });

  it('takes months as YYYY-MM only', () => {
    const overdue = (month: string) => validateEventData('valley.revenue.report-overdue.v1', { enterpriseId: randomUUID(), month, deadline: '2026-11-15', detectedAt: '2026-11-16T00:00:00Z' });
    expect(overdue('2026-10').ok).toBe(true);
    expect(overdue('2026-13').ok).toBe(false);
    expect(overdue('2026-1').ok).toBe(false);
  });

  it('keeps national ids and names of trainees out of talent events', () => {
    const placed = { programId: randomUUID(), placementId: randomUUID(), traineeRef: `trn_${'a'.repeat(32)}`, enterpriseId: randomUUID(), role: 'AI trainer', startDate: '2026-12-01', placedAt: '2026-11-30T00:00:00Z' };
    expect(validateEventData('valley.talent.trainee-placed.v1', placed).ok).toBe(true);
    expect(validateEventData('valley.talent.trainee-placed.v1', { ...placed, traineeRef: '14010119900101123X' }).ok).toBe(false);
    expect(validateEventData('valley.talent.trainee-placed.v1', { ...placed, nationalId: '14010119900101123X' }).ok).toBe(false);
  });

  it('refuses to build an event of a type that has no schema', () => {
    expect(() => buildCloudEvent('valley.enterprise.vanished.v1' as 'valley.enterprise.suspended.v1', suspended().data)).toThrow(/unknown event type/);
  });
});

describe(validateUsageRecord.name, () => {
  const record = { recordId: 'r-1', carrierId: 'cmcc-sx', enterpriseId: randomUUID(), windowStart: '2026-11-30T00:00:00Z', windowEnd: '2026-11-30T00:05:00Z', bytesIn: 1024, bytesOut: '99999999999999999999' };

  it('accepts byte counts as integers or decimal strings', () => {
    expect(validateUsageRecord(record).ok).toBe(true);
  });

  it.each([
    ['negative bytes', { bytesIn: -1 }],
    ['fractional bytes', { bytesIn: 1.5 }],
    ['a non-integer string', { bytesOut: '12e3' }],
    ['a missing record id', { recordId: undefined }],
    ['a bad timestamp', { windowStart: 'yesterday' }],
  ])('refuses %s', (_label, patch) => {
    const result = validateUsageRecord(JSON.parse(JSON.stringify({ ...record, ...patch })));
    expect(result.ok).toBe(false);
  });
});

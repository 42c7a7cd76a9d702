import { randomUUID } from 'node:crypto';
import { parkFigures } from './park-figures';
import type { ParkCloudEvent } from './park-events';
import { ParkView } from './park-view';

const E1 = '11111111-1111-4111-8111-111111111111';
const E2 = '22222222-2222-4222-8222-222222222222';

function event(type: string, data: Record<string, unknown>, id: string = randomUUID()): ParkCloudEvent {
  return { kind: 'cloudevent', id, source: '/valley/test', type: `valley.${type}.v1`, subject: String(data['enterpriseId'] ?? ''), time: '2026-11-30T00:00:00.000Z', data };
}
const approved = (enterpriseId: string, industry: string) => event('enterprise.approved', { enterpriseId, uscc: '91140100MA0L000000', name: `e-${enterpriseId.slice(0, 4)}`, industry, admittedMonth: '2026-09' });
const charge = (enterpriseId: string, month: string, revision: number, chargeFen: string) =>
  event('flow.monthly-charges-computed', { enterpriseId, month, revision, billableBytes: '1000', chargeFen, marketValueFen: chargeFen, savingFen: '0', lines: [], computedAt: '2026-11-01T00:00:00.000Z' });
const report = (kind: 'submitted' | 'amended', enterpriseId: string, month: string, version: number, revenueFen: string) =>
  event(`revenue.report-${kind}`, { reportId: `r-${enterpriseId}-${month}`, enterpriseId, month, version, revenueFen, taxFen: '0', employees: 3, localHires: 1, lines: [] });

describe(ParkView.name, () => {
  let sut: ParkView;
  beforeEach(() => {
    sut = new ParkView();
  });

  it('applies an event once: the same id delivered again, or the whole stream replayed, changes nothing', () => {
    const events = [approved(E1, 'esports'), charge(E1, '2026-10', 1, '12000'), report('submitted', E1, '2026-10', 1, '96000')];
    expect(events.map((e) => sut.apply(e))).toEqual(['applied', 'applied', 'applied']);
    const before = parkFigures(sut);
    expect(events.map((e) => sut.apply(e))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(parkFigures(sut)).toEqual(before);
    expect(sut.counts).toEqual({ applied: 3, duplicates: 3, stale: 0 });
    expect(before.charges.inputFen).toBe('12000');
  });

  it('keeps the highest charge revision whatever order the revisions arrive in', () => {
    sut.apply(charge(E1, '2026-10', 2, '15000'));
    expect(sut.apply(charge(E1, '2026-10', 1, '12000'))).toBe('stale');
    expect(sut.charges.get(`${E1}|2026-10`)).toMatchObject({ revision: 2, chargeFen: 15000n });

    const inOrder = new ParkView();
    inOrder.apply(charge(E1, '2026-10', 1, '12000'));
    inOrder.apply(charge(E1, '2026-10', 2, '15000'));
    expect(parkFigures(inOrder).charges).toEqual(parkFigures(sut).charges);
  });

  it('keeps the latest report version, and knows an amended version is accepted', () => {
    sut.apply(report('submitted', E1, '2026-10', 1, '110000'));
    sut.apply(report('submitted', E1, '2026-10', 2, '100000'));
    expect(sut.reports.get(`${E1}|2026-10`)).toMatchObject({ version: 2, revenueFen: 100000n, status: 'submitted', accepted: null });
    sut.apply(report('amended', E1, '2026-10', 3, '90000'));
    expect(sut.apply(report('submitted', E1, '2026-10', 2, '100000'))).toBe('stale');
    expect(sut.reports.get(`${E1}|2026-10`)).toMatchObject({ version: 3, revenueFen: 90000n, status: 'accepted', accepted: { version: 3, revenueFen: 90000n } });
  });

  it('counts a report once it is accepted, with the version accepted; a return leaves the figures alone', () => {
    const decision = (kind: 'accepted' | 'returned', version: number) => event(`revenue.report-${kind}`, { reportId: `r-${E1}-2026-10`, enterpriseId: E1, month: '2026-10', version });
    sut.apply(charge(E1, '2026-10', 1, '12000'));
    sut.apply(report('submitted', E1, '2026-10', 1, '110000'));
    expect(parkFigures(sut).revenue).toMatchObject({ reports: 1, accepted: 0, pending: 1, revenueFen: '0' });
    expect(sut.apply(decision('returned', 1))).toBe('applied');
    expect(sut.reports.get(`${E1}|2026-10`)).toMatchObject({ status: 'returned', accepted: null });
    sut.apply(report('submitted', E1, '2026-10', 2, '100000'));
    expect(sut.apply(decision('accepted', 2))).toBe('applied');
    expect(sut.apply(decision('accepted', 2))).toBe('stale');
    expect(sut.apply(decision('accepted', 7))).toBe('stale');
    expect(sut.reports.get(`${E1}|2026-10`)).toMatchObject({ status: 'accepted', accepted: { version: 2, revenueFen: 100000n } });
    expect(parkFigures(sut).multiplier).toMatchObject({ revenueFen: '100000', inputFen: '12000', multiplier: '8.33' });
  });

  it('follows the lifecycle in the order of the enterprise\'s partition', () => {
    sut.apply(event('enterprise.application-submitted', { enterpriseId: E1, uscc: '91140100MA0L000000', name: 'a', industry: 'esports' }));
    expect(sut.enterprises.get(E1)?.status).toBe('submitted');
    sut.apply(approved(E1, 'esports'));
    sut.apply(event('enterprise.suspended', { enterpriseId: E1, reason: 'x' }));
    expect(parkFigures(sut).enterprises).toMatchObject({ residents: 1, byStatus: { suspended: 1 } });
    sut.apply(event('enterprise.reinstated', { enterpriseId: E1 }));
    sut.apply(event('enterprise.exited', { enterpriseId: E1, exitDate: '2026-11-30', reason: 'x' }));
    expect(sut.enterprises.get(E1)).toMatchObject({ status: 'exited', industry: 'esports', admittedMonth: '2026-09', exitDate: '2026-11-30' });
    expect(parkFigures(sut).enterprises).toMatchObject({ residents: 0, residentsByIndustry: {} });
  });

  it('tracks an allocation through its changes; a revoked one stays revoked', () => {
    const terms = { allocationId: 'a1', enterpriseId: E1, planId: 'p1', planVersion: 1, poolId: 'pool', bandwidthMbps: 100, monthlyIncludedBytes: '10000000000' };
    sut.apply(event('flow.allocation-activated', terms));
    sut.apply(event('flow.allocation-changed', { ...terms, planId: 'p2', bandwidthMbps: 200, previousPlanId: 'p1', previousPlanVersion: 1 }));
    sut.apply(event('flow.allocation-suspended', { allocationId: 'a1', enterpriseId: E1, reason: 'x' }));
    expect(sut.allocations.get('a1')).toMatchObject({ planId: 'p2', bandwidthMbps: 200, status: 'suspended' });
    sut.apply(event('flow.allocation-activated', { ...terms, planId: 'p2', bandwidthMbps: 200 }));
    expect(parkFigures(sut).allocations).toEqual({ byStatus: { active: 1 }, activeBandwidthMbps: 200 });
    sut.apply(event('flow.allocation-revoked', { allocationId: 'a1', enterpriseId: E1, reason: 'x' }));
    expect(sut.apply(event('flow.allocation-suspended', { allocationId: 'a1', enterpriseId: E1, reason: 'x' }))).toBe('stale');
    expect(sut.allocations.get('a1')?.status).toBe('revoked');
  });

  it('sums money exactly past 2^53 fen and pairs each report with its month\'s charge for the multiplier', () => {
    sut.apply(approved(E1, 'esports'));
    sut.apply(approved(E2, 'live-commerce'));
    sut.apply(charge(E1, '2026-09', 1, '9007199254740993'));
    sut.apply(charge(E1, '2026-10', 1, '100'));
    sut.apply(charge(E2, '2026-10', 1, '7'));
    sut.apply(report('amended', E1, '2026-09', 1, '72057594037927945'));
    // E2 reported a month without a charge: not paired, so not in the multiplier.
    sut.apply(report('amended', E2, '2026-09', 1, '500'));
    const f = parkFigures(sut);
    expect(f.charges.inputFen).toBe('9007199254741100');
    expect(f.revenue.revenueFen).toBe('72057594037928445');
    expect(f.multiplier).toEqual({ revenueFen: '72057594037927945', inputFen: '9007199254740993', enterprises: 1, multiplier: '8.00' });
    expect(parkFigures(sut, new Set([E2])).multiplier).toEqual({ revenueFen: '0', inputFen: '0', enterprises: 0, multiplier: null });
  });

  it('restricts the figures to the enterprises asked for', () => {
    sut.apply(approved(E1, 'esports'));
    sut.apply(approved(E2, 'live-commerce'));
    sut.apply(charge(E2, '2026-10', 1, '7'));
    expect(parkFigures(sut, new Set([E1]))).toMatchObject({ enterprises: { total: 1, residentsByIndustry: { esports: 1 } }, charges: { enterpriseMonths: 0, inputFen: '0' } });
  });
});

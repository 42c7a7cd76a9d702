import { priceBytes as billed } from '../../provisioning/src/provisioning/domain/charge';
import { multiplierText } from '../../revenue/src/revenue/domain/multiplier';
import { buildParkModel, lastDayOf, pastMonths, PUBLISHED, SIM_PLANS, type ParkModel } from './park-model';
import { Random } from './random';
import { priceBytes, ratio } from './reconciliation';

const options = (seed: string, enterprises = 40, months = 6) => ({ enterprises, months: pastMonths(months, '2026-12'), seed, liveShare: 0.05, recordsPerMonth: 3 });

/** Every enterprise-month's draw, as plain data (bigints as strings) to compare. */
function snapshot(model: ParkModel): unknown {
  return model.enterprises.map((e) => ({
    e: { ...e },
    months: model.options.months.map((_, m) => (model.activeIn(e, m) ? JSON.parse(JSON.stringify(model.monthOf(e, m), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) : null)),
  }));
}

describe('the simulator\'s model', () => {
  it('draws the same sequence from the same seed, and independent streams from forks', () => {
    const a = new Random('seed-1');
    const b = new Random('seed-1');
    const drawsA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(drawsA);
    expect(Array.from({ length: 50 }, () => new Random('seed-2').next())).not.toEqual(drawsA);
    const parent = new Random('seed-1');
    const fork = parent.fork('usage');
    expect(fork.next()).not.toBe(new Random('seed-1').fork('reports').next());
    expect(drawsA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('builds the same park from the same seed, and another from another', () => {
    expect(snapshot(buildParkModel(options('demo')))).toEqual(snapshot(buildParkModel(options('demo'))));
    expect(snapshot(buildParkModel(options('demo')))).not.toEqual(snapshot(buildParkModel(options('other'))));
  });

  it('bills as provisioning bills and rounds the multiplier as revenue shows it (its truth is computed independently)', () => {
    const r = new Random('money');
    for (let i = 0; i < 2000; i++) {
      const bytes = BigInt(r.int(0, 2 ** 31)) * BigInt(r.int(1, 2 ** 20));
      const fenPerGb = BigInt(r.int(0, 100_000));
      expect(priceBytes(bytes, fenPerGb)).toBe(billed(bytes, fenPerGb));
      const revenue = BigInt(r.int(0, 2 ** 31)) * BigInt(r.int(1, 4096));
      const input = BigInt(r.int(0, 2 ** 31));
      expect(ratio(revenue, input)).toBe(multiplierText({ revenueFen: revenue, inputFen: input }));
    }
    expect(priceBytes(1_500_000_000n, 1n)).toBe(2n);
    expect(priceBytes(1_499_999_999n, 1n)).toBe(1n);
  });

  it('counts months back from the current one across a year, and knows February', () => {
    expect(pastMonths(3, '2026-02')).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(pastMonths(1, '2026-01')).toEqual(['2025-12']);
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
  });

  it('lands the default three years near the park\'s published figures (input ≈ 4.3 bn yuan, revenue ≈ 35.2 bn, ≈ 8)', () => {
    const model = buildParkModel({ ...options('1', 600, 36), recordsPerMonth: 1 });
    let input = 0n;
    let revenue = 0n;
    for (const e of model.enterprises) {
      const price = BigInt(SIM_PLANS[e.tier]!.terms.parkPriceFenPerGb);
      for (let m = 0; m < model.options.months.length; m++) {
        if (!model.activeIn(e, m)) continue;
        const month = model.monthOf(e, m);
        if (month.report === 'missing') continue;
        input += priceBytes(month.records.reduce((sum, x) => sum + x.bytes, 0n), price);
        revenue += month.amendedRevenueFen ?? month.revenueFen;
      }
    }
    expect(Number(input) / Number(PUBLISHED.inputFen)).toBeGreaterThan(0.9);
    expect(Number(input) / Number(PUBLISHED.inputFen)).toBeLessThan(1.1);
    expect(Number(revenue) / Number(PUBLISHED.revenueFen)).toBeGreaterThan(0.9);
    expect(Number(revenue) / Number(PUBLISHED.revenueFen)).toBeLessThan(1.1);
    expect(Number(revenue) / Number(input)).toBeGreaterThan(7.5);
    expect(Number(revenue) / Number(input)).toBeLessThan(9);
  });
});

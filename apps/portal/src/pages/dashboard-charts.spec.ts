import { axisYuan } from './dashboard-charts';

describe('axisYuan', () => {
  it('labels chart axes in 亿/万 (Chinese) and bn/m/k (English)', () => {
    expect([350_000_000, 150_000_000, 50_000, 900].map(axisYuan('zh'))).toEqual(['3.5亿', '1.5亿', '5万', '900']);
    expect([3_500_000_000, 150_000_000, 50_000, 900].map(axisYuan('en'))).toEqual(['3.5bn', '150m', '50k', '900']);
  });
});

import type { ChartOption } from '../components/echart';
import { fenToChartYuan, type Locale } from '../format/money.format';
import type { Translate } from '../i18n/translate';

// The park's palette: deep blue for revenue, teal for input, amber for the multiplier.
const COLORS = ['#1d4ed8', '#0d9488', '#f59e0b', '#7c3aed', '#db2777', '#65a30d', '#0891b2', '#ea580c'];

/** An axis label in the units people read (3亿, 5000万; 1.2bn, 35m): display only, so floats are fine here. */
export function axisYuan(locale: Locale): (value: number) => string {
  const units = locale === 'zh' ? [[1e8, '亿'], [1e4, '万']] as const : [[1e9, 'bn'], [1e6, 'm'], [1e3, 'k']] as const;
  return (value) => {
    const unit = units.find(([size]) => Math.abs(value) >= size);
    return unit ? `${Number((value / unit[0]).toFixed(2))}${unit[1]}` : String(value);
  };
}

export function monthlyChart(rows: Array<{ month: string; revenueFen: string; inputFen: string; multiplier: string | null }>, t: Translate, locale: Locale): ChartOption {
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 30, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    // The legend names the series: axis names would sit under it.
    yAxis: [{ type: 'value', axisLabel: { formatter: axisYuan(locale) } }, { type: 'value', splitLine: { show: false } }],
    series: [
      { name: t('dashboard.seriesRevenue'), type: 'bar', data: rows.map((r) => fenToChartYuan(r.revenueFen)) },
      { name: t('dashboard.seriesInput'), type: 'bar', data: rows.map((r) => fenToChartYuan(r.inputFen)) },
      { name: t('dashboard.seriesMultiplier'), type: 'line', yAxisIndex: 1, smooth: true, data: rows.map((r) => (r.multiplier === null ? null : Number(r.multiplier))) },
    ],
  };
}

export function industryRevenueChart(rows: Array<{ key: string; revenueFen: string; inputFen: string }>, label: (industry: string) => string, locale: Locale): ChartOption {
  const sorted = [...rows].sort((a, b) => (BigInt(b.revenueFen) > BigInt(a.revenueFen) ? 1 : -1));
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    grid: { left: 100, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value', axisLabel: { formatter: axisYuan(locale) } },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => label(r.key)) },
    series: [{ type: 'bar', data: sorted.map((r) => fenToChartYuan(r.revenueFen)) }],
  };
}

export function poolChart(rows: Array<{ name: string; utilisationPercent: number }>, t: Translate): ChartOption {
  return {
    color: [COLORS[1]!],
    tooltip: { trigger: 'axis' },
    grid: { left: 100, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', max: 100, name: '%' },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [{ name: t('dashboard.utilisation'), type: 'bar', data: rows.map((r) => r.utilisationPercent), label: { show: true, position: 'right', formatter: '{c}%' } }],
  };
}

export function residentsPie(rows: Array<{ industry: string; count: number }>, label: (industry: string) => string): ChartOption {
  return {
    color: COLORS,
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['40%', '70%'], data: rows.map((r) => ({ name: label(r.industry), value: r.count })) }],
  };
}

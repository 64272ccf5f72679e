import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDeltaPct,
  formatMetric,
  formatMs,
  formatPercent,
  formatQuantity,
  formatRate,
  formatRatio,
  formatUsd,
} from './format.ts';

describe('number formatting', () => {
  it('prints ms with 0 decimals from 100 ms and 1 decimal below', () => {
    expect([formatMs(1234.56), formatMs(100), formatMs(45.67), formatMs(0.34), formatMs(undefined)]).toEqual([
      '1235',
      '100',
      '45.7',
      '0.3',
      '–',
    ]);
    expect(formatMs(0)).toBe('0');
  });

  it('prints percentages with 2 decimals below 10% and 1 above', () => {
    expect([
      formatPercent(0.06),
      formatPercent(0.005),
      formatPercent(0.38),
      formatPercent(Number.NaN),
    ]).toEqual(['6.00%', '0.50%', '38.0%', '–']);
  });

  it('prints USD with 4 significant digits and no exponent', () => {
    expect([
      formatUsd(0.82908),
      formatUsd(1.90068),
      formatUsd(12345.6),
      formatUsd(0.000012346),
      formatUsd(0),
    ]).toEqual(['$0.8291', '$1.901', '$12346', '$0.00001235', '$0']);
  });

  it('prints rates, counts, ratios and signed deltas', () => {
    expect([
      formatRate(470),
      formatRate(45.06),
      formatCount(17),
      formatRatio(0.6789),
      formatRatio(Infinity),
    ]).toEqual(['470', '45.1', '17', '0.68×', '–']);
    expect([
      formatDeltaPct(12.34),
      formatDeltaPct(-4.5),
      formatDeltaPct(0),
      formatDeltaPct(Infinity),
    ]).toEqual(['+12.3%', '-4.50%', '0%', '+∞%']);
  });

  it('prints configured quantities without trailing zeros', () => {
    expect([formatQuantity(50), formatQuantity(50 / 60), formatQuantity(30000)]).toEqual([
      '50',
      '0.8333',
      '30000',
    ]);
  });

  it('picks the format from the metric path', () => {
    expect(formatMetric('latencyMs.p99', 933)).toBe('933 ms');
    expect(formatMetric('errorRate', 0.06)).toBe('6.00%');
    expect(formatMetric('throughput.requestsPerMin', 470)).toBe('470/min');
    expect(formatMetric('costUsd', 0.82908)).toBe('$0.8291');
    expect(formatMetric('latencyMs.p99', null)).toBe('–');
  });
});

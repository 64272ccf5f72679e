import { describe, expect, it } from 'vitest';
import {
  formatApprox,
  formatCount,
  formatDeltaPct,
  formatDuration,
  formatGiB,
  formatMetric,
  formatMs,
  formatPercent,
  formatPValue,
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

  it('prints durations for people: 1200000 ms is 20 min, 1500 ms is 1.5 s', () => {
    expect(
      [0, 0.34, 45.67, 250, 999.7, 1234, 1500, 42_000, 59_960, 128_400, 1_200_000, 3_725_000].map((ms) =>
        formatDuration(ms),
      ),
    ).toEqual([
      '0 s',
      '0.3 ms',
      '45.7 ms',
      '250 ms',
      '1 s',
      '1.2 s',
      '1.5 s',
      '42 s',
      '1 min',
      '2 min 8 s',
      '20 min',
      '1 h 2 min 5 s',
    ]);
    expect(formatDuration(undefined)).toBe('–');
  });

  it('rounds durations down when asked, so progress never shows the end early', () => {
    const down = (ms: number): string => formatDuration(ms, { round: 'down' });
    expect([0, 250, 42_000, 59_960, 60_000, 128_999, 3_600_000, 3_725_000].map(down)).toEqual([
      '0 s',
      '0.2 s',
      '42 s',
      '59.9 s',
      '1 min',
      '2 min 8 s',
      '1 h',
      '1 h 2 min 5 s',
    ]);
  });

  it('prints estimates to 3 significant digits with thousands separators', () => {
    expect([104.3, 6480, 30_000, 33_772.4, 0.33333, undefined].map(formatApprox)).toEqual([
      '104',
      '6,480',
      '30,000',
      '33,800',
      '0.333',
      '–',
    ]);
  });

  it('writes durations compactly for the progress bar', () => {
    const compact = (ms: number): string => formatDuration(ms, { round: 'down', compact: true });
    expect([0, 42_000, 59_960, 128_999, 3_725_000].map(compact)).toEqual([
      '0s',
      '42s',
      '59.9s',
      '2m 8s',
      '1h 2m 5s',
    ]);
    expect(formatDuration(250, { compact: true })).toBe('250ms');
  });

  it('prints p-values and memory', () => {
    expect([formatPValue(0.012345), formatPValue(0.00001), formatPValue(undefined)]).toEqual([
      '0.0123',
      '<0.0001',
      '–',
    ]);
    expect(formatGiB(16 * 1024 ** 3)).toBe('16.0 GiB');
  });
});

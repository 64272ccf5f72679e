import { describe, expect, it } from 'vitest';
import type { ProgressSnapshot } from './ProgressTracker.ts';
import { progressBarLine, progressLogLine } from './progressLine.ts';

const REALTIME: ProgressSnapshot = {
  mode: 'realtime',
  run: 3,
  runs: 16,
  strategy: 'direct',
  cellId: 'rate=40/s',
  done: 840,
  failed: 10,
  total: 2000,
  clockMs: 12_300,
  warmingUp: false,
  elapsedMs: 12_500,
  fraction: 0.42,
  etaMs: 16_985,
  ratePerSec: 70.2,
  errorRate: 10 / 840,
};

const { total: _total, ...NO_TOTAL } = REALTIME;
const SIMULATED_DURATION: ProgressSnapshot = {
  ...NO_TOTAL,
  mode: 'simulated',
  cellId: 'concurrency=5,maxTokens=256',
  durationMs: 600_000,
  clockMs: 128_400,
  elapsedMs: 1234,
  fraction: 0.214,
  etaMs: 4532,
};

describe('progressBarLine', () => {
  it('draws a bar, the run, and elapsed, ETA, current rate and error rate, within the width', () => {
    expect(progressBarLine(REALTIME, 100)).toBe(
      '███████░░░░░░░░░░░░ 42% run 3/16 direct [rate=40/s] 840/2000 | 12.5s, ETA 16.9s | 70.2/s, 1.19% err',
    );
    // 80 columns: no room for a bar beside the figures; the percentage stays.
    const line = progressBarLine(REALTIME, 80);
    expect(line).toBe('42% run 3/16 direct [rate=40/s] 840/2000 | 12.5s, ETA 16.9s | 70.2/s, 1.19% err');
    expect(line.length).toBeLessThanOrEqual(79);
  });

  it('shows a simulated run its simulated clock, and drops the bar, then shortens the name, when narrow', () => {
    expect(progressBarLine(SIMULATED_DURATION, 120)).toBe(
      '██░░░░░░░░ 21% run 3/16 direct [concurrency=5,maxTokens=256] 840 req |  1.2s (sim 2m 8s), ETA  4.5s | 70.2/s, 1.19% err',
    );
    expect(progressBarLine(SIMULATED_DURATION, 80)).toBe(
      '21% run 3/16 direct… 840 req |  1.2s (sim 2m 8s), ETA  4.5s | 70.2/s, 1.19% err',
    );
  });

  it('says warm-up while nothing is measured yet', () => {
    const warmup = { ...REALTIME, warmingUp: true, done: 0, failed: 0, fraction: 0, etaMs: undefined };
    expect(progressBarLine({ ...warmup, ratePerSec: undefined, errorRate: undefined }, 100)).toBe(
      '░░░░░░░░░░░░░░░░░░░░ 0% run 3/16 direct [rate=40/s] 0/2000 | 12.5s, warm-up   |    –/s,     – err',
    );
  });
});

describe('progressLogLine', () => {
  it('writes a plain line: the run, how far, elapsed, ETA, rate and errors', () => {
    expect(progressLogLine(REALTIME)).toBe(
      'progress: run 3/16 direct [rate=40/s] 840/2000 (42%); 12.5 s elapsed, ETA 16.9 s, 70.2/s, 1.19% errors',
    );
  });

  it('gives a simulated duration its simulated clock through the duration', () => {
    expect(progressLogLine(SIMULATED_DURATION)).toBe(
      'progress: run 3/16 direct [concurrency=5,maxTokens=256] 2 min 8 s of 10 min, 840 requests (21%); 1.2 s elapsed, ETA 4.5 s, 70.2/s, 1.19% errors',
    );
    expect(progressLogLine({ ...REALTIME, mode: 'simulated', clockMs: 76_000 })).toBe(
      'progress: run 3/16 direct [rate=40/s] 840/2000 (42%); 12.5 s elapsed, simulated 1 min 16 s, ETA 16.9 s, 70.2/s, 1.19% errors',
    );
  });
});

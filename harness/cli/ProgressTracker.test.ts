import { describe, expect, it } from 'vitest';
import { LiveRun, type RunSnapshot } from '../runner/LiveRun.ts';
import { ProgressTracker } from './ProgressTracker.ts';

/** A tracker on a fake wall clock, following one run whose counters the test sets. */
function track(mode: 'simulated' | 'realtime', workload: { total: number } | { durationMs: number }) {
  let wallMs = 1000;
  const counters: RunSnapshot = { done: 0, failed: 0, clockMs: 0, warmingUp: false };
  const live = new LiveRun();
  live.attach(() => ({ ...counters }));
  const tracker = new ProgressTracker(() => wallMs);
  tracker.on({ type: 'scenario-start', cells: 1, strategies: 2, runs: 2, mode });
  tracker.on({ type: 'run-start', run: 1, strategy: 'retry', cellId: 'default', live, ...workload });
  const at = (ms: number, set: Partial<RunSnapshot>) => {
    wallMs = 1000 + ms;
    Object.assign(counters, set);
    return tracker.snapshot();
  };
  return { tracker, at };
}

describe('ProgressTracker', () => {
  it('extrapolates a realtime request count from the measured clock, rates over the last 5 s', () => {
    const { at } = track('realtime', { total: 400 });
    expect(at(0, {})).toEqual({
      mode: 'realtime',
      run: 2,
      runs: 2,
      strategy: 'retry',
      cellId: 'default',
      done: 0,
      failed: 0,
      total: 400,
      clockMs: 0,
      warmingUp: false,
      elapsedMs: 0,
      fraction: 0,
      etaMs: undefined,
      ratePerSec: undefined,
      errorRate: undefined,
    });
    // 40/s for 4 s, 2 failed: ETA is the 6 s the other 240 requests take at that pace.
    expect(at(4000, { done: 160, failed: 2, clockMs: 4000 })).toMatchObject({
      fraction: 0.4,
      etaMs: 6000,
      ratePerSec: 40,
      errorRate: 2 / 160,
    });
    // Then nothing finishes for 6 s: the rate over the last 5 s drops to 0, elapsed still moves.
    expect(at(10_000, { clockMs: 10_000 })).toMatchObject({ elapsedMs: 10_000, ratePerSec: 0 });
  });

  it('extrapolates a simulated run from wall time and keeps its simulated clock', () => {
    const { at } = track('simulated', { durationMs: 600_000 });
    expect(at(500, { done: 300, clockMs: 150_000 })).toMatchObject({
      clockMs: 150_000,
      elapsedMs: 500,
      fraction: 0.25,
      etaMs: 1500,
      ratePerSec: 2,
      durationMs: 600_000,
    });
  });

  it('has no ETA during warm-up, and a finished run has none left', () => {
    const { at } = track('realtime', { total: 10 });
    expect(at(1000, { warmingUp: true })).toMatchObject({ warmingUp: true, etaMs: undefined });
    expect(at(3000, { warmingUp: false, done: 10, clockMs: 2000 })).toMatchObject({ fraction: 1, etaMs: 0 });
  });

  it('has nothing to show between runs', () => {
    const { tracker } = track('realtime', { total: 10 });
    expect(tracker.running).toBe(true);
    tracker.on({ type: 'scenario-end', partial: false });
    expect(tracker.snapshot()).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Schedule } from '../results/ResultsFile.ts';
import { summarize } from '../stats/summarize.ts';
import { DEFAULT_VALIDITY, judgeValidity, type ValidityInput } from './judgeValidity.ts';

/** `n` copies of `ms`. */
const times = (n: number, ms: number): number[] => Array.from({ length: n }, () => ms);

/** A realtime run's metrics with these start lags and rates, every request answered. */
function run(lagsMs: number[], schedule: Partial<Schedule> = {}, mode: ValidityInput['mode'] = 'realtime') {
  const total = lagsMs.length;
  return {
    mode,
    metrics: {
      requests: { total, ok: total, failed: 0, byOutcome: {} },
      schedule: {
        loop: 'open',
        targetRatePerSec: 40,
        drawnRatePerSec: 38.36,
        achievedRatePerSec: 38.36,
        dispatchLagMs: summarize(lagsMs),
        lateStarts: lagsMs.filter((l) => l > 1).length,
        ...schedule,
      } as Schedule,
    },
  } satisfies ValidityInput;
}

describe('judgeValidity', () => {
  it('defaults to start-lag p99 ≤ 10 ms and an offered rate within 2% of the drawn one', () => {
    expect(DEFAULT_VALIDITY).toEqual({ startLagP99Ms: 10, offeredRateTolerance: 0.02 });
  });

  it('accepts a run whose every start is 2 ms late (the old rule: invalid when over 1% start 1 ms late)', () => {
    expect(judgeValidity(run(times(400, 2)))).toEqual([]);
  });

  it('accepts one outlier in a hundred and rejects two: p99 is the 99th of 100 sorted lags', () => {
    expect(judgeValidity(run([...times(99, 0.1), 50]))).toEqual([]);
    expect(judgeValidity(run([...times(98, 0.1), 50, 60]))).toEqual([
      'the load generator fell behind its schedule: start lag p99 50.0 ms is above the limit of 10.0 ms (p50 0.1 ms, max 60.0 ms)',
    ]);
  });

  it('accepts a p99 exactly at the limit', () => {
    expect(judgeValidity(run([...times(98, 0.1), 10, 10]))).toEqual([]);
  });

  it('compares the offered rate with the drawn schedule, not the nominal rate', () => {
    // A Poisson draw of 40/s that came out at 38.36/s, offered exactly: valid although 4% under 40/s.
    expect(judgeValidity(run(times(400, 0.2)))).toEqual([]);
    // 37.5/s offered against 38.5/s drawn is 2.60% off.
    expect(judgeValidity(run(times(400, 0.2), { drawnRatePerSec: 38.5, achievedRatePerSec: 37.5 }))).toEqual([
      'the load generator did not offer its schedule: 37.5/s offered against 38.5/s drawn, 2.60% off (limit 2.00%)',
    ]);
    // 1.9% off either way is within the tolerance.
    expect(judgeValidity(run(times(400, 0.2), { drawnRatePerSec: 100, achievedRatePerSec: 98.1 }))).toEqual(
      [],
    );
    expect(judgeValidity(run(times(400, 0.2), { drawnRatePerSec: 100, achievedRatePerSec: 101.9 }))).toEqual(
      [],
    );
  });

  it('compares with the release times when maxConcurrency held requests back', () => {
    const held = { drawnRatePerSec: 40, readyRatePerSec: 20, heldStarts: 150, achievedRatePerSec: 20.1 };
    expect(judgeValidity(run(times(400, 0.2), held))).toEqual([]);
  });

  it('judges a closed loop on the lag of its own timers only: it has no drawn rate', () => {
    const closed = { loop: 'closed', achievedRatePerSec: 3 } as Partial<Schedule>;
    expect(judgeValidity(run(times(300, 0.3), closed))).toEqual([]);
    expect(judgeValidity(run(times(300, 12), closed))).toEqual([
      'the load generator fell behind its schedule: start lag p99 12.0 ms is above the limit of 10.0 ms (p50 12.0 ms, max 12.0 ms)',
    ]);
  });

  it('applies the scenario’s own limits', () => {
    const lagging = run(times(400, 12), { drawnRatePerSec: 100, achievedRatePerSec: 96 });
    expect(judgeValidity(lagging, { startLagP99Ms: 25, offeredRateTolerance: 0.05 })).toEqual([]);
    expect(judgeValidity(lagging, { startLagP99Ms: 5, offeredRateTolerance: 0.01 })).toEqual([
      'the load generator fell behind its schedule: start lag p99 12.0 ms is above the limit of 5.0 ms (p50 12.0 ms, max 12.0 ms)',
      'the load generator did not offer its schedule: 96.0/s offered against 100/s drawn, 4.00% off (limit 1.00%)',
    ]);
  });

  it('does not judge the lag of simulated runs: the virtual clock keeps every schedule', () => {
    expect(judgeValidity(run(times(10, 50), {}, 'simulated'))).toEqual([]);
  });

  it('calls a run that measured nothing invalid in either mode', () => {
    const none = { requests: { total: 0, ok: 0, failed: 0, byOutcome: {} } };
    expect(judgeValidity({ mode: 'simulated', metrics: none })).toEqual([
      'nothing measured: no request was measured',
    ]);
    const refused = { requests: { total: 5, ok: 0, failed: 5, byOutcome: { 'connection-error': 5 } } };
    expect(judgeValidity({ mode: 'realtime', metrics: refused })).toEqual([
      'nothing measured: all 5 requests failed to connect (is anything listening on the target?)',
    ]);
    // Answers, even errors, are measurements: a 429 storm is what some drills measure.
    const limited = { requests: { total: 5, ok: 0, failed: 5, byOutcome: { 'rate-limited': 5 } } };
    expect(judgeValidity({ mode: 'realtime', metrics: limited })).toEqual([]);
  });
});

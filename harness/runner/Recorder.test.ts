import { describe, expect, it } from 'vitest';
import { summarize } from '../stats/summarize.ts';
import { newTrace } from '../strategies/Policy.ts';
import type { Outcome } from '../transport/Transport.ts';
import type { BilledTokens } from './cost.ts';
import { Recorder } from './Recorder.ts';

const ok = (outputTokens: number, firstTokenAtMs?: number): Outcome => {
  const o: Outcome = {
    kind: 'ok',
    text: '',
    stopReason: 'end_turn',
    usage: { inputTokens: 10, outputTokens },
  };
  if (firstTokenAtMs !== undefined) o.firstTokenAtMs = firstTokenAtMs;
  return o;
};
const upstream = {
  calls: 4,
  byStatus: { '200': 3, '429': 1 },
  retries: 1,
  inputTokens: 1000,
  outputTokens: 2000,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
};
const cost = (t: BilledTokens): number => (t.inputTokens * 3 + t.outputTokens * 15) / 1e6;

describe('Recorder', () => {
  it('measures latency from the intended start and throughput over the whole window', () => {
    const r = new Recorder();
    r.record(0, 0, 400, ok(100), newTrace());
    r.record(100, 300, 900, ok(100), newTrace());
    r.record(200, 200, 1000, { kind: 'rate-limited', status: 429, message: 'x' }, newTrace());
    const m = r.finish({ upstream, cost });
    expect(m.requests).toEqual({ total: 3, ok: 2, failed: 1, byOutcome: { 'rate-limited': 1 } });
    expect(m.latencyMs).toMatchObject({ count: 2, mean: 600, p50: 400, p99: 800, max: 800 });
    expect(m.windowMs).toBe(1000);
    expect(m.throughput).toEqual({ requestsPerSec: 2, requestsPerMin: 120, outputTokensPerSec: 200 });
    expect(m.errorRate).toBeCloseTo(1 / 3, 12);
    expect(m.costUsd).toBeCloseTo(0.033, 12);
    expect(m.upstream).toEqual({ calls: 4, byStatus: { '200': 3, '429': 1 } });
    expect(m.retries).toBe(1);
  });

  it('derives TTFT and per-request inter-token latency for streams', () => {
    const r = new Recorder();
    r.record(0, 0, 1000, ok(11, 500), newTrace());
    const m = r.finish({ upstream, cost });
    expect(m.ttftMs?.mean).toBe(500);
    expect(m.itlMs?.mean).toBe(50);
  });

  it('counts cache hits, batch shares and goodput under SLOs', () => {
    const r = new Recorder(0, { latencyMs: 500 });
    const hit = { ...newTrace(), cacheHit: true };
    const b = { ...newTrace(), batchSize: 2 };
    r.record(0, 0, 100, ok(5), hit);
    r.record(0, 0, 600, ok(5), b);
    r.record(0, 0, 600, ok(5), { ...b, batchFallback: true });
    const m = r.finish({ upstream, cost });
    expect(m.cache).toEqual({ hits: 1, hitRate: 1 / 3 });
    expect(m.batch).toEqual({ batches: 1, meanSize: 2, splitFailures: 1 });
    expect(m.goodput?.ratio).toBeCloseTo(1 / 3, 12);
    // One good request in a 600 ms window: 100 a minute.
    expect(m.goodput?.requests).toBe(1);
    expect(m.goodput?.requestsPerMin).toBeCloseTo(100, 9);
  });

  it('reports how well an open-loop generator kept its schedule', () => {
    const r = new Recorder(0);
    r.record(0, 0, 10, ok(1), newTrace());
    r.record(100, 100, 110, ok(1), newTrace());
    r.record(200, 250, 260, ok(1), newTrace());
    const m = r.finish({ upstream, cost, schedule: { loop: 'open', targetRatePerSec: 10 } });
    expect(m.schedule?.lateStarts).toBe(1);
    expect(m.schedule?.dispatchLagMs.max).toBe(50);
    expect(m.schedule?.achievedRatePerSec).toBe(8);
  });

  it('measures start lag from the drawn time and sets the offered rate beside the drawn schedule’s', () => {
    const r = new Recorder(1);
    // Drawn at 0, 30, 55, 100 ms (a Poisson draw: 30/s, whatever the nominal 40/s); sent a little late.
    const sends = [
      [0, 0.5],
      [30, 31],
      [55, 55.25],
      [100, 100.5],
    ] as const;
    for (const [drawn, sent] of sends) r.record(drawn, sent, sent + 10, ok(1), newTrace());
    const m = r.finish({ upstream, cost, schedule: { loop: 'open', targetRatePerSec: 40 } });
    expect(m.schedule).toEqual({
      loop: 'open',
      targetRatePerSec: 40,
      drawnRatePerSec: 30,
      achievedRatePerSec: 30,
      dispatchLagMs: summarize([0.5, 1, 0.25, 0.5]),
      lateStarts: 0,
    });
  });

  it('measures the lag of a request held by a concurrency cap from its release, and counts it held', () => {
    const r = new Recorder(1);
    r.record(0, 0, 500, ok(1), newTrace());
    r.record(100, 502, 510, ok(1), newTrace(), 500);
    r.record(200, 510, 520, ok(1), newTrace(), 510);
    const m = r.finish({ upstream, cost, schedule: { loop: 'open', targetRatePerSec: 10 } });
    expect(m.schedule).toMatchObject({
      drawnRatePerSec: 10,
      readyRatePerSec: 2000 / 510,
      heldStarts: 2,
      achievedRatePerSec: 2000 / 510,
      lateStarts: 1,
    });
    expect(m.schedule?.dispatchLagMs.max).toBe(2);
  });

  it('reports a closed loop’s schedule without a rate of its own, and no latency when nothing succeeded', () => {
    const r = new Recorder(1);
    r.record(0, 0, 10, { kind: 'connection-error', message: 'ECONNREFUSED' }, newTrace());
    r.record(10, 13, 20, { kind: 'connection-error', message: 'ECONNREFUSED' }, newTrace());
    const m = r.finish({ upstream, cost, schedule: { loop: 'closed' } });
    expect(m.schedule).toEqual({
      loop: 'closed',
      achievedRatePerSec: 1000 / 13,
      dispatchLagMs: summarize([0, 3]),
      lateStarts: 1,
    });
    expect(m.latencyMs).toBeUndefined();
    expect(m.requests).toEqual({ total: 2, ok: 0, failed: 2, byOutcome: { 'connection-error': 2 } });
  });
});

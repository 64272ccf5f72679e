import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult, TimeSeries, TimeSeriesWindow } from '../results/ResultsFile.ts';
import { runScenario } from '../runner/runScenario.ts';
import { loadScenario } from '../scenario/loadScenario.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { mergeRuns } from '../stats/mergeResults.ts';
import { percentileSorted } from '../stats/summarize.ts';
import { TimeSeriesRecorder } from './TimeSeriesRecorder.ts';
import {
  alignWindows,
  coarsen,
  emptyWindow,
  MAX_WINDOWS,
  mergeTimeSeries,
  readableWindowMs,
} from './windows.ts';

const fixedDate = (): Date => new Date('2026-01-01T00:00:00Z');

type Counter = Exclude<keyof TimeSeriesWindow, 'latencyP50Ms' | 'latencyP99Ms' | 'inFlight'>;
const total = (series: TimeSeries, key: Counter): number => series.windows.reduce((a, w) => a + w[key], 0);
/** `index:count` of the windows where `key` is above 0. */
const nonZero = (series: TimeSeries, key: Counter): string[] =>
  series.windows.flatMap((w, i) => (w[key] > 0 ? [`${i}:${w[key]}`] : []));

describe('time series of drill-429-storm (429s from 30 s to 70 s)', async () => {
  const results = await runScenario(await loadScenario('scenarios/drill-429-storm.yaml'), {
    wallClock: fixedDate,
  });
  const run = (name: string): RunResult => results.runs.find((r) => r.strategy === name) as RunResult;

  it('sizes the windows to the run: 2 s, 62 of them (≤ 120 of a readable length)', () => {
    for (const r of results.runs) {
      expect(r.timeSeries?.windowMs).toBe(2000);
      expect(r.timeSeries?.windows).toHaveLength(62);
      expect(r.timeSeries?.upstream).toBe('calls');
    }
  });

  it('puts every 429 in the windows of the storm (windows 15 to 34 = 30 s to 70 s), exact counts', () => {
    const direct = run('direct').timeSeries as TimeSeries;
    expect(nonZero(direct, 'http429')).toEqual([
      '15:3',
      '17:6',
      '18:3',
      '19:2',
      '20:4',
      '21:3',
      '22:3',
      '23:6',
      '24:4',
      '26:1',
      '27:3',
      '28:3',
      '30:5',
      '31:3',
      '32:2',
      '33:1',
      '34:1',
    ]);
    // Ignoring retry-after sends three calls per request into the storm; none lands outside it.
    const ignores = run('ignores-retry-after').timeSeries as TimeSeries;
    expect(nonZero(ignores, 'http429')).toEqual([
      '15:6',
      '16:3',
      '17:15',
      '18:9',
      '19:7',
      '20:14',
      '21:8',
      '22:8',
      '23:16',
      '24:15',
      '25:1',
      '26:3',
      '27:9',
      '28:9',
      '30:12',
      '31:10',
      '32:6',
      '33:4',
      '34:4',
    ]);
    expect(
      nonZero(ignores, 'retries').every((e) => {
        const i = Number(e.split(':')[0]);
        return i >= 15 && i <= 35;
      }),
    ).toBe(true);
    // The retry that honours retry-after waits out the storm: its retries, counted when they end
    // (a call's latency after it is sent at 70 s), all land just after it.
    expect(nonZero(run('retry').timeSeries as TimeSeries, 'retries')).toEqual(['36:13', '37:38', '38:2']);
  });

  it('adds up to the run’s metrics, window by window', () => {
    for (const r of results.runs) {
      const s = r.timeSeries as TimeSeries;
      const m = r.metrics;
      expect(total(s, 'started')).toBe(m.requests.total);
      expect(total(s, 'completed')).toBe(m.requests.total);
      expect(total(s, 'ok')).toBe(m.requests.ok);
      expect(total(s, 'failed')).toBe(m.requests.failed);
      expect(total(s, 'calls')).toBe(m.upstream.calls);
      expect(total(s, 'http429')).toBe(m.upstream.byStatus['429'] ?? 0);
      expect(total(s, 'retries')).toBe(m.retries);
      expect(total(s, 'cacheHits')).toBe(m.cache.hits);
      expect(total(s, 'inputTokens')).toBe(m.tokens.input);
      expect(total(s, 'outputTokens')).toBe(m.tokens.output);
      // Each window's percentiles are those of its own slice of the samples.
      let at = 0;
      for (const w of s.windows) {
        const slice = Float64Array.from(r.samples.latencyMs.slice(at, at + w.ok)).sort();
        at += w.ok;
        expect(w.latencyP50Ms).toBe(w.ok === 0 ? null : percentileSorted(slice, 50));
        expect(w.latencyP99Ms).toBe(w.ok === 0 ? null : percentileSorted(slice, 99));
      }
    }
  });

  it('merges shards (bench merge) keeping every total and exact window percentiles', () => {
    const a = run('direct');
    const merged = mergeRuns([
      { file: 'a.json', run: a },
      { file: 'b.json', run: a },
    ]);
    const s = merged.timeSeries as TimeSeries;
    const one = a.timeSeries as TimeSeries;
    expect(s.windowMs).toBe(2000);
    for (const key of ['started', 'ok', 'calls', 'http429', 'inputTokens'] as const) {
      expect(total(s, key)).toBe(2 * total(one, key));
    }
    expect(merged.samples.latencyMs).toHaveLength(2 * a.samples.latencyMs.length);
    // Twice the same samples: the same percentiles, window by window; peaks in flight add up.
    expect(s.windows.map((w) => w.latencyP99Ms)).toEqual(one.windows.map((w) => w.latencyP99Ms));
    expect(s.windows.map((w) => w.inFlight)).toEqual(one.windows.map((w) => 2 * w.inFlight));
    // And the merged file merges again.
    const again = mergeRuns([
      { file: 'm.json', run: merged },
      { file: 'a.json', run: a },
    ]);
    expect(total(again.timeSeries as TimeSeries, 'http429')).toBe(3 * total(one, 'http429'));
    expect(again.timeSeries?.windows.map((w) => w.latencyP50Ms)).toEqual(
      one.windows.map((w) => w.latencyP50Ms),
    );
  });
});

describe('TimeSeriesRecorder', () => {
  it('counts in flight as the peak of each window, carried into windows with no event', () => {
    const r = new TimeSeriesRecorder({ mode: 'realtime', upstream: 'calls', windowMs: 1000 });
    r.started(0); // before begin: not measured
    r.begin(0);
    r.started(100);
    r.started(200);
    r.completed(900, true, false);
    r.started(1500);
    r.completed(3200, false, true);
    const s = r.finish([900 - 100]);
    expect(s.windows.map((w) => [w.started, w.completed, w.ok, w.failed, w.inFlight, w.cacheHits])).toEqual([
      [2, 1, 1, 0, 2, 0],
      [1, 0, 0, 0, 2, 0],
      [0, 0, 0, 0, 2, 0],
      [0, 1, 0, 1, 2, 1],
    ]);
    expect(s.windows.map((w) => w.latencyP50Ms)).toEqual([800, null, null, null]);
  });

  it('classifies calls: 429, 529, other 5xx, dropped streams, retries, billed tokens', () => {
    const r = new TimeSeriesRecorder({ mode: 'realtime', upstream: 'calls', windowMs: 1000 });
    r.begin(0);
    const usage = { inputTokens: 10, outputTokens: 5 };
    r.call(10, { kind: 'rate-limited', status: 429, message: '' }, false);
    r.call(20, { kind: 'overloaded', status: 529, message: '' }, true);
    r.call(30, { kind: 'server-error', status: 504, message: '' }, true);
    r.call(40, { kind: 'stream-dropped', message: '', usage }, false);
    r.call(50, { kind: 'ok', text: '', stopReason: 'end_turn', usage }, false);
    r.call(60, { kind: 'status', status: 500 }, false);
    const [w] = r.finish([]).windows;
    expect(w).toEqual({
      ...emptyWindow(),
      calls: 6,
      http429: 1,
      http529: 1,
      http5xx: 2,
      streamDrops: 1,
      retries: 2,
      inputTokens: 20,
      outputTokens: 10,
    });
  });

  it('merges windows pairwise past 240, doubling the window and keeping every total', () => {
    const r = new TimeSeriesRecorder({ mode: 'realtime', upstream: 'calls', windowMs: 1000 });
    r.begin(0);
    const samples: number[] = [];
    // One request a second for 600 s, each taking 500 ms.
    for (let t = 0; t < 600; t++) {
      r.started(t * 1000);
      r.completed(t * 1000 + 500, true, t % 3 === 0);
      samples.push(500);
    }
    const s = r.finish(samples);
    expect(s.windowMs).toBe(4000);
    expect(s.windows).toHaveLength(150);
    expect(s.windows.length).toBeLessThanOrEqual(MAX_WINDOWS);
    expect(total(s, 'started')).toBe(600);
    expect(total(s, 'ok')).toBe(600);
    expect(total(s, 'cacheHits')).toBe(200);
    expect(s.windows[0]).toMatchObject({ started: 4, ok: 4, inFlight: 1, latencyP99Ms: 500 });
  });

  it('takes the window a scenario sets (timeSeries.window), in simulated runs too', async () => {
    const yaml = `
name: windowed
seed: 1
timeSeries: { window: 500ms }
workload: { requests: 20, arrival: { type: constant, rate: 10/s }, maxTokens: 16 }
`;
    const results = await runScenario(parseScenario(yaml, path.resolve('inline.yaml')), {
      wallClock: fixedDate,
    });
    const s = results.runs[0]?.timeSeries as TimeSeries;
    expect(s.windowMs).toBe(500);
    expect(s.windows.slice(0, 4).map((w) => w.started)).toEqual([5, 5, 5, 5]);
  });

  it('refuses a window that is not a positive duration, naming the field', () => {
    expect(() => parseScenario('timeSeries: { window: 0s }\nworkload: { requests: 1 }\n', 'x.yaml')).toThrow(
      /timeSeries\.window/,
    );
  });
});

describe('window sizes and merging', () => {
  it('sizes simulated runs to ≤ 120 windows of a readable length', () => {
    expect(readableWindowMs(100, 50)).toBe(100); // 5 s run: 100 ms
    expect(readableWindowMs(100, 1250)).toBe(2000); // 125 s: 1 s would make 125 windows
    expect(readableWindowMs(100, 6000)).toBe(5000); // 10 min: 5 s
    expect(readableWindowMs(200, 8192)).toBe(15_000); // 27 min, recorded at 200 ms
    expect(readableWindowMs(800, 8192)).toBe(60_000); // no readable 15 s / 30 s multiple of 800 ms
  });

  it('coarsens by summing counters and keeping the peak in flight', () => {
    const a = { ...emptyWindow(3), started: 2, http429: 1 };
    const b = { ...emptyWindow(5), started: 1, inputTokens: 7 };
    const c = { ...emptyWindow(1), ok: 1 };
    expect(coarsen([a, b, c], 2)).toEqual([
      { ...emptyWindow(5), started: 3, http429: 1, inputTokens: 7 },
      { ...emptyWindow(1), ok: 1 },
    ]);
  });

  it('merges shards at the longer window when it is a multiple, and refuses otherwise', () => {
    const w = (ok: number): TimeSeriesWindow => ({ ...emptyWindow(), started: ok, ok });
    const a: TimeSeries = { windowMs: 1000, upstream: 'calls', windows: [w(1), w(2), w(1)] };
    const b: TimeSeries = { windowMs: 2000, upstream: 'calls', windows: [w(1)] };
    const merged = mergeTimeSeries([
      { series: a, latencyMs: [10, 20, 30, 40] },
      { series: b, latencyMs: [5] },
    ]);
    expect(merged?.series.windowMs).toBe(2000);
    expect(merged?.series.windows.map((x) => [x.started, x.ok, x.latencyP50Ms, x.latencyP99Ms])).toEqual([
      [4, 4, 10, 30],
      [1, 1, 40, 40],
    ]);
    // Window by window, shard by shard.
    expect(merged?.latencyMs).toEqual([10, 20, 30, 5, 40]);
    const c: TimeSeries = { windowMs: 1500, upstream: 'calls', windows: [w(1)] };
    expect(
      mergeTimeSeries([
        { series: a, latencyMs: [10, 20, 30, 40] },
        { series: c, latencyMs: [5] },
      ]),
    ).toBe(undefined);
  });
});

describe('one window per matrix cell', () => {
  const w = (ok: number): TimeSeriesWindow => ({ ...emptyWindow(), started: ok, ok });
  const run = (windowMs: number, oks: number[]) => ({
    timeSeries: { windowMs, upstream: 'calls' as const, windows: oks.map(w) },
    samples: { latencyMs: oks.flatMap((n, i) => Array.from({ length: n }, () => i + 1)) },
  });

  it('coarsens every strategy of a cell to the longest window when the others divide it', () => {
    const runs = [run(2000, [1, 1, 1, 1, 1]), run(10_000, [4])];
    alignWindows(runs);
    expect(runs.map((r) => r.timeSeries.windowMs)).toEqual([10_000, 10_000]);
    expect(runs[0]?.timeSeries.windows.map((x) => [x.ok, x.latencyP50Ms, x.latencyP99Ms])).toEqual([
      [5, 3, 5],
    ]);
  });

  it('else to the shortest readable window they all divide', () => {
    const runs = [run(2000, [1, 1, 1, 1, 1]), run(5000, [1, 1])];
    alignWindows(runs);
    expect(runs.map((r) => [r.timeSeries.windowMs, r.timeSeries.windows.length])).toEqual([
      [10_000, 1],
      [10_000, 1],
    ]);
  });

  it('gives the quickstart’s strategies one window per cell', async () => {
    const results = await runScenario(await loadScenario('scenarios/quickstart.yaml'), {
      wallClock: fixedDate,
    });
    const byCell = new Map<string, number[]>();
    for (const r of results.runs)
      byCell.set(r.cellId, [...(byCell.get(r.cellId) ?? []), r.timeSeries?.windowMs ?? 0]);
    expect(Object.fromEntries(byCell)).toEqual({
      'concurrency=5,maxTokens=256': [10_000, 10_000, 10_000, 10_000],
      'concurrency=5,maxTokens=512': [10_000, 10_000, 10_000, 10_000],
      'concurrency=20,maxTokens=256': [10_000, 10_000, 10_000, 10_000],
      'concurrency=20,maxTokens=512': [10_000, 10_000, 10_000, 10_000],
    });
  });
});

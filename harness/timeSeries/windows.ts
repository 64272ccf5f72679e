import type { TimeSeries, TimeSeriesWindow } from '../results/ResultsFile.ts';
import { percentileSorted } from '../stats/summarize.ts';

/** Most windows a time series keeps in results.json: beyond it neighbours merge pairwise. */
export const MAX_WINDOWS = 240;

/** Windows a simulated run's default window aims at (at most). */
export const TARGET_WINDOWS = 120;

/** Window lengths people read at a glance (ms): 100 ms … 1 h, in 1-2-5 steps and minute steps. */
export const READABLE_WINDOWS_MS: readonly number[] = [
  100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/** A window with nothing in it and `inFlight` requests carried over from before it. */
export function emptyWindow(inFlight = 0): TimeSeriesWindow {
  return {
    started: 0,
    completed: 0,
    ok: 0,
    failed: 0,
    inFlight,
    calls: 0,
    http429: 0,
    http529: 0,
    http5xx: 0,
    streamDrops: 0,
    retries: 0,
    cacheHits: 0,
    inputTokens: 0,
    outputTokens: 0,
    latencyP50Ms: null,
    latencyP99Ms: null,
  };
}

const COUNTERS = [
  'started',
  'completed',
  'ok',
  'failed',
  'calls',
  'http429',
  'http529',
  'http5xx',
  'streamDrops',
  'retries',
  'cacheHits',
  'inputTokens',
  'outputTokens',
] as const;

/** Adds `from`'s counters into `into`; `inFlight` takes the larger (or the sum: shards side by side). */
function addInto(into: TimeSeriesWindow, from: TimeSeriesWindow, inFlight: 'max' | 'sum'): void {
  for (const key of COUNTERS) into[key] += from[key];
  into.inFlight = inFlight === 'max' ? Math.max(into.inFlight, from.inFlight) : into.inFlight + from.inFlight;
}

/**
 * Merges every `factor` neighbouring windows into one (counters summed, `inFlight` the peak); the
 * latency percentiles are left null, for {@link withPercentiles} to fill from the samples.
 */
export function coarsen(windows: readonly TimeSeriesWindow[], factor: number): TimeSeriesWindow[] {
  if (!Number.isInteger(factor) || factor < 1)
    throw new RangeError(`coarsen: factor ${factor} is not a whole number ≥ 1`);
  const out: TimeSeriesWindow[] = [];
  for (let i = 0; i < windows.length; i += factor) {
    const merged = emptyWindow();
    for (let j = i; j < Math.min(windows.length, i + factor); j++)
      addInto(merged, windows[j] as TimeSeriesWindow, 'max');
    out.push(merged);
  }
  return out;
}

/**
 * Fills each window's latency p50/p99 (nearest rank) from its slice of `latencyMs`: the samples of
 * successful requests in window order, `ok` of them per window. Returns false (and leaves the
 * percentiles) when the counts do not add up to the samples.
 */
export function withPercentiles(windows: TimeSeriesWindow[], latencyMs: readonly number[]): boolean {
  let total = 0;
  for (const w of windows) total += w.ok;
  if (total !== latencyMs.length) return false;
  let at = 0;
  for (const w of windows) {
    if (w.ok === 0) {
      w.latencyP50Ms = null;
      w.latencyP99Ms = null;
      continue;
    }
    const sorted = Float64Array.from(latencyMs.slice(at, at + w.ok)).sort();
    at += w.ok;
    w.latencyP50Ms = percentileSorted(sorted, 50);
    w.latencyP99Ms = percentileSorted(sorted, 99);
  }
  return true;
}

/**
 * The simulated default window: the smallest readable length (a multiple of the recorded window
 * `baseMs`) that covers `windowCount` recorded windows in at most {@link TARGET_WINDOWS}; when no
 * readable length is a multiple, the smallest multiple of `baseMs` that does.
 */
export function readableWindowMs(baseMs: number, windowCount: number): number {
  const spanMs = baseMs * windowCount;
  const fits = (ms: number): boolean => Math.ceil(spanMs / ms) <= TARGET_WINDOWS;
  for (const ms of READABLE_WINDOWS_MS) {
    if (ms >= baseMs && ms % baseMs === 0 && fits(ms)) return ms;
  }
  return baseMs * Math.max(1, Math.ceil(windowCount / TARGET_WINDOWS));
}

/**
 * The time series of shards of one run measured side by side: windows aligned from each shard's
 * start, at the longest window of the shards (each shard's window must divide it, or there is no
 * merged series: undefined). Counters add up; `inFlight` is the sum of the shards' peaks (an upper
 * bound of the combined peak). The latency samples come back window by window, shard by shard,
 * so the merged series' percentiles are exact and it can be merged again.
 */
export function mergeTimeSeries(
  parts: readonly { series: TimeSeries; latencyMs: readonly number[] }[],
): { series: TimeSeries; latencyMs: number[] } | undefined {
  const first = parts[0];
  if (first === undefined) return undefined;
  const windowMs = Math.max(...parts.map((p) => p.series.windowMs));
  if (parts.some((p) => windowMs % p.series.windowMs !== 0)) return undefined;
  const slices: { windows: TimeSeriesWindow[]; offsets: number[]; latencyMs: readonly number[] }[] = [];
  for (const part of parts) {
    const windows = coarsen(part.series.windows, windowMs / part.series.windowMs);
    const offsets: number[] = [];
    let at = 0;
    for (const w of windows) {
      offsets.push(at);
      at += w.ok;
    }
    if (at !== part.latencyMs.length) return undefined;
    slices.push({ windows, offsets, latencyMs: part.latencyMs });
  }
  const length = Math.max(...slices.map((s) => s.windows.length));
  const windows: TimeSeriesWindow[] = [];
  const latencyMs: number[] = [];
  for (let i = 0; i < length; i++) {
    const merged = emptyWindow();
    for (const s of slices) {
      const w = s.windows[i];
      if (w === undefined) continue;
      addInto(merged, w, 'sum');
      const from = s.offsets[i] as number;
      for (let k = from; k < from + w.ok; k++) latencyMs.push(s.latencyMs[k] as number);
    }
    windows.push(merged);
  }
  withPercentiles(windows, latencyMs);
  const series: TimeSeries = {
    windowMs,
    upstream: parts.every((p) => p.series.upstream === 'calls') ? 'calls' : 'none',
    windows,
  };
  if (first.series.limitsPerMin !== undefined) series.limitsPerMin = first.series.limitsPerMin;
  return { series, latencyMs };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Gives the runs of one matrix cell one window, so their series overlay: the longest of theirs when
 * the others divide it, else the shortest readable length they all divide (else their least common
 * multiple). Counters are merged (`coarsen`) and percentiles recomputed from each run's samples.
 */
export function alignWindows(
  runs: readonly { timeSeries?: TimeSeries; samples: { latencyMs: number[] } }[],
): void {
  const sized = runs.filter((r) => r.timeSeries !== undefined);
  if (sized.length < 2) return;
  const lengths = sized.map((r) => (r.timeSeries as TimeSeries).windowMs);
  const longest = Math.max(...lengths);
  const divides = (ms: number): boolean => lengths.every((w) => ms % w === 0);
  const target = divides(longest)
    ? longest
    : (READABLE_WINDOWS_MS.find((ms) => ms >= longest && divides(ms)) ??
      lengths.reduce((a, b) => (a * b) / gcd(a, b)));
  for (const run of sized) {
    const series = run.timeSeries as TimeSeries;
    if (series.windowMs === target) continue;
    series.windows = coarsen(series.windows, target / series.windowMs);
    series.windowMs = target;
    withPercentiles(series.windows, run.samples.latencyMs);
  }
}

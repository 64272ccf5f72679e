/**
 * Time series of a run (results.json `timeSeries`, docs/metrics.md "Time series"): what happened
 * in each fixed window of the run's clock, with bounded memory (neighbouring windows merge
 * pairwise when a run outgrows them) and totals that add up to the run's metrics.
 */
import type { TimeSeries, TimeSeriesWindow } from '../results/ResultsFile.ts';
import type { Outcome } from '../transport/Transport.ts';
import { coarsen, emptyWindow, MAX_WINDOWS, readableWindowMs, withPercentiles } from './windows.ts';

/** Window of simulated runs without a `timeSeries.window`: recorded at this, sized to the run at the end (ms). */
export const SIMULATED_BASE_WINDOW_MS = 100;

/** Windows a simulated run records before merging pairwise (then sized down to ≤ 120 at the end). */
const SIMULATED_RECORDED_WINDOWS = 8192;

/** Realtime runs' window without a `timeSeries.window` (ms). */
export const REALTIME_DEFAULT_WINDOW_MS = 1000;

export interface TimeSeriesOptions {
  /** The window (ms) the scenario asked for (`timeSeries.window`); unset: the mode's default. */
  windowMs?: number;
  mode: 'simulated' | 'realtime';
  upstream: TimeSeries['upstream'];
  limitsPerMin?: TimeSeries['limitsPerMin'];
}

/**
 * Counts a run's events into windows. Times are the run's clock (ms); window 0 starts at the
 * origin given to {@link TimeSeriesRecorder.begin}; events before it fall in window 0.
 */
export class TimeSeriesRecorder {
  #windowMs: number;
  readonly #maxWindows: number;
  readonly #sizeToRun: boolean;
  readonly #options: TimeSeriesOptions;
  #originMs: number | undefined;
  readonly #windows: TimeSeriesWindow[] = [];
  #inFlight = 0;

  constructor(options: TimeSeriesOptions) {
    this.#options = options;
    this.#sizeToRun = options.windowMs === undefined && options.mode === 'simulated';
    this.#windowMs =
      options.windowMs ??
      (options.mode === 'simulated' ? SIMULATED_BASE_WINDOW_MS : REALTIME_DEFAULT_WINDOW_MS);
    this.#maxWindows = this.#sizeToRun ? SIMULATED_RECORDED_WINDOWS : MAX_WINDOWS;
  }

  /** The measured part began at `originMs`: events are counted from here (earlier ones are ignored). */
  begin(originMs: number): void {
    this.#originMs ??= originMs;
  }

  /** Clock ms where window 0 starts (0 before {@link begin}). */
  get originMs(): number {
    return this.#originMs ?? 0;
  }

  /** A measured logical request was sent. */
  started(atMs: number): void {
    const w = this.#at(atMs);
    if (w === undefined) return;
    w.started++;
    this.#inFlight++;
    if (this.#inFlight > w.inFlight) w.inFlight = this.#inFlight;
  }

  /** A measured logical request finished (`ok` or not; `cacheHit` when the cache answered it). */
  completed(atMs: number, ok: boolean, cacheHit: boolean): void {
    const w = this.#at(atMs);
    if (w === undefined) return;
    w.completed++;
    if (ok) w.ok++;
    else w.failed++;
    if (cacheHit) w.cacheHits++;
    this.#inFlight--;
  }

  /** A measured request in flight was cut short by an interrupt: it leaves without completing. */
  abandoned(): void {
    this.#inFlight--;
  }

  /**
   * An upstream call ended with `outcome` (`retry`: the request or batch had called before). Token
   * counts: what the call was billed (`usage`), unless `tokens` overrides them.
   */
  call(atMs: number, outcome: Outcome | { kind: 'status'; status: number }, retry: boolean): void {
    const w = this.#at(atMs);
    if (w === undefined) return;
    w.calls++;
    if (retry) w.retries++;
    const status = outcome.kind === 'status' ? outcome.status : outcome.kind === 'ok' ? 200 : outcome.status;
    if (status === 429) w.http429++;
    else if (status === 529) w.http529++;
    else if (status !== undefined && status >= 500) w.http5xx++;
    if (outcome.kind === 'stream-dropped' && (status === undefined || status === 200)) w.streamDrops++;
    if (outcome.kind !== 'status' && outcome.usage !== undefined) this.tokens(atMs, outcome.usage);
  }

  /** Tokens billed at `atMs` (user modules: what the module reported, at completion). */
  tokens(atMs: number, usage: { inputTokens: number; outputTokens: number }): void {
    const w = this.#at(atMs);
    if (w === undefined) return;
    w.inputTokens += usage.inputTokens;
    w.outputTokens += usage.outputTokens;
  }

  /**
   * The series, its latency percentiles from `latencyMs` (the run's successful latencies in
   * completion order, as written to results.json). A simulated run without a window of its own is
   * sized now: ≤ 120 windows of a readable length.
   */
  finish(latencyMs: readonly number[]): TimeSeries {
    let windowMs = this.#windowMs;
    let windows = this.#windows.map((w) => ({ ...w }));
    if (this.#sizeToRun) {
      const target = readableWindowMs(windowMs, windows.length);
      windows = coarsen(windows, target / windowMs);
      windowMs = target;
    }
    while (windows.length > MAX_WINDOWS) {
      windows = coarsen(windows, 2);
      windowMs *= 2;
    }
    withPercentiles(windows, latencyMs);
    const series: TimeSeries = { windowMs, upstream: this.#options.upstream, windows };
    if (this.#options.limitsPerMin !== undefined) series.limitsPerMin = this.#options.limitsPerMin;
    return series;
  }

  /** The window of `atMs`, creating the windows up to it (and merging pairwise past the cap). */
  #at(atMs: number): TimeSeriesWindow | undefined {
    if (this.#originMs === undefined) return undefined;
    const index = Math.max(0, Math.floor((atMs - this.#originMs) / this.#windowMs));
    let i = index;
    while (i >= this.#maxWindows) {
      this.#mergePairs();
      i = Math.max(0, Math.floor((atMs - this.#originMs) / this.#windowMs));
    }
    while (this.#windows.length <= i) this.#windows.push(emptyWindow(this.#inFlight));
    return this.#windows[i];
  }

  #mergePairs(): void {
    const merged = coarsen(this.#windows, 2);
    this.#windows.length = 0;
    this.#windows.push(...merged);
    this.#windowMs *= 2;
  }
}
